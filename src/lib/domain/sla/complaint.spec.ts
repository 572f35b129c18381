import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { extended, met, newClock, started } from './clock-events';
import type { ClockEvent } from './clock-types';
import { computeClock } from './compute-clock';
import { deriveExtensionNoticeClock } from './derived-clocks';
import { explainClock } from './explain-clock';

const at = (local: string) => new Date(`${local}+05:00`);
const calendar = createCalendar();
const received = at('2026-04-13T10:00'); // Monday
const EXT = '001 p.25 para 1';
const review = (...events: ClockEvent[]) => newClock('complaint-review', 'provider', [started(received), ...events]);

describe('complaints (ADR-011; 001 pp.23–25; 000 pp.15–17)', () => {
	it('forwarding within 3 WD of receipt (001 p.23; T15)', () => {
		const c = computeClock(newClock('complaint-forwarding', undefined, [started(received)]), calendar, received);
		expect(c.dueDate).toBe('2026-04-16');
	});

	it('review within 5 WD by the provider, 15 WD by the quality-control body (001 p.24; T16/T17)', () => {
		expect(computeClock(review(), calendar, received).dueDate).toBe('2026-04-20');
		const body = newClock('complaint-review', 'quality-body', [started(received)]);
		expect(computeClock(body, calendar, received).dueDate).toBe('2026-05-05'); // 1 May skipped
	});

	it('one extension of 10 WD moves the review end by 10 WD, and starts a 3-WD notice clock (001 p.25; T18/T19)', () => {
		const clock = review(extended(at('2026-04-17T11:00'), 10, EXT));
		const c = computeClock(clock, calendar, at('2026-04-21T10:00'));
		expect(c.dueDate).toBe('2026-05-05');
		expect(c.dueDate).toBe(calendar.addWorkingDays('2026-04-20', 10));
		expect(c.extension).toEqual({ at: at('2026-04-17T11:00'), by: 10, citation: EXT });
		expect(c.state).toBe('running');

		const notice = deriveExtensionNoticeClock(clock);
		expect(computeClock(notice, calendar, at('2026-04-21T10:00')).dueDate).toBe('2026-04-22');
		expect(
			computeClock(deriveExtensionNoticeClock(clock, [met(at('2026-04-21T16:00'))]), calendar, at('2026-04-22T10:00'))
				.state
		).toBe('met');
		expect(computeClock(notice, calendar, at('2026-04-23T09:00')).state).toBe('overdue');
		expect(explainClock(clock, calendar, at('2026-04-21T10:00')).steps[1]).toBe(
			'2026-04-17 11:00 extended by 10 working days (001 p.25 para 1); due 2026-05-05 18:30'
		);
	});

	it.each([
		[
			'a second extension',
			[extended(at('2026-04-15T10:00'), 3, EXT), extended(at('2026-04-16T10:00'), 2, EXT)],
			/extended only once/
		],
		['more than 10 WD', [extended(at('2026-04-15T10:00'), 11, EXT)], /1–10 WD/],
		['an extension after the term ran out', [extended(at('2026-04-21T10:00'), 5, EXT)], /no longer be extended/]
	])('rejects %s', (_case, events, message) => {
		expect(() => computeClock(review(...events), calendar, at('2026-04-30T10:00'))).toThrow(message);
	});

	it('rejects an extension of a clock the acts do not let extend', () => {
		const term = newClock('service-term', 'licence-import', [
			started(received),
			extended(at('2026-04-15T10:00'), 5, EXT)
		]);
		expect(() => computeClock(term, calendar, at('2026-04-30T10:00'))).toThrow(/cannot be extended/);
		expect(() => deriveExtensionNoticeClock(review())).toThrow(/extended event/);
	});
});
