/**
 * The provider's office hours, ADR-001 and 001 Annex 1 row 7(1) / 000 Annex 1 row 7(1):
 * Monday–Friday 09:00–18:30 with lunch 13:00–14:30, so a working day holds 8 hours of office
 * time. Registration cut-off 17:00 (ADR-002; 001 row 7(2), 000 row 7(2)).
 * All values are minutes since local midnight; the helpers below work in milliseconds.
 */
import { MS_PER_MINUTE } from './almaty-time';

export const OFFICE_OPENS = 9 * 60;
export const LUNCH_STARTS = 13 * 60;
export const LUNCH_ENDS = 14 * 60 + 30;
export const OFFICE_CLOSES = 18 * 60 + 30;
/** Applications received at or after 17:00 are registered the next working day (ADR-002). */
export const REGISTRATION_CUTOFF = 17 * 60;

const MORNING_MIN = LUNCH_STARTS - OFFICE_OPENS;
/** Office minutes in one working day: 4 h morning + 4 h afternoon = 480. */
export const WORKING_DAY_MINUTES = MORNING_MIN + (OFFICE_CLOSES - LUNCH_ENDS);

const OPENS_MS = OFFICE_OPENS * MS_PER_MINUTE;
const LUNCH_STARTS_MS = LUNCH_STARTS * MS_PER_MINUTE;
const LUNCH_ENDS_MS = LUNCH_ENDS * MS_PER_MINUTE;
const CLOSES_MS = OFFICE_CLOSES * MS_PER_MINUTE;
const MORNING_MS = MORNING_MIN * MS_PER_MINUTE;
export const WORKING_DAY_MS = WORKING_DAY_MINUTES * MS_PER_MINUTE;
export const OFFICE_CLOSES_MS = CLOSES_MS;

/** Office time (ms) elapsed on a working day by the given time of day; lunch does not count. */
export function officeMsElapsed(msOfDay: number): number {
	if (msOfDay <= OPENS_MS) return 0;
	if (msOfDay <= LUNCH_STARTS_MS) return msOfDay - OPENS_MS;
	if (msOfDay <= LUNCH_ENDS_MS) return MORNING_MS;
	if (msOfDay <= CLOSES_MS) return MORNING_MS + (msOfDay - LUNCH_ENDS_MS);
	return WORKING_DAY_MS;
}

/**
 * The earliest time of day at which `officeMs` (0 < officeMs ≤ one day) of office time has
 * elapsed: exactly 4 h lands on 13:00, not 14:30, and a full day on 18:30. Used when counting
 * forwards, so a limit that ends at lunch ends before lunch.
 */
export function timeAtOfficeMsEarliest(officeMs: number): number {
	return officeMs <= MORNING_MS ? OPENS_MS + officeMs : LUNCH_ENDS_MS + (officeMs - MORNING_MS);
}

/**
 * The latest time of day with `officeMs` (0 ≤ officeMs < one day) elapsed: 0 is 09:00 and 4 h is
 * 14:30. Used when counting backwards ("2 hours before 10:00" is 09:00 the same day, not 18:30
 * of the day before).
 */
export function timeAtOfficeMsLatest(officeMs: number): number {
	return officeMs < MORNING_MS ? OPENS_MS + officeMs : LUNCH_ENDS_MS + (officeMs - MORNING_MS);
}
