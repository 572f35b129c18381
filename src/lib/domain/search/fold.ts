/**
 * Folding of names for search, the same as the database's `merzim_fold` (drizzle/…_desk.sql; a
 * test compares both): lower case, the Kazakh letters to the Russian letters they are typed as on
 * a keyboard without them (қ → к, ә → а …), ё → е, quotes to spaces. Lossy on purpose: "казак"
 * finds «Қазақ» and "қазақ" finds «Казак». Latin stays Latin.
 */
export const FOLD_FROM = 'әғқңөұүһіё«»"“”„';
export const FOLD_TO = 'агкноуухие      ';

const MAP = new Map<string, string>([...FOLD_FROM].map((ch, i) => [ch, FOLD_TO[i]!]));

export function foldName(text: string): string {
	let out = '';
	// U+0307: JavaScript lower-cases "İ" to "i" and a combining dot, PostgreSQL to "i".
	for (const ch of text.toLowerCase().replace(/\u0307/g, '')) out += MAP.get(ch) ?? ch;
	return out;
}
