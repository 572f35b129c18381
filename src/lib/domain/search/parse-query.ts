/**
 * What a search box's text asks for (ADR-040): the exact keys it may be (BIN/IIN, IMEI, external
 * id, the sequence of a case number, a CN FEA or control-list code prefix), a case-number prefix,
 * and the name fragments to look for. Pure and bounded: whatever is typed (10 KB, SQL or LIKE
 * metacharacters, only spaces) gives at most a few short keys and patterns.
 */
import { normalizeControlCode } from '../reference/codes';
import { foldName } from './fold';

/** Longer input is cut: no name, number or code is longer, and a 10 KB string costs nothing. */
export const MAX_QUERY_CHARS = 200;
/** Fragments of a name looked for; trigram search needs 3 characters to use its index. */
const MAX_WORDS = 5;
const MIN_WORD = 3;
/**
 * Legal forms and the like, folded: nearly every name holds one, so they select nothing and would
 * make the trigram index read every row.
 */
const STOP_WORDS = new Set([
	'тоо',
	'жшс',
	'ооо',
	'зао',
	'оао',
	'пао',
	'ао',
	'ак',
	'ип',
	'жк',
	'llp',
	'llc',
	'ltd',
	'jsc',
	'inc',
	'компания',
	'company',
	'corp'
]);

export interface SearchQuery {
	/** Exact keys of case_search.keys. */
	keys: string[];
	/** A prefix of a case number ("EL-2026-0001"), upper case, LIKE-escaped. */
	numberPrefix: string | null;
	/** LIKE patterns (escaped, with %) the folded names must all match. */
	namePatterns: string[];
	/** Nothing searchable was typed. */
	empty: boolean;
}

/** Escapes LIKE's own characters (the query runs with the default escape `\`). */
export function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function parseSearchQuery(input: string): SearchQuery {
	const text = input
		.slice(0, MAX_QUERY_CHARS)
		// eslint-disable-next-line no-control-regex -- control characters are what we strip
		.replace(/[\u0000-\u001f\u007f]/g, ' ')
		.normalize('NFKC')
		.trim();
	const keys = new Set<string>();
	let numberPrefix: string | null = null;
	if (!text) return { keys: [], numberPrefix, namePatterns: [], empty: true };

	const compact = text.replace(/[\s.]/g, '');
	if (/^\d+$/.test(compact)) {
		if (compact.length === 12) keys.add(`bin:${compact}`);
		if (compact.length === 15) keys.add(`imei:${compact}`);
		if (compact.length >= 4 && compact.length <= 10) keys.add(`hs:${compact}`);
		if (compact.length <= 5 && Number(compact) > 0) keys.add(`seq:${String(Number(compact))}`);
	}
	// A control-list code as typed (Latin or Cyrillic letters, ADR-010): "1C350", "10с905".
	const code = normalizeControlCode(text);
	if (/^\d{1,2}[А-ЯЁ]\d*(\.[\dА-Я.]*)?$/u.test(code) && code.length >= 2) keys.add(`cc:${code}`);
	// An external id is exact and ASCII (the portal's reference).
	if (/^[\x21-\x7e]{1,100}$/.test(text)) keys.add(`ext:${text}`);
	// A case number: a prefix, a dash, then its year and sequence ("EL-2026-00012", "el-2026").
	if (/^[A-Za-zА-Яа-я]{1,4}-[A-Za-z0-9-]{0,20}$/u.test(text)) numberPrefix = escapeLike(text.toUpperCase());

	const words = foldName(text)
		.split(/[\s,;:()«»"'/\\]+/u)
		.filter((w) => [...w].length >= MIN_WORD && !STOP_WORDS.has(w))
		.slice(0, MAX_WORDS);
	const namePatterns = words.map((w) => `%${escapeLike(w)}%`);
	return {
		keys: [...keys],
		numberPrefix,
		namePatterns,
		empty: keys.size === 0 && !numberPrefix && !namePatterns.length
	};
}
