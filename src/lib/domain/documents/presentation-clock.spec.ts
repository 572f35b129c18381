/**
 * The certificates' six-month presentation term (000 Annex 4 form 1 item 12; form 2 item 9):
 * started by the signature, due at the end of the same date six months later (moved to the next
 * working day when that is not one), and closed once, at its due, when it lapses.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { computeClock, type SlaClock } from '../sla';
import { presentationClockOnSigning, presentationLapse, PRESENTATION_LAPSED_EVENT } from './presentation-clock';
import { DOCUMENT_KINDS } from './kinds';

const calendar = createCalendar({});
/** 10:00 in Almaty (UTC+5) on a date. */
const almaty = (date: string) => new Date(`${date}T10:00:00+05:00`);

function started(kind: (typeof DOCUMENT_KINDS)[number], at: Date): SlaClock {
	const op = presentationClockOnSigning(kind, at);
	if (!op || op.op !== 'start') throw new Error('no clock');
	return op.clock.clock;
}

describe('certificate presentation term (000 Annex 4)', () => {
	it.each(DOCUMENT_KINDS.map((k) => [k, k === 'end-user-certificate' || k === 'import-certificate'] as const))(
		'signing a %s starts it: %s',
		(kind, starts) => {
			expect(presentationClockOnSigning(kind, almaty('2026-03-10')) !== null).toBe(starts);
		}
	);

	it.each([
		// signed on          due (last day, Almaty)  why
		['2026-03-10', '2026-09-10', 'same date six months later, a Thursday'],
		['2026-08-31', '2027-03-01', '28 Feb 2027 (no 31st) is a Sunday: the next working day'],
		['2026-06-16', '2026-12-17', '16 Dec 2026 is Independence Day: the next working day'],
		['2026-09-08', '2027-03-09', '8 Mar 2027 is International Women’s Day'],
		['2026-01-05', '2026-07-07', '5 Jul 2026 is a Sunday, 6 Jul Capital Day']
	])('signed %s → presentable until %s (%s)', (signed, dueDate) => {
		const clock = started('end-user-certificate', almaty(signed));
		expect([clock.unit, clock.length, clock.citation]).toEqual([
			'months',
			6,
			'000 Annex 4 form 1 item 12; form 2 item 9'
		]);
		const c = computeClock(clock, calendar, almaty(signed));
		expect(c.state).toBe('running');
		expect(c.dueDate).toBe(dueDate);
		expect(c.due!.toISOString()).toBe(new Date(`${dueDate}T23:59:59+05:00`).toISOString());
	});

	it('lapses once: not before its due, then closed at the due without a breach', () => {
		const clock = started('import-certificate', almaty('2026-03-10'));
		const due = computeClock(clock, calendar, almaty('2026-03-10')).due!;
		expect(presentationLapse(clock, due, new Date(due.getTime() - 1))).toBeNull();
		const lapse = presentationLapse(clock, due, new Date(due.getTime() + 60_000))!;
		expect(lapse.event.type).toBe(PRESENTATION_LAPSED_EVENT);
		expect(lapse.event.citation).toContain('000 Annex 4');
		const closed: SlaClock = { ...clock, events: [...clock.events, lapse.closing] };
		const after = computeClock(closed, calendar, new Date(due.getTime() + 86_400_000));
		expect([after.state, after.late, after.band]).toEqual(['met', false, 'ok']);
		expect(presentationLapse(closed, due, new Date(due.getTime() + 120_000))).toBeNull();
	});

	it('never lapses another kind of clock', () => {
		const other: SlaClock = { ...started('end-user-certificate', almaty('2026-03-10')), kind: 'hearing' };
		expect(presentationLapse(other, almaty('2026-03-10'), almaty('2026-12-01'))).toBeNull();
	});
});
