/** Public API of the Asia/Almaty working calendar (ADR-001 to ADR-004). */
export { createCalendar } from './calendar';
export type {
	CalendarExplanation,
	CalendarOptions,
	DayInfo,
	DayKind,
	ExplainedDay,
	NonWorkingDay,
	WorkingCalendar,
	WorkingWeekendDay
} from './calendar-types';
export type { HolidayLanguage } from './kz-public-holidays';
export { kzPublicHolidays } from './kz-public-holidays';
export { SUPPORTED_FIRST_YEAR, SUPPORTED_LAST_YEAR, type LocalDate } from './local-date';
export {
	LUNCH_ENDS,
	LUNCH_STARTS,
	OFFICE_CLOSES,
	OFFICE_OPENS,
	REGISTRATION_CUTOFF,
	WORKING_DAY_MINUTES
} from './office-hours';
export type { CalendarOverride, OverrideKind } from './overrides';
export { ALMATY_UTC_OFFSET_MS, formatLocalDateTime } from './almaty-time';
