/**
 * A case event as a sentence a reader understands — who did what, when (Asia/Almaty) and on what
 * legal basis — in Kazakh, Russian or English, never as its type code (`case:decided`). Pure: the
 * language is a parameter, messages are looked up with it, times use our own formats (ADR-032).
 */
import * as messages from '../paraglide/messages';
import { findAgency } from '../domain/reference/agencies';
import { formatDateTime, type DisplayLocale } from '../domain/format/display-format';
import { formatCitations } from '../domain/legal/citation';

export interface TimelineEventInput {
	type: string;
	/** The actor's label: a username, `system`, `portal`, `scheduler` or `agency:<code>`. */
	actor: string;
	/** The acting person's display name in the reader's language (ADR-062); the label when absent. */
	actorName?: string | null;
	/** The assigned person's display name, for an assignment; `after.assignee` (a login) when absent. */
	assigneeName?: string | null;
	at: string | null;
	citation: string | null;
	after: unknown;
}

/** Which filter of the timeline an entry belongs to. */
export type TimelineGroup = 'decisions' | 'clocks' | 'notes' | 'other';

export interface TimelineLine {
	text: string;
	when: string;
	basis: string | null;
	group: TimelineGroup;
}

type Params = Record<string, string>;
type Message = (inputs: Params, options: { locale: DisplayLocale }) => string;
const table = messages as unknown as Record<string, Message | undefined>;
const say = (key: string, params: Params, locale: DisplayLocale) => table[key]?.(params, { locale }) ?? null;
const keyOf = (type: string) => `case_page_tl_${type.replace(/[:-]/g, '_')}`;

function agencyName(code: string, locale: DisplayLocale): string {
	const a = findAgency(code);
	if (!a) return code.toUpperCase();
	return locale === 'kk' ? a.shortKk : locale === 'ru' ? a.shortRu : a.shortEn;
}

function actorName(label: string, name: string | null | undefined, locale: DisplayLocale): string {
	if (name) return name;
	if (label === 'system' || label === 'portal' || label === 'scheduler') return say(keyOf(label), {}, locale) ?? label;
	if (label.startsWith('agency:')) return agencyName(label.slice('agency:'.length), locale);
	return label;
}

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The variant of a type chosen by its payload (an outcome, an answer), tried before the type itself. */
function variantOf(type: string, after: Record<string, unknown>): string | null {
	if (type === 'case:decided') return text(after.outcome) || null;
	if (type === 'consultation:answered') return text(after.decision) || null;
	if (type === 'mfa:result-received' && typeof after.authentic === 'boolean') return String(after.authentic);
	return null;
}

export function groupOf(type: string): TimelineGroup {
	if (type.startsWith('note:')) return 'notes';
	if (
		type.startsWith('clock:') ||
		type === 'complaint:deadline-approaching' ||
		type === 'consultation:deemed-approved' ||
		type === 'certificate:presentation-lapsed'
	)
		return 'clocks';
	if (
		/^(case:decided|complaint:decided|completeness:refused|refusal:|device:verified|consultation:answered)/.test(type)
	)
		return 'decisions';
	return 'other';
}

export function timelineSentence(e: TimelineEventInput, locale: DisplayLocale): TimelineLine {
	const after = (e.after && typeof e.after === 'object' ? e.after : {}) as Record<string, unknown>;
	const agencyCode = text(after.agency) || (e.actor.startsWith('agency:') ? e.actor.slice(7) : '');
	const clockKind = text(after.kind);
	const params: Params = {
		who: actorName(e.actor, e.actorName, locale),
		agency: agencyCode ? agencyName(agencyCode, locale) : '—',
		clock: clockKind ? (say(`clock_${clockKind.replaceAll('-', '_')}`, {}, locale) ?? clockKind) : '—',
		assignee: e.assigneeName || text(after.assignee) || '—',
		file: text(after.filename) || '—',
		version: text(after.version) || '1',
		reason: text(after.reason) || '—'
	};
	const variant = variantOf(e.type, after);
	const sentence =
		(variant ? say(keyOf(`${e.type}:${variant}`), params, locale) : null) ??
		say(keyOf(e.type), params, locale) ??
		say('case_page_tl_unknown', params, locale)!;
	return {
		text: sentence,
		when: e.at ? formatDateTime(e.at, locale) : '',
		basis: e.citation ? formatCitations(e.citation, locale) : null,
		group: groupOf(e.type)
	};
}
