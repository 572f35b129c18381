/** Display names of codes (services, stages, clock kinds, agencies) in the current language. */
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { findService } from '$lib/domain/reference/services';
import { findAgency } from '$lib/domain/reference/agencies';

const pick = (o: { nameEn: string; nameRu: string; nameKk: string }) => {
	const locale = getLocale();
	return locale === 'kk' ? o.nameKk : locale === 'ru' ? o.nameRu : o.nameEn;
};

export function serviceName(code: string): string {
	const s = findService(code);
	return s ? pick(s) : code;
}

export function agencyShort(code: string): string {
	const a = findAgency(code);
	if (!a) return code.toUpperCase();
	const locale = getLocale();
	return locale === 'kk' ? a.shortKk : locale === 'ru' ? a.shortRu : a.shortEn;
}

/** The risk bands of a running term (domain/sla/warning-bands.ts), most urgent first, with their labels. */
export const BANDS = [
	['breached', m.band_breached],
	['red', m.band_red],
	['amber', m.band_amber],
	['ok', m.band_ok]
] as const;

export type BandKey = (typeof BANDS)[number][0];

/** A band's label; a case with no running term has none. */
export const bandLabel = (band: string): string => BANDS.find(([k]) => k === band)?.[1]() ?? m.band_none();

const messages = m as unknown as Record<string, (() => string) | undefined>;

/** `stage_<code>` / `clock_<code>` messages, falling back to the code itself. */
export function stageName(code: string): string {
	const key = code.replaceAll('-', '_');
	return (messages[`stage_${key}`] ?? messages[`legala_stage_${key}`])?.() ?? code;
}

export function clockName(code: string): string {
	return messages[`clock_${code.replaceAll('-', '_')}`]?.() ?? code;
}
