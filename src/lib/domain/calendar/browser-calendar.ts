/**
 * A working calendar for the browser, built from the non-working days the server sends (its own
 * calendar's `nonWorkingDays` and `workingWeekendDays`), so live countdowns count working time
 * exactly as the server does without shipping the date-holidays data. Years not sent are treated
 * as having no public holidays: send every year a countdown can reach.
 */
import type { NonWorkingDay, WorkingCalendar, WorkingWeekendDay } from './calendar-types';
import { createCalendarWithHolidays } from './calendar-core';
import type { HolidayEntry } from './kz-public-holidays';
import type { LocalDate } from './local-date';
import type { CalendarOverride } from './overrides';

export interface CalendarSnapshot {
	readonly fromYear: number;
	readonly toYear: number;
	readonly nonWorkingDays: readonly NonWorkingDay[];
	readonly workingWeekendDays: readonly WorkingWeekendDay[];
}

export function calendarFromSnapshot(snapshot: CalendarSnapshot): WorkingCalendar {
	const holidays = new Map<number, Map<LocalDate, HolidayEntry>>();
	const overrides: CalendarOverride[] = [];
	for (const d of snapshot.nonWorkingDays) {
		if (d.kind === 'holiday') {
			const year = Number(d.date.slice(0, 4));
			if (!holidays.has(year)) holidays.set(year, new Map());
			// Carried days (Labour Code art. 85) arrive as holidays with the date they replace.
			const entry = d.carriedFrom === undefined ? { name: d.name } : { name: d.name, carriedFrom: d.carriedFrom };
			holidays.get(year)!.set(d.date, entry);
		} else if (d.kind === 'override') overrides.push({ date: d.date, kind: 'day_off', reason: d.name });
	}
	for (const w of snapshot.workingWeekendDays) overrides.push({ date: w.date, kind: 'working_day', reason: w.reason });
	const none: ReadonlyMap<LocalDate, HolidayEntry> = new Map();
	return createCalendarWithHolidays((year) => holidays.get(year) ?? none, {
		fromYear: snapshot.fromYear,
		toYear: snapshot.toYear,
		overrides
	});
}
