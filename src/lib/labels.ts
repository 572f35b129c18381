/** Display names of codes (services, stages, clock kinds, agencies) in the current language. */
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { findService } from '$lib/domain/reference/services';
import { findAgency } from '$lib/domain/reference/agencies';
import { unitNameIn } from '$lib/domain/reference/units';
import { countryLabel } from '$lib/domain/reference/country-names';
import { controlItemDescription } from '$lib/domain/reference/control-list';
import { PROCEDURES } from '$lib/domain/procedures';

const STEPS = PROCEDURES.flatMap((p) => p.steps);
import { displayLocale } from '$lib/format';

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
	// A step of a procedure run as steps (003 A3 p.5): its name in the reader's language.
	const step = code.startsWith('step:') ? STEPS.find((s) => `step:${s.id}` === code) : undefined;
	if (step) return `${step.id}. ${pick(step)}`;
	const key = code.replaceAll('-', '_');
	return (messages[`stage_${key}`] ?? messages[`legala_stage_${key}`])?.() ?? code;
}

export function clockName(code: string): string {
	const key = code.replaceAll('-', '_');
	return (messages[`clock_${key}`] ?? messages[`docs2_clock_${key}`])?.() ?? code;
}

/** A role id (`complaint_reviewer`) as the reader says it. */
export function roleName(role: string): string {
	return messages[`role_${role}`]?.() ?? role;
}

export function roleDescription(role: string, fallback: string): string {
	return messages[`roledesc_${role}`]?.() ?? fallback;
}

/** `running`, `met`… of a clock. */
export function clockState(state: string): string {
	return messages[`clock_state_${state}`]?.() ?? state;
}

type CountMessage = (inputs: { count: string }) => string;

/** `3 working days` as `3 жұмыс күні`. */
export function termLength(length: number, unit: string): string {
	const message = (m as unknown as Record<string, CountMessage | undefined>)[`term_${unit}`];
	return message ? message({ count: String(length) }) : `${length} ${unit}`;
}

/** A case event's type (`clock:breached`) as the reader says it. */
export function eventName(type: string): string {
	const key = type.replace(/[:-]/g, '_');
	return (messages[`caseevent_${key}`] ?? messages[`docs2_caseevent_${key}`])?.() ?? type;
}

/** Who acted: the system, the portal, an agency (by its short name) or a user (by login). */
export function actorName(label: string): string {
	if (label === 'system') return m.actor_system();
	if (label === 'portal') return m.actor_portal();
	if (label === 'scheduler') return m.actor_scheduler();
	if (label.startsWith('agency:')) return agencyShort(label.slice('agency:'.length));
	return label;
}

/** A consultation's answer (`approve`, `object`, `deemed_approved`). */
export function consultationDecision(decision: string): string {
	return messages[`decision_${decision.replace(/-/g, '_')}`]?.() ?? decision;
}

const SUSPENSIONS: Record<string, () => string> = {
	"MFA authenticity check of the importer's guarantee": m.susp_mfa,
	'MFA authenticity check of the guarantee': m.susp_mfa,
	'MFA authenticity check of the guarantee commitment': m.susp_mfa,
	'Information awaited from foreign competent bodies or organisations': m.susp_foreign
};

/** A suspension's reason (causes joined by "; "), each known cause in the reader's language. */
export function suspensionReason(reason: string): string {
	return reason
		.split('; ')
		.map((r) => SUSPENSIONS[r]?.() ?? r)
		.join('; ');
}

/** An agency's full name in the current language (the stored English name if the code is unknown). */
export function agencyName(code: string, fallback: string): string {
	const a = findAgency(code);
	return a ? pick(a) : fallback;
}

/** A goods line as the application carries it: the description per language, flat or as `{ kk, ru, en }`. */
export interface GoodsText {
	description?: unknown;
	descriptionKk?: string;
	descriptionRu?: string;
	descriptionEn?: string;
}

/** A goods line's description in the page's language, falling back to another language it has. */
export function goodsDescription(line: GoodsText, locale: string = getLocale()): string | undefined {
	const own = locale === 'kk' ? line.descriptionKk : locale === 'ru' ? line.descriptionRu : line.descriptionEn;
	const d = line.description;
	const byLang = d !== null && typeof d === 'object' ? (d as Record<string, unknown>) : null;
	const shown =
		own ??
		(byLang ? (byLang[locale] ?? byLang.ru ?? byLang.kk ?? byLang.en) : d) ??
		line.descriptionEn ??
		line.descriptionRu;
	return shown === null || shown === undefined ? undefined : String(shown);
}

/** A unit of the Committee as the reader names it (ADR-062). */
export function unitName(code: string): string {
	return unitNameIn(code, displayLocale());
}

/** A webhook event type (`case.decided`) in words; the type itself is the API's, for the receiver. */
export function webhookEventName(type: string): string {
	return messages[`i18n2_hook_${type.replace(/[.-]/g, '_')}`]?.() ?? type;
}

/** What an integration token is for (`portal`, `mfa`, `agency`). */
export function tokenKindName(kind: string): string {
	return messages[`token_kind_${kind}`]?.() ?? kind;
}

/** A country by its ISO code, named in the page's language: "Германия (DE)" (ADR-077). */
export function countryHere(code: unknown): string {
	return typeof code === 'string' && code ? countryLabel(code, displayLocale()) : '—';
}

/** A control-list item's heading in the page's language, or null when the code has none (ADR-077). */
export function controlItemHere(code: unknown): string | null {
	return typeof code === 'string' && code ? controlItemDescription(code, displayLocale()) : null;
}
