/**
 * The SRC's monthly list of device data to the Telecommunications Committee (004 P 11): due "by the
 * 5th day of the month after the reporting month". A fixed-date term: when the 5th is not a working
 * day it ends on the next working day (the general civil-law rule), at 23:59:59 (ADR-003).
 */
import type { LocalDate, WorkingCalendar } from '../calendar';

const DUE_DAY_OF_MONTH = 5;

/** The last day of the monthly list for a reporting month (1–12) of a year. */
export function monthlyListDueDay(calendar: WorkingCalendar, year: number, month: number): LocalDate {
	if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
		throw new RangeError(`reporting month must be a year and a month 1–12, got ${year}-${month}`);
	}
	const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
	const fifth = `${String(next.y).padStart(4, '0')}-${String(next.m).padStart(2, '0')}-0${DUE_DAY_OF_MONTH}`;
	return calendar.termEndDay(fifth);
}

/** The instant the monthly list for a reporting month is due (23:59:59 local of its last day). */
export function monthlyListDue(calendar: WorkingCalendar, year: number, month: number): Date {
	return calendar.endOfCalendarDay(monthlyListDueDay(calendar, year, month));
}
