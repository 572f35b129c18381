/**
 * Which Latin-script words on a kk or ru page are untranslated text: every word with a Latin letter
 * is, unless it is data (a foreign company, city or person as the demo catalogue spells it, a goods
 * or control-list code, a country or currency code, a hash, a token, an e-mail address) or a term
 * that stays as it is in Kazakh and Russian (PDF, IMEI, BIN...).
 */
import { COUNTRIES, DEMO_RATES_FROM_USD } from '../../src/lib/domain/reference/demo-catalogue';

/** Terms written in Latin letters in Kazakh and Russian official text too. */
const TERMS = ['PDF', 'IMEI', 'BIN', 'SHA-256', 'SHA', 'EAEU', 'TOTP', 'URL', 'API', 'OpenAPI', 'JSON', 'ID'];

function wordsOf(text: string): string[] {
	return text.match(/[\p{L}\p{N}][\p{L}\p{N}._:/@’'&+-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu) ?? [];
}

/** Latin words the demo data itself contains (foreign counterparties' names and cities). */
const DATA_WORDS = new Set<string>([
	...COUNTRIES.flatMap((c) => [...c.cities, ...c.words, ...c.fields, ...c.patterns, c.iso2].flatMap(wordsOf)),
	...Object.keys(DEMO_RATES_FROM_USD),
	...TERMS
]);

const DATA_PATTERNS: RegExp[] = [
	/^\d[A-E]\d{3}(\.[a-z0-9]+)*$/i, // EU dual-use list codes: 1A001, 5A002.a.1
	/^ML\d+(\.[a-z0-9]+)*$/i, // military list codes
	/^\d+[a-z]?$/i, // numbers with a letter suffix in codes
	/^[IVXLC]+$/, // Roman numerals (UN Charter Chapter VII)
	/^[0-9a-f]{8,}$/i, // hashes and ids
	/^[0-9a-f-]{36}$/i, // uuids
	/^mzt_/, // integration tokens
	/^[^@\s]+@[^@\s]+$/, // e-mail addresses
	/^(https?:)?\/\//, // URLs
	/^\//, // paths
	/^[A-Z]{2,3}-\d/, // case numbers such as EXP-2026-000123
	/^QR-\p{Script=Cyrillic}+$/u // «QR-код», «QR-кодты»: the term as Kazakh and Russian write it
];

/** True when `word` (a word with a Latin letter) is data or an allowed term. */
export function isAllowedLatin(word: string): boolean {
	if (DATA_WORDS.has(word)) return true;
	return DATA_PATTERNS.some((p) => p.test(word));
}

/** The words of `text` with a Latin letter that are neither data nor an allowed term. */
export function untranslatedWords(text: string): string[] {
	return wordsOf(text).filter((w) => /[A-Za-z]/.test(w) && !isAllowedLatin(w));
}
