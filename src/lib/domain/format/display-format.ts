/**
 * Dates, times, numbers and amounts as a reader of each language expects them, computed here rather
 * than by `Intl` (ADR-032): Chromium has no Kazakh locale data, so the browser printed `2026-12-01`
 * after hydration where the server had printed `01.12.2026`. The same code runs on both sides, so
 * they agree. Times are Asia/Almaty (UTC+5, ADR-001).
 */
import { ALMATY_UTC_OFFSET_MS, MS_PER_DAY, localDayOfMs } from '../calendar/almaty-time';
import { civilFromDays, parseLocalDate } from '../calendar/local-date';

export type DisplayLocale = 'kk' | 'ru' | 'en';

/** The thousands separator of kk and ru: a narrow no-break space, as in `29 870,70`. */
const THIN = '\u202f';

const pad = (n: number) => String(n).padStart(2, '0');

function instant(at: string | Date | number): number {
	return typeof at === 'number' ? at : new Date(at).getTime();
}

/** `2026-12-01` (a local date) → kk/ru `01.12.2026`, en `01/12/2026`. */
export function formatDay(date: string, locale: DisplayLocale): string {
	const [y, m, d] = civilFromDays(parseLocalDate(date));
	return locale === 'en' ? `${pad(d)}/${pad(m)}/${y}` : `${pad(d)}.${pad(m)}.${y}`;
}

/** The Almaty calendar date of an instant. */
export function formatDate(at: string | Date | number, locale: DisplayLocale): string {
	const [y, m, d] = civilFromDays(localDayOfMs(instant(at)));
	return locale === 'en' ? `${pad(d)}/${pad(m)}/${y}` : `${pad(d)}.${pad(m)}.${y}`;
}

/** The Almaty wall-clock time of an instant, `18:30`. */
export function formatTime(at: string | Date | number, locale: DisplayLocale): string {
	void locale; // 24-hour clock in all three
	const ms = (((instant(at) + ALMATY_UTC_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
	const minutes = Math.floor(ms / 60_000);
	return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `01.12.2026, 18:30` (kk/ru), `01/12/2026, 18:30` (en). */
export function formatDateTime(at: string | Date | number, locale: DisplayLocale): string {
	return `${formatDate(at, locale)}, ${formatTime(at, locale)}`;
}

/** A number with grouped thousands and `fraction` decimals: kk/ru `29 870,70`, en `29,870.70`. */
export function formatNumber(value: number, locale: DisplayLocale, fraction = 0): string {
	const negative = value < 0;
	const fixed = Math.abs(value).toFixed(fraction);
	const [whole, decimals] = fixed.split('.') as [string, string | undefined];
	const group = locale === 'en' ? ',' : THIN;
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
	const text = decimals ? `${grouped}${locale === 'en' ? '.' : ','}${decimals}` : grouped;
	return negative ? `−${text}` : text;
}

/** An amount with its ISO currency code after it: `29 870,70 EUR`. */
export function formatAmount(value: number, currency: string, locale: DisplayLocale): string {
	return `${formatNumber(value, locale, 2)}${locale === 'en' ? ' ' : '\u00a0'}${currency}`;
}
