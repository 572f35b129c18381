import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { monthlyListClock, nextMonth, reminderDue } from './monthly-list-clock';

/** An Almaty wall-clock time as an instant. */
const almaty = (local: string) => new Date(`${local}+05:00`);
const calendar = createCalendar();
const clock = (month: string, received: string | null, now: string) =>
	monthlyListClock(month, received ? almaty(received) : null, almaty(now), calendar);

describe('monthlyListClock (004 P 11: by the 5th of the next month)', () => {
	it.each([
		// Reporting month, received, now → due date, state. 5 May 2026 is a Tuesday.
		['2026-04', null, '2026-05-03T12:00', '2026-05-05', 'awaited'],
		['2026-04', null, '2026-05-05T23:59', '2026-05-05', 'awaited'],
		['2026-04', null, '2026-05-06T00:00', '2026-05-05', 'overdue'],
		['2026-04', '2026-05-05T20:00', '2026-05-20T10:00', '2026-05-05', 'received-on-time'],
		['2026-04', '2026-05-06T09:00', '2026-05-20T10:00', '2026-05-05', 'received-late'],
		// 5 April 2026 is a Sunday: the term ends on Monday 6 April (ADR-003, ADR-093).
		['2026-03', '2026-04-06T20:00', '2026-04-20T10:00', '2026-04-06', 'received-on-time'],
		['2026-03', null, '2026-04-06T23:00', '2026-04-06', 'awaited'],
		['2026-03', null, '2026-04-07T00:00', '2026-04-06', 'overdue'],
		// December's list is due in January of the next year (Tuesday 5 January 2027).
		['2026-12', null, '2027-01-06T09:00', '2027-01-05', 'overdue']
	] as const)('%s received %s, at %s: due %s, %s', (month, received, now, dueDate, state) => {
		const c = clock(month, received, now);
		expect([c.dueDate, c.state]).toEqual([dueDate, state]);
	});

	it('is due at the end of the 5th, Almaty', () => {
		expect(clock('2026-04', null, '2026-05-01T00:00').dueAt.toISOString()).toBe('2026-05-05T18:59:59.000Z');
	});

	it.each([
		['2026-01', '2026-02'],
		['2026-12', '2027-01']
	])('nextMonth(%s) = %s', (m, next) => expect(nextMonth(m)).toBe(next));
});

describe('reminderDue: once per reporting month', () => {
	const overdue = clock('2026-03', null, '2026-04-07T09:00');
	it.each([
		[overdue, [], true],
		[overdue, ['2026-03'], false],
		[overdue, ['2026-02'], true],
		[clock('2026-03', null, '2026-04-04T09:00'), [], false],
		[clock('2026-03', '2026-04-08T09:00', '2026-04-09T09:00'), [], false]
	])('%j reminded for %j → %s', (c, reminded, due) => {
		expect(reminderDue(c, new Set(reminded))).toBe(due);
	});
});
