/**
 * The public shape of a working calendar. Construct one with `createCalendar` (calendar.ts);
 * every method is pure given the calendar's overrides and the date-holidays data.
 */
import type { HolidayLanguage } from './kz-public-holidays';
import type { LocalDate } from './local-date';
import type { CalendarOverride } from './overrides';

export type DayKind = 'working' | 'weekend' | 'holiday' | 'override' | 'working_override';

export interface DayInfo {
	readonly date: LocalDate;
	readonly working: boolean;
	/** 'override' = made a day off by an override; 'working_override' = made working by one. */
	readonly kind: DayKind;
	/** Holiday name, or the override's reason. */
	readonly name?: string;
	/** A holiday carried from a weekend (Labour Code art. 85): the weekend date it replaces. */
	readonly carriedFrom?: LocalDate;
}

export interface NonWorkingDay {
	readonly date: LocalDate;
	readonly kind: 'weekend' | 'holiday' | 'override';
	/** Holiday name, override reason, or 'Saturday' / 'Sunday'. */
	readonly name: string;
	/** A holiday carried from a weekend (Labour Code art. 85): the weekend date it replaces. */
	readonly carriedFrom?: LocalDate;
}

export interface WorkingWeekendDay {
	readonly date: LocalDate;
	/** The override's reason, e.g. the decree that made the Saturday a working day. */
	readonly reason: string;
}

/** Why a day in a range was skipped (not counted) or counted against the usual rule. */
export interface ExplainedDay {
	readonly date: LocalDate;
	readonly kind: 'weekend' | 'holiday' | 'override' | 'working_override';
	readonly reason: string;
}

export interface CalendarExplanation {
	readonly from: LocalDate;
	readonly to: LocalDate;
	/** Working days after `from` up to and including `to` (as workingDaysBetween). */
	readonly workingDays: number;
	/** Non-working days in the range, in date order, each with its reason. */
	readonly skipped: readonly ExplainedDay[];
	/** Weekend or holiday days that counted as working because of an override. */
	readonly countedByOverride: readonly ExplainedDay[];
}

export interface CalendarOptions {
	readonly overrides?: readonly CalendarOverride[];
	/** Narrow the supported range (default 2000–2100); dates outside it throw RangeError. */
	readonly fromYear?: number;
	readonly toYear?: number;
	/** Language of holiday names (date-holidays has kk, ru, en); default 'en'. */
	readonly holidayLanguage?: HolidayLanguage;
}

export interface WorkingCalendar {
	readonly fromYear: number;
	readonly toYear: number;
	readonly overrides: readonly CalendarOverride[];

	dayInfo(date: LocalDate): DayInfo;
	isWorkingDay(date: LocalDate): boolean;
	/** Local (Almaty) date of an instant. */
	localDate(at: Date): LocalDate;
	/** Registration day of an application received at `receivedAt` (ADR-002; 001 p.14, row 7). */
	registrationDay(receivedAt: Date): LocalDate;

	/**
	 * The n-th working day after `start` (start = day 0, ADR-003); negative n counts backwards.
	 * n = 0: `start` if it is a working day, otherwise the next working day.
	 */
	addWorkingDays(start: LocalDate, n: number): LocalDate;
	/** Working days after `from` up to and including `to`; negative if to < from. */
	workingDaysBetween(from: LocalDate, to: LocalDate): number;
	/** End of the n-th working day after `start`, 18:30 local, as an instant. */
	workingDaysDue(start: LocalDate, n: number): Date;
	/** 18:30 local of the date, as an instant. */
	endOfWorkingDay(date: LocalDate): Date;

	addCalendarDays(start: LocalDate, n: number): LocalDate;
	/** 23:59:59 local of the date, as an instant (end of a calendar-day term, ADR-003). */
	endOfCalendarDay(date: LocalDate): Date;
	/**
	 * The last day of a calendar-day, month or year term that falls on `date`: `date` itself if it
	 * is a working day, otherwise the next working day (the general civil-law rule).
	 */
	termEndDay(date: LocalDate): LocalDate;
	/** End (23:59:59) of the n-th calendar day after `start`, moved to the next working day if that is not one. */
	calendarDaysDue(start: LocalDate, n: number): Date;
	/** Same date n months later; the month's last day if that date does not exist. */
	addMonths(start: LocalDate, n: number): LocalDate;
	addYears(start: LocalDate, n: number): LocalDate;

	/** Office minutes between two instants (lunch excluded); negative if b < a. May be fractional. */
	workingMinutesBetween(a: Date, b: Date): number;
	/** The instant `minutes` of office time after `a` (before, if negative); see working-time.ts. */
	addWorkingMinutes(a: Date, minutes: number): Date;

	nonWorkingDays(year: number): NonWorkingDay[];
	workingWeekendDays(year: number): WorkingWeekendDay[];
	/** The days in (from, to] that were skipped or counted by override, with reasons. */
	explain(from: LocalDate, to: LocalDate): CalendarExplanation;

	/** A new calendar with the same range and these overrides instead (the index is rebuilt). */
	withOverrides(overrides: readonly CalendarOverride[]): WorkingCalendar;
}
