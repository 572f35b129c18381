/**
 * Local calendar dates as 'YYYY-MM-DD' strings, and the integer day numbers (days since
 * 1970-01-01) that the hot paths compute with. Day numbers avoid Date objects and time zones
 * entirely: a local date in Almaty is just a day number (see almaty-time.ts for instants).
 */

/** A local (Asia/Almaty) calendar date, 'YYYY-MM-DD'. A plain string so it serialises as-is. */
export type LocalDate = string;

/** The calendar supports 2000–2100: enough for archived cases and any term a case can run. */
export const SUPPORTED_FIRST_YEAR = 2000;
export const SUPPORTED_LAST_YEAR = 2100;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil: [year, month (1–12), day]. */
export function civilFromDays(dayNumber: number): [number, number, number] {
	const z = dayNumber + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ISO weekday: Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
	return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Day number of 1 January of each supported year, plus 1 January of the year after the last. */
const YEAR_FIRST_DAY = new Int32Array(SUPPORTED_LAST_YEAR - SUPPORTED_FIRST_YEAR + 2);
for (let y = SUPPORTED_FIRST_YEAR; y <= SUPPORTED_LAST_YEAR + 1; y++) {
	YEAR_FIRST_DAY[y - SUPPORTED_FIRST_YEAR] = daysFromCivil(y, 1, 1);
}
export const SUPPORTED_FIRST_DAY = daysFromCivil(SUPPORTED_FIRST_YEAR, 1, 1);
export const SUPPORTED_LAST_DAY = daysFromCivil(SUPPORTED_LAST_YEAR, 12, 31);

/** Day number of 1 January of a supported year (or of the year after the last one). */
export function firstDayOfYear(year: number): number {
	const v = YEAR_FIRST_DAY[year - SUPPORTED_FIRST_YEAR];
	if (v === undefined) throw yearOutOfRange(year, SUPPORTED_FIRST_YEAR, SUPPORTED_LAST_YEAR);
	return v;
}

/** The year of a day number inside the supported range; no Date objects, no division chains. */
export function yearOfDay(dayNumber: number): number {
	if (dayNumber < SUPPORTED_FIRST_DAY || dayNumber > SUPPORTED_LAST_DAY) {
		throw new RangeError(`day ${formatFromCivil(dayNumber)} is outside the supported years 2000–2100`);
	}
	let y = SUPPORTED_FIRST_YEAR + Math.floor((dayNumber - SUPPORTED_FIRST_DAY) / 365.2425);
	while (y > SUPPORTED_FIRST_YEAR && dayNumber < firstDayOfYear(y)) y--;
	while (y < SUPPORTED_LAST_YEAR && dayNumber >= firstDayOfYear(y + 1)) y++;
	return y;
}

export function yearOutOfRange(year: number, first: number, last: number): RangeError {
	return new RangeError(`year ${year} is outside the supported range ${first}–${last}`);
}

function malformed(date: unknown, why: string): RangeError {
	return new RangeError(`malformed local date ${JSON.stringify(date)}: ${why}`);
}

/** Digit value at position i, or -1. Char codes instead of a regex: parsing is on the hot path. */
function digitAt(s: string, i: number): number {
	const c = s.charCodeAt(i) - 48;
	return c >= 0 && c <= 9 ? c : -1;
}

/** Parses a strict 'YYYY-MM-DD' into a day number; RangeError for anything else or outside 2000–2100. */
export function parseLocalDate(date: LocalDate): number {
	if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
		throw malformed(date, "expected 'YYYY-MM-DD'");
	}
	let year = 0;
	for (let i = 0; i < 4; i++) {
		const d = digitAt(date, i);
		if (d < 0) throw malformed(date, "expected 'YYYY-MM-DD'");
		year = year * 10 + d;
	}
	const m1 = digitAt(date, 5);
	const m2 = digitAt(date, 6);
	const d1 = digitAt(date, 8);
	const d2 = digitAt(date, 9);
	if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) throw malformed(date, "expected 'YYYY-MM-DD'");
	const month = m1 * 10 + m2;
	const day = d1 * 10 + d2;
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw malformed(date, 'no such day');
	if (year < SUPPORTED_FIRST_YEAR || year > SUPPORTED_LAST_YEAR) {
		throw yearOutOfRange(year, SUPPORTED_FIRST_YEAR, SUPPORTED_LAST_YEAR);
	}
	return daysFromCivil(year, month, day);
}

function pad2(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

function formatFromCivil(dayNumber: number): LocalDate {
	const [y, m, d] = civilFromDays(dayNumber);
	return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Formatting is the costliest step of a due-date computation, so each day's string is cached. */
const FORMAT_CACHE: (string | undefined)[] = new Array(SUPPORTED_LAST_DAY - SUPPORTED_FIRST_DAY + 1);

export function formatLocalDate(dayNumber: number): LocalDate {
	const i = dayNumber - SUPPORTED_FIRST_DAY;
	if (i < 0 || i >= FORMAT_CACHE.length) return formatFromCivil(dayNumber);
	return (FORMAT_CACHE[i] ??= formatFromCivil(dayNumber));
}

/** Same day-of-month N months later; if that month is shorter, its last day (ADR-003). */
export function addMonthsToDay(dayNumber: number, months: number): number {
	const [y, m, d] = civilFromDays(dayNumber);
	const total = y * 12 + (m - 1) + months;
	const year = Math.floor(total / 12);
	const month = total - year * 12 + 1;
	return daysFromCivil(year, month, Math.min(d, daysInMonth(year, month)));
}
