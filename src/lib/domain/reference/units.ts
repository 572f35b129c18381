/**
 * The Committee's units a person or a case belongs to, by the name stored on them, with that name
 * in each language (ADR-062). A unit not listed here shows as it was entered.
 */
import type { DisplayLocale } from '../format/display-format';

export interface Unit {
	/** As stored on `users.unit` and `cases.unit`. */
	readonly code: string;
	readonly names: Readonly<Record<DisplayLocale, string>>;
}

export const UNITS: readonly Unit[] = [
	{
		code: 'Registry',
		names: { kk: 'Тіркеу бөлімі', ru: 'Отдел регистрации', en: 'Registry' }
	},
	{
		code: 'Export control',
		names: { kk: 'Экспорттық бақылау басқармасы', ru: 'Управление экспортного контроля', en: 'Export control' }
	}
];

/** The unit's name in `locale`, or the stored name when the unit is not a listed one. */
export function unitNameIn(code: string, locale: DisplayLocale): string {
	return UNITS.find((u) => u.code === code)?.names[locale] ?? code;
}
