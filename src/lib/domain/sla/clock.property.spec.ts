import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar, type CalendarOverride } from '../calendar';
import { resumed, started, suspended } from './clock-events';
import type { ClockEvent, SlaClock } from './clock-types';
import { computeClock } from './compute-clock';
import { deriveHearingNoticeClock } from './derived-clocks';

const overrides: CalendarOverride[] = [
	{ date: '2026-03-25', kind: 'day_off', reason: 'Nauryz carried over' },
	{ date: '2026-04-04', kind: 'working_day', reason: 'illustrative working Saturday' }
];
const calendar = createCalendar({ overrides });
const RUNS = { seed: 42, numRuns: 500 };
const HOUR = 3_600_000;
const FIRST = Date.UTC(2024, 0, 1);
const LAST = Date.UTC(2029, 11, 31);
const MFA = ['MFA authenticity check', '001 p.17 para 3'] as const;

const startArb = fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms));
const lengthArb = fc.integer({ min: 1, max: 60 });
/** A suspension: opens `after` office minutes into the clock, lasts `hours` wall-clock hours. */
// Zero is drawn often on purpose: suspensions opened at the start, and zero-length ones, are edge cases.
const suspensionArb = fc.record({
	after: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 70 * 480 })),
	hours: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 24 * 90 }))
});
const localTime = (d: Date) => new Date(d.getTime() + 5 * HOUR).toISOString().slice(11, 16);

const term = (start: Date, length: number, events: ClockEvent[] = []): SlaClock => ({
	kind: 'service-term',
	unit: 'working_days',
	length,
	citation: '001 Annex 1 row 3',
	events: [started(start), ...events]
});
function suspensionEvents(start: Date, s: { after: number; hours: number }): { events: ClockEvent[]; end: Date } {
	const from = calendar.addWorkingMinutes(start, s.after);
	const to = new Date(from.getTime() + s.hours * HOUR);
	return { events: [suspended(from, ...MFA), resumed(to)], end: to };
}
const dueMs = (clock: SlaClock, now: Date, cal = calendar) =>
	computeClock(clock, cal, now).due?.getTime() ?? Number.NaN;

describe('SLA clock properties (fast-check, seed 42)', () => {
	it('a suspension never makes a term end earlier, and the end is a working day at 18:30', () => {
		fc.assert(
			fc.property(startArb, lengthArb, suspensionArb, (start, length, s) => {
				const { events, end } = suspensionEvents(start, s);
				const without = dueMs(term(start, length), end);
				const withSuspension = computeClock(term(start, length, events), calendar, end);
				expect(withSuspension.due!.getTime()).toBeGreaterThanOrEqual(without);
				expect(calendar.isWorkingDay(calendar.localDate(withSuspension.due!))).toBe(true);
				expect(localTime(withSuspension.due!)).toBe('18:30');
			}),
			RUNS
		);
	});

	it('suspending from 09:00 of a day inside the term to 09:00 k working days later adds exactly k working days', () => {
		fc.assert(
			fc.property(
				startArb,
				fc.integer({ min: 2, max: 60 }),
				fc.integer({ min: 1, max: 59 }),
				fc.integer({ min: 0, max: 40 }),
				(start, length, dayIn, k) => {
					fc.pre(dayIn < length);
					// A service term runs from registration: day 0 is the registration day (ADR-002).
					const day0 = calendar.registrationDay(start);
					const from = calendar.addWorkingDays(day0, dayIn);
					const to = calendar.addWorkingDays(from, k);
					const at9 = (d: string) => new Date(`${d}T09:00:00+05:00`);
					const clock = term(start, length, [suspended(at9(from), ...MFA), resumed(at9(to))]);
					const c = computeClock(clock, calendar, at9(to));
					expect(c.dueDate).toBe(calendar.addWorkingDays(calendar.addWorkingDays(day0, length), k));
				}
			),
			RUNS
		);
	});

	it('a longer term never ends earlier, with or without a suspension', () => {
		fc.assert(
			fc.property(startArb, lengthArb, fc.integer({ min: 1, max: 30 }), suspensionArb, (start, length, more, s) => {
				const { events, end } = suspensionEvents(start, s);
				expect(dueMs(term(start, length + more, events), end)).toBeGreaterThan(dueMs(term(start, length, events), end));
			}),
			RUNS
		);
	});

	it('a calendar with a no-op override (a day off on a Sunday) yields the same due dates', () => {
		fc.assert(
			fc.property(startArb, lengthArb, suspensionArb, fc.integer({ min: 0, max: 300 }), (start, length, s, week) => {
				// Some Sunday between 2024 and 2029 (7 Jan 2024 is a Sunday).
				const sunday = calendar.addCalendarDays('2024-01-07', week * 7);
				const other = calendar.withOverrides([
					...overrides,
					{ date: sunday, kind: 'day_off', reason: 'closure on a Sunday' }
				]);
				const { events, end } = suspensionEvents(start, s);
				const clock = term(start, length, events);
				expect(dueMs(clock, end, other)).toBe(dueMs(clock, end));
			}),
			{ ...RUNS, numRuns: 200 }
		);
	});

	it('the hearing-notice deadline stays 3 WD before the term end when the suspension opens before it', () => {
		fc.assert(
			fc.property(startArb, fc.integer({ min: 4, max: 60 }), suspensionArb, (start, length, s) => {
				const { events, end } = suspensionEvents(start, s);
				const service = term(start, length, events);
				const noticeDueBefore = dueMs(deriveHearingNoticeClock(term(start, length)), start);
				fc.pre((events[0]?.at.getTime() ?? 0) < noticeDueBefore);
				const serviceDue = computeClock(service, calendar, end).dueDate!;
				const notice = computeClock(deriveHearingNoticeClock(service), calendar, end);
				expect(notice.dueDate).toBe(calendar.addWorkingDays(serviceDue, -3));
			}),
			RUNS
		);
	});
});
