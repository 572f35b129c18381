/**
 * Instants (Date) ↔ Almaty local day and time of day.
 *
 * Why a fixed +05:00 offset and not the IANA zone: ADR-001 puts every clock on UTC+5.
 * Since 1 March 2024 the whole of Kazakhstan, Almaty included, keeps UTC+5 all year with no
 * daylight saving (DST was dropped in 2005). Before March 2024 Almaty was UTC+6; reading those
 * older instants on the +05:00 clock is the one rule the product wants for all years. It also
 * keeps the hot path free of Intl and of the host's time-zone database, so every server gives
 * the same answer.
 */
import { SUPPORTED_FIRST_DAY, SUPPORTED_LAST_DAY, formatLocalDate } from './local-date';

export const ALMATY_UTC_OFFSET_MS = 5 * 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;

/** The instant's epoch milliseconds; RangeError for an invalid Date or a non-Date value. */
export function instantMs(at: Date): number {
	const ms = at instanceof Date ? at.getTime() : Number.NaN;
	if (!Number.isFinite(ms)) throw new RangeError(`invalid instant ${String(at)}`);
	return ms;
}

/** Local (Almaty) day number of an instant given in epoch milliseconds. */
export function localDayOfMs(ms: number): number {
	const day = Math.floor((ms + ALMATY_UTC_OFFSET_MS) / MS_PER_DAY);
	if (day < SUPPORTED_FIRST_DAY || day > SUPPORTED_LAST_DAY) {
		throw new RangeError(`instant ${new Date(ms).toISOString()} falls on ${formatLocalDate(day)}, outside 2000–2100`);
	}
	return day;
}

/** Milliseconds since local midnight of an instant's local day. */
export function localMsOfDay(ms: number, day: number): number {
	return ms + ALMATY_UTC_OFFSET_MS - day * MS_PER_DAY;
}

/** Epoch milliseconds of a local day and a time of day (ms since local midnight). */
export function localToMs(day: number, msOfDay: number): number {
	return day * MS_PER_DAY + msOfDay - ALMATY_UTC_OFFSET_MS;
}

/** 'YYYY-MM-DD HH:mm' in Almaty local time, for explanations and logs. */
export function formatLocalDateTime(at: Date): string {
	const ms = instantMs(at);
	const day = Math.floor((ms + ALMATY_UTC_OFFSET_MS) / MS_PER_DAY);
	const minutes = Math.floor(localMsOfDay(ms, day) / MS_PER_MINUTE);
	const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
	const mm = String(minutes % 60).padStart(2, '0');
	return `${formatLocalDate(day)} ${hh}:${mm}`;
}
