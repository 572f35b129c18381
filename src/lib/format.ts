/**
 * Display helpers shared by pages, in the page's language. Times are always Asia/Almaty, whatever
 * the browser's zone; the formats are our own (ADR-032), so the server's HTML and the hydrated page
 * agree even where the browser has no Kazakh locale data.
 */
import { getLocale } from '$lib/paraglide/runtime';
import {
	formatAmount,
	formatDateTime,
	formatDay,
	formatNumber,
	type DisplayLocale
} from '$lib/domain/format/display-format';
import { formatCitations } from '$lib/domain/legal/citation';

export function displayLocale(): DisplayLocale {
	const locale = getLocale();
	return locale === 'kk' || locale === 'ru' ? locale : 'en';
}

/** `at`: an ISO string, a Date or epoch milliseconds → `01.12.2026, 18:30` (kk/ru). */
export function formatAlmaty(at: string | Date | number, locale: DisplayLocale = displayLocale()): string {
	return formatDateTime(at, locale);
}

/** A local date `2026-12-01` → `01.12.2026` (kk/ru). */
export function formatLocalDay(date: string, locale: DisplayLocale = displayLocale()): string {
	return formatDay(date, locale);
}

export function formatCount(n: number, locale: DisplayLocale = displayLocale()): string {
	return formatNumber(n, locale);
}

export function formatMoney(value: number, currency: string, locale: DisplayLocale = displayLocale()): string {
	return formatAmount(value, currency, locale);
}

/** "001 p.19 para 3; 000 p.13" in the page's language. */
export function citation(text: string, locale: DisplayLocale = displayLocale()): string {
	return formatCitations(text, locale);
}
