import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { breached, cancelled, met, newClock, resumed, started, suspended } from './clock-events';
import { ClockSequenceError, type ClockErrorCode } from './clock-errors';
import type { ClockEvent, SlaClock } from './clock-types';
import { computeClock } from './compute-clock';

const at = (local: string) => new Date(`${local}+05:00`);
const calendar = createCalendar();
const now = at('2026-06-01T10:00');
const t = (day: number) => at(`2026-04-${String(day).padStart(2, '0')}T10:00`);
const MFA = ['MFA check', '001 p.17 para 3'] as const;

function codeOf(clock: SlaClock): { code: ClockErrorCode; index: number | null } | null {
	try {
		computeClock(clock, calendar, now);
		return null;
	} catch (e) {
		if (e instanceof ClockSequenceError) return { code: e.code, index: e.eventIndex };
		throw e;
	}
}
const term = (events: ClockEvent[]) => newClock('service-term', 'licence-export', events);

describe('event-sequence validation (a clear error, never a guessed state)', () => {
	it.each<[string, SlaClock, ClockErrorCode, number | null]>([
		['no events', term([]), 'missing-start', null],
		['first event is not started', term([suspended(t(1), ...MFA)]), 'missing-start', 0],
		['started twice', term([started(t(1)), started(t(2))]), 'duplicate-start', 1],
		['events out of order', term([started(t(2)), suspended(t(1), ...MFA)]), 'out-of-order', 1],
		['an event after now', term([started(t(1)), met(at('2026-06-02T10:00'))]), 'event-after-now', 1],
		['resume without suspend', term([started(t(1)), resumed(t(2))]), 'resume-without-suspend', 1],
		[
			'suspend twice',
			term([started(t(1)), suspended(t(2), ...MFA), suspended(t(3), ...MFA)]),
			'suspend-while-suspended',
			2
		],
		['a suspension without legal basis', term([started(t(1)), suspended(t(2), 'MFA', ' ')]), 'invalid-event', 1],
		[
			'suspending a clock no act suspends (consultation, 001 p.16)',
			newClock('consultation', undefined, [started(t(1)), suspended(t(2), ...MFA)]),
			'suspension-not-allowed',
			1
		],
		['an event after the clock closed', term([started(t(1)), met(t(2)), resumed(t(3))]), 'event-after-close', 2],
		[
			'breached while suspended',
			term([started(t(1)), suspended(t(2), ...MFA), breached(t(3))]),
			'breached-while-suspended',
			2
		],
		['a cancellation without reason', term([started(t(1)), cancelled(t(2), '')]), 'invalid-event', 1],
		['an invalid date', term([started(new Date('nope'))]), 'invalid-event', 0],
		['a negative length', { ...term([started(t(1))]), length: -1 }, 'invalid-clock', null],
		['a fractional number of working days', { ...term([started(t(1))]), length: 1.5 }, 'invalid-clock', null]
	])('rejects %s', (_case, clock, code, index) => {
		expect(codeOf(clock)).toEqual({ code, index });
	});

	it('names the event in the message', () => {
		expect(() => computeClock(term([started(t(1)), resumed(t(2))]), calendar, now)).toThrow(
			'event #1: resumed without a suspension'
		);
	});

	it('accepts a well-formed history, including met while suspended (due then unknown)', () => {
		expect(
			codeOf(term([started(t(1)), suspended(t(2), ...MFA), resumed(t(3)), suspended(t(6), ...MFA), met(t(7))]))
		).toBeNull();
		const c = computeClock(term([started(t(1)), suspended(t(2), ...MFA), met(t(7))]), calendar, now);
		expect([c.state, c.due, c.suspensions[0]?.to]).toEqual(['met', null, t(7)]);
	});

	it('rejects unknown kinds and the hearing notice built by hand', () => {
		expect(() => computeClock({ ...term([started(t(1))]), kind: 'lunch' as never }, calendar, now)).toThrow(
			/unknown clock kind/
		);
		expect(() => newClock('hearing-notice', undefined, [])).toThrow(/deriveHearingNoticeClock/);
		expect(() => newClock('service-term', 'licence-teleport', [])).toThrow(/no variant/);
	});
});
