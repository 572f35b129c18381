/**
 * A country's name in the reader's language, from its ISO 3166-1 alpha-2 code (the applications
 * carry codes: 001 Annex 1 forms 1–3 fields 3–5). Reference data generated from CLDR, not the
 * runtime's `Intl`, so the server and a browser without Kazakh locale data agree (ADR-077).
 */
import type { DisplayLocale } from '../format/display-format';
import { COUNTRY_NAMES } from './country-names.data';

const INDEX: Record<DisplayLocale, 0 | 1 | 2> = { kk: 0, ru: 1, en: 2 };

/** The name of the country `code` in `locale`; an unknown code is returned as given. */
export function countryName(code: string, locale: DisplayLocale): string {
	return COUNTRY_NAMES[code.trim().toUpperCase()]?.[INDEX[locale]] ?? code;
}

/** "Германия / Германия" is said once: the Kazakh and Russian names for a bilingual document. */
export function countryNameKkRu(code: string): string {
	const kk = countryName(code, 'kk');
	const ru = countryName(code, 'ru');
	return kk === ru ? kk : `${kk} / ${ru}`;
}

/** The country's name followed by its code, as a person meets it on a page: "Германия (DE)". */
export function countryLabel(code: string, locale: DisplayLocale): string {
	const name = countryName(code, locale);
	return name === code ? code : `${name} (${code.trim().toUpperCase()})`;
}
