/**
 * `createCalendar`: the working calendar with Kazakhstan's public holidays from the date-holidays
 * package (ADR-004) plus the given overrides. Server-side: the browser uses
 * browser-calendar.ts instead, to keep date-holidays out of the client bundle.
 */
import type { CalendarOptions, WorkingCalendar } from './calendar-types';
import { createCalendarWithHolidays } from './calendar-core';
import { kzPublicHolidays } from './kz-public-holidays';

export function createCalendar(options: CalendarOptions = {}): WorkingCalendar {
	const language = options.holidayLanguage ?? 'en';
	return createCalendarWithHolidays((year) => kzPublicHolidays(year, language), options);
}
