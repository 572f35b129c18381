/** Display helpers shared by pages. Times are always shown in Asia/Almaty, whatever the browser's zone. */
import { getLocale } from '$lib/paraglide/runtime';

const INTL_LOCALE: Record<string, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export function intlLocale(): string {
	return INTL_LOCALE[getLocale()] ?? 'en-GB';
}

/** `at`: an ISO string, a Date or epoch milliseconds. */
export function formatAlmaty(at: string | Date | number, locale = intlLocale()): string {
	return new Date(at).toLocaleString(locale, {
		timeZone: 'Asia/Almaty',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	});
}
