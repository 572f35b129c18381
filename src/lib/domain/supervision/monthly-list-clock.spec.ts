import { describe, expect, it } from 'vitest';
import { monthlyListClock, nextMonth, reminderDue } from './monthly-list-clock';

/** An Almaty wall-clock time as an instant. */
const almaty = (local: string) => new Date(`${local}+05:00`);

describe('monthlyListClock (004 P 11: by the 5th of the next month, calendar days)', () => {
	it.each([
		// Reporting month, received, now → due date, state.
		['2026-03', null, '2026-04-03T12:00', '2026-04-05', 'awaited'],
		['2026-03', null, '2026-04-05T23:59', '2026-04-05', 'awaited'],
		['2026-03', null, '2026-04-06T00:00', '2026-04-05', 'overdue'],
		// 5 April 2026 is a Sunday: the act gives no shift, so it stays the due date.
		['2026-03', '2026-04-05T20:00', '2026-04-20T10:00', '2026-04-05', 'received-on-time'],
		['2026-03', '2026-04-06T09:00', '2026-04-20T10:00', '2026-04-05', 'received-late'],
		// December's list is due in January of the next year.
		['2026-12', null, '2027-01-06T09:00', '2027-01-05', 'overdue']
	] as const)('%s received %s, at %s: due %s, %s', (month, received, now, dueDate, state) => {
		const c = monthlyListClock(month, received ? almaty(received) : null, almaty(now));
		expect([c.dueDate, c.state]).toEqual([dueDate, state]);
	});

	it('is due at the Almaty midnight that ends the 5th', () => {
		expect(monthlyListClock('2026-03', null, almaty('2026-04-01T00:00')).dueAt.toISOString()).toBe(
			'2026-04-05T19:00:00.000Z'
		);
	});

	it.each([
		['2026-01', '2026-02'],
		['2026-12', '2027-01']
	])('nextMonth(%s) = %s', (m, next) => expect(nextMonth(m)).toBe(next));
});

describe('reminderDue: once per reporting month', () => {
	const overdue = monthlyListClock('2026-03', null, almaty('2026-04-07T09:00'));
	it.each([
		[overdue, [], true],
		[overdue, ['2026-03'], false],
		[overdue, ['2026-02'], true],
		[monthlyListClock('2026-03', null, almaty('2026-04-04T09:00')), [], false],
		[monthlyListClock('2026-03', almaty('2026-04-08T09:00'), almaty('2026-04-09T09:00')), [], false]
	])('%j reminded for %j → %s', (clock, reminded, due) => {
		expect(reminderDue(clock, new Set(reminded))).toBe(due);
	});
});
