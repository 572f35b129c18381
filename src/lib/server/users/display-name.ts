/**
 * A person's display name in the reader's language, computed in SQL so lists sort by what the reader
 * sees: the name kept for that language, else the name entered first (ADR-062).
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { integrationTokens, users } from '../db/schema';
import type { DisplayLocale } from '../../domain/format/display-format';
import { NAME_LANGUAGES } from '../../domain/names/local-names';

/** The JSON key as an SQL literal, from the closed list only (never a parameter: PGlite cannot type it). */
function langKey(locale: DisplayLocale): SQL {
	const lang = NAME_LANGUAGES.includes(locale) ? locale : 'en';
	return sql.raw(`'${lang}'`);
}

/** `users`' display name for a reader of `locale` (of `table`, when the users table is joined under an alias). */
export function userNameSql(
	locale: DisplayLocale,
	table: { displayNames: AnyColumn; displayName: AnyColumn } = users
): SQL<string> {
	return sql<string>`coalesce(nullif(${table.displayNames} ->> ${langKey(locale)}, ''), ${table.displayName})`;
}

/** The same for a raw query where the users table is aliased (`u`). */
export function userNameRaw(alias: string, locale: DisplayLocale): SQL<string> {
	if (!/^[a-z_]+$/.test(alias)) throw new Error(`bad alias ${alias}`);
	return sql<string>`coalesce(nullif(${sql.raw(alias)}.display_names ->> ${langKey(locale)}, ''), ${sql.raw(alias)}.display_name)`;
}

/** An integration token's label for a reader of `locale`. */
export function tokenNameSql(locale: DisplayLocale): SQL<string> {
	return sql<string>`coalesce(nullif(${integrationTokens.names} ->> ${langKey(locale)}, ''), ${integrationTokens.name})`;
}
