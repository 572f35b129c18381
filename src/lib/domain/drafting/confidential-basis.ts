/**
 * Warns when a refusal letter that rests on a confidential ground (ADR-009) discloses the
 * information behind it (001 p.19 para 5: "the information that served as the basis for the refusal
 * is not subject to disclosure and/or dissemination"). The letter states the ground; its basis — the
 * objecting body's answer, the risk information, the names of the sources — must not be typed in.
 *
 * Pure: the caller gives the letter's plain text, the grounds it could contain and the case's basis
 * fragments (restricted data the officer can see). Matching is on folded words (case, Latin/Cyrillic
 * look-alikes, quotes; ADR-010), whole words only, after removing the grounds' own
 * wording and the non-disclosure sentence, so that stating the ground never warns.
 */
import { normalizeForSearch } from '../reference/codes';
import type { RefusalGround } from '../reference/refusal-grounds';
import { isConfidentialInLetter, NON_DISCLOSURE } from './ground-wording';

/** A piece of restricted information of the case, with where it came from (shown in the warning). */
export interface BasisFragment {
	text: string;
	source: string;
}

export interface BasisWarning {
	/** The confidential grounds the letter contains (their citations). */
	grounds: string[];
	source: string;
	/** The words of the fragment found in the letter. */
	matched: string;
}

/**
 * Names of sources that a letter on a confidential ground must not reveal, whatever the case: the
 * security service and intelligence or operational material (our list; extend here). A trailing `*`
 * matches any ending, for Kazakh and Russian inflection ("комитетінің", "оперативным").
 */
export const SOURCE_MARKERS: readonly BasisFragment[] = [
	{ text: 'ҰҚК*', source: 'security-service' },
	{ text: 'КНБ', source: 'security-service' },
	{ text: 'Ұлттық қауіпсіздік комитет*', source: 'security-service' },
	{ text: 'Комитет* национальной безопасности', source: 'security-service' },
	{ text: 'National Security Committee', source: 'security-service' },
	{ text: 'оперативн*', source: 'operational-information' },
	{ text: 'барлау*', source: 'intelligence' },
	{ text: 'разведк*', source: 'intelligence' },
	{ text: 'разведыв*', source: 'intelligence' },
	{ text: 'агентур*', source: 'intelligence' }
];

/** Runs of this many consecutive words of a long fragment count as disclosing it. */
export const SHINGLE_WORDS = 4;

const words = (text: string): string[] =>
	normalizeForSearch(text)
		.split(/[^\p{L}\p{N}*]+/u)
		.filter(Boolean);

/** Does the letter state this ground (its Kazakh or Russian wording, the first words, folded)? */
export function letterStatesGround(letterText: string, ground: RefusalGround): boolean {
	const text = ` ${words(letterText).join(' ')} `;
	return [ground.textKk, ground.textRu].some((wording) => text.includes(` ${words(wording).slice(0, 8).join(' ')} `));
}

/** The confidential grounds a letter states; an optional one counts when the non-disclosure sentence is there. */
export function confidentialGroundsIn(letterText: string, grounds: readonly RefusalGround[]): RefusalGround[] {
	const marked = [NON_DISCLOSURE.kk, NON_DISCLOSURE.ru].some((s) =>
		` ${words(letterText).join(' ')} `.includes(` ${words(s).join(' ')} `)
	);
	return grounds.filter(
		(g) => g.confidential !== 'never' && isConfidentialInLetter(g, marked) && letterStatesGround(letterText, g)
	);
}

function removePhrase(tokens: string[], phrase: string[]): string[] {
	if (phrase.length === 0) return tokens;
	const out: string[] = [];
	for (let i = 0; i < tokens.length;) {
		if (phrase.every((p, k) => tokens[i + k] === p)) {
			out.push('\u0000'); // a gap, so words on either side never join into a false match
			i += phrase.length;
		} else out.push(tokens[i++]!);
	}
	return out;
}

const tokenMatches = (pattern: string, token: string) =>
	pattern.endsWith('*') ? token.startsWith(pattern.slice(0, -1)) : token === pattern;

function findRun(tokens: string[], run: string[]): boolean {
	for (let i = 0; i + run.length <= tokens.length; i++)
		if (run.every((p, k) => tokenMatches(p, tokens[i + k]!))) return true;
	return false;
}

/** A run worth matching: not made only of short function words ("и", "в", "на", "мен"). */
const meaningful = (run: string[]) => run.some((w) => w.replace('*', '').length >= 4);

export function findBasisDisclosures(
	letterText: string,
	opts: { grounds: readonly RefusalGround[]; basis: readonly BasisFragment[] }
): BasisWarning[] {
	const confidential = confidentialGroundsIn(letterText, opts.grounds);
	if (confidential.length === 0) return [];
	let tokens = words(letterText);
	for (const g of opts.grounds)
		for (const wording of [g.textKk, g.textRu]) tokens = removePhrase(tokens, words(wording));
	for (const s of [NON_DISCLOSURE.kk, NON_DISCLOSURE.ru]) tokens = removePhrase(tokens, words(s));

	const warnings: BasisWarning[] = [];
	const seen = new Set<string>();
	for (const fragment of [...opts.basis, ...SOURCE_MARKERS]) {
		const f = words(fragment.text);
		if (f.length === 0) continue;
		const runs =
			f.length <= SHINGLE_WORDS
				? [f]
				: f.slice(0, f.length - SHINGLE_WORDS + 1).map((_, i) => f.slice(i, i + SHINGLE_WORDS));
		const hit = runs.find((run) => (f.length <= SHINGLE_WORDS || meaningful(run)) && findRun(tokens, run));
		if (!hit) continue;
		const key = `${fragment.source}|${hit.join(' ')}`;
		if (seen.has(key)) continue;
		seen.add(key);
		warnings.push({
			grounds: confidential.map((g) => g.citation),
			source: fragment.source,
			matched: hit.join(' ').replaceAll('*', '…')
		});
	}
	return warnings;
}
