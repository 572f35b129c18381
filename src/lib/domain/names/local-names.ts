/**
 * Names kept in each of the desk's languages — a person's display name, an integration token's
 * label — beside the one name entered first, which stays the fallback (ADR-062).
 */
import type { DisplayLocale } from '../format/display-format';

export const NAME_LANGUAGES = ['kk', 'ru', 'en'] as const satisfies readonly DisplayLocale[];

/** The name in each language it has been given in; a missing or blank one falls back. */
export type LocalNames = Partial<Record<DisplayLocale, string>>;

/** The name for a reader of `locale`: theirs, else the name entered first. */
export function nameIn(names: LocalNames | null | undefined, fallback: string, locale: DisplayLocale): string {
	const own = names?.[locale]?.trim();
	return own ? own : fallback;
}

/** Only the languages the desk speaks, trimmed, blanks dropped: what the database keeps. */
export function cleanNames(input: Record<string, unknown> | null | undefined): LocalNames {
	const out: LocalNames = {};
	for (const lang of NAME_LANGUAGES) {
		const v = input?.[lang];
		if (typeof v === 'string' && v.trim()) out[lang] = v.trim();
	}
	return out;
}
