/**
 * The Asia/Almaty working calendar (ADR-001 to ADR-004) over a lazily built working-day index,
 * for any source of public holidays. Inputs are validated here; the arithmetic lives in
 * working-day-index.ts and working-time.ts. `createCalendar` (calendar.ts) binds the date-holidays
 * data for the server; the browser builds one from the days the server sends (browser-calendar.ts),
 * so the date-holidays data never ships to the client.
 */
import { MS_PER_DAY, MS_PER_MINUTE, instantMs, localDayOfMs, localMsOfDay, localToMs } from './almaty-time';
import type { CalendarOptions, ExplainedDay, WorkingCalendar } from './calendar-types';
import { describeDay, listNonWorkingDays, listWorkingWeekendDays, weekdayName } from './describe-day';
import {
	SUPPORTED_FIRST_YEAR,
	SUPPORTED_LAST_YEAR,
	addMonthsToDay,
	formatLocalDate,
	parseLocalDate,
	yearOutOfRange,
	type LocalDate
} from './local-date';
import { OFFICE_CLOSES_MS, REGISTRATION_CUTOFF } from './office-hours';
import { indexOverrides } from './overrides';
import { WorkingDayIndex, type HolidaySource } from './working-day-index';
import { addWorkingMs, workingMsBetween } from './working-time';

/** 23:59:59 local: the end of a calendar-day term (ADR-003). */
const END_OF_CALENDAR_DAY_MS = MS_PER_DAY - 1000;
const REGISTRATION_CUTOFF_MS = REGISTRATION_CUTOFF * MS_PER_MINUTE;

function checkedYear(value: number | undefined, fallback: number, label: string): number {
	const year = value ?? fallback;
	if (!Number.isInteger(year) || year < SUPPORTED_FIRST_YEAR || year > SUPPORTED_LAST_YEAR) {
		throw new RangeError(
			`${label} ${year} is outside the supported range ${SUPPORTED_FIRST_YEAR}–${SUPPORTED_LAST_YEAR}`
		);
	}
	return year;
}

function checkedCount(n: number, what: string): number {
	if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
	return n;
}

export function createCalendarWithHolidays(
	holidaysOf: HolidaySource,
	options: Omit<CalendarOptions, 'holidayLanguage'> = {}
): WorkingCalendar {
	const fromYear = checkedYear(options.fromYear, SUPPORTED_FIRST_YEAR, 'fromYear');
	const toYear = checkedYear(options.toYear, SUPPORTED_LAST_YEAR, 'toYear');
	if (toYear < fromYear) throw new RangeError(`toYear ${toYear} is before fromYear ${fromYear}`);
	const overrides = Object.freeze([...(options.overrides ?? [])]);
	const index = new WorkingDayIndex(fromYear, toYear, indexOverrides(overrides), holidaysOf);

	/** Checks a day number (parsed or computed) against this calendar's years. */
	const inRange = (d: number): number => {
		index.yearOf(d);
		return d;
	};
	const day = (date: LocalDate): number => inRange(parseLocalDate(date));
	const ms = (at: Date): number => {
		const m = instantMs(at);
		index.yearOf(localDayOfMs(m));
		return m;
	};
	const explained = (d: number): ExplainedDay => {
		const info = describeDay(index, d);
		return { date: info.date, kind: info.kind as ExplainedDay['kind'], reason: info.name ?? weekdayName(d) };
	};

	const calendar: WorkingCalendar = {
		fromYear,
		toYear,
		overrides,
		dayInfo: (date) => describeDay(index, day(date)),
		isWorkingDay: (date) => index.isWorking(day(date)),
		localDate: (at) => formatLocalDate(localDayOfMs(ms(at))),
		registrationDay(receivedAt) {
			const m = ms(receivedAt);
			const d = localDayOfMs(m);
			// ADR-002: a working day before 17:00 → that day; otherwise the next working day.
			if (index.isWorking(d) && localMsOfDay(m, d) < REGISTRATION_CUTOFF_MS) return formatLocalDate(d);
			return formatLocalDate(index.addWorkingDays(d, 1));
		},
		addWorkingDays(start, n) {
			const d = day(start);
			checkedCount(n, 'n');
			// n = 0 is "on the day itself": a non-working start rolls forward to the next working day.
			if (n === 0) return formatLocalDate(index.isWorking(d) ? d : index.addWorkingDays(d, 1));
			return formatLocalDate(index.addWorkingDays(d, n));
		},
		workingDaysBetween: (from, to) => index.workingDaysBetween(day(from), day(to)),
		workingDaysDue: (start, n) => calendar.endOfWorkingDay(calendar.addWorkingDays(start, n)),
		endOfWorkingDay: (date) => new Date(localToMs(day(date), OFFICE_CLOSES_MS)),
		addCalendarDays: (start, n) => formatLocalDate(inRange(day(start) + checkedCount(n, 'n'))),
		endOfCalendarDay: (date) => new Date(localToMs(day(date), END_OF_CALENDAR_DAY_MS)),
		// A calendar-day, month or year term whose last day is not a working day ends on the next
		// working day (the general civil-law rule on a term ending on a non-working day).
		termEndDay: (date) => calendar.addWorkingDays(date, 0),
		calendarDaysDue: (start, n) => calendar.endOfCalendarDay(calendar.termEndDay(calendar.addCalendarDays(start, n))),
		addMonths: (start, n) => formatLocalDate(inRange(addMonthsToDay(day(start), checkedCount(n, 'n')))),
		addYears: (start, n) => formatLocalDate(inRange(addMonthsToDay(day(start), 12 * checkedCount(n, 'n')))),
		workingMinutesBetween: (a, b) => workingMsBetween(index, ms(a), ms(b)) / MS_PER_MINUTE,
		addWorkingMinutes(a, minutes) {
			if (!Number.isFinite(minutes)) throw new RangeError(`minutes must be finite, got ${minutes}`);
			// Whole milliseconds, so fractional minutes round-trip through workingMinutesBetween.
			return new Date(addWorkingMs(index, ms(a), Math.round(minutes * MS_PER_MINUTE)));
		},
		nonWorkingDays: (year) => listNonWorkingDays(index, checkYear(year)),
		workingWeekendDays: (year) => listWorkingWeekendDays(index, checkYear(year)),
		explain(from, to) {
			const a = day(from);
			const b = day(to);
			const skipped: ExplainedDay[] = [];
			const countedByOverride: ExplainedDay[] = [];
			for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) {
				if (!index.isWorking(d)) skipped.push(explained(d));
				else if (describeDay(index, d).kind === 'working_override') countedByOverride.push(explained(d));
			}
			return { from, to, workingDays: index.workingDaysBetween(a, b), skipped, countedByOverride };
		},
		withOverrides: (next) => createCalendarWithHolidays(holidaysOf, { fromYear, toYear, overrides: next })
	};

	function checkYear(year: number): number {
		if (!Number.isInteger(year) || year < fromYear || year > toYear) throw yearOutOfRange(year, fromYear, toYear);
		return year;
	}

	return calendar;
}
