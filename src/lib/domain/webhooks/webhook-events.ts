/**
 * The webhook events an integrator may subscribe to, which case event each announces, which kind of
 * integration token may receive it (ADR-037), and what the portal is told of each (need to know:
 * an allow-list per event, never the `restricted` part, never who acted or why a body objected).
 * Case events are mapped by their type name only, so an area that records a new case event type
 * (the documents' `document:signed`) gets its webhook by adding one line here.
 */
import { APPLICANT_STATUS, withoutRestricted } from '../access/case-audience';

export type WebhookAudience = 'portal' | 'agency' | 'mfa';

/** Webhook type → the case event it announces and who may subscribe to it. */
export const WEBHOOK_EVENTS = {
	'case.registered': { caseEvent: 'case:created', audience: 'portal' },
	'case.incompleteness-refused': { caseEvent: 'completeness:refused', audience: 'portal' },
	'case.hearing-notice': { caseEvent: 'refusal:preliminary-issued', audience: 'portal' },
	'case.decided': { caseEvent: 'case:decided', audience: 'portal' },
	'document.signed': { caseEvent: 'document:signed', audience: 'portal' },
	'document.delivered': { caseEvent: 'document:delivered', audience: 'portal' },
	'complaint.extended': { caseEvent: 'complaint:extended', audience: 'portal' },
	'complaint.decided': { caseEvent: 'complaint:decided', audience: 'portal' },
	'consultation.requested': { caseEvent: 'consultation:requested', audience: 'agency' },
	'mfa-check.requested': { caseEvent: 'mfa:requested', audience: 'mfa' }
} as const satisfies Record<string, { caseEvent: string; audience: WebhookAudience }>;

export type WebhookType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookType[];

const BY_CASE_EVENT = new Map<string, WebhookType>(WEBHOOK_TYPES.map((t) => [WEBHOOK_EVENTS[t].caseEvent, t] as const));

/** The webhook a case event is announced by, if any. */
export function webhookTypeOf(caseEventType: string): WebhookType | null {
	return BY_CASE_EVENT.get(caseEventType) ?? null;
}

/** The webhook types a token of this kind may subscribe to. */
export function webhookTypesFor(kind: WebhookAudience): WebhookType[] {
	return WEBHOOK_TYPES.filter((t) => WEBHOOK_EVENTS[t].audience === kind);
}

/**
 * What of each event's recorded data the applicant's portal is told. Not named, not sent: the
 * extension's reason and the notice's proof are the Committee's working, a confidential ground's
 * basis never leaves (001 p.19 para 5).
 */
const PORTAL_DETAILS: Record<string, readonly string[]> = {
	'case:created': ['registeredOn'],
	'completeness:refused': ['missing'],
	'refusal:preliminary-issued': [
		'grounds',
		'confidential',
		'hearingAt',
		'hearingPlace',
		'notice.channel',
		'notice.sentAt'
	],
	'case:decided': ['outcome', 'grounds', 'confidential', 'validUntil', 'documentNumber'],
	'document:signed': ['documentId', 'kind', 'title', 'version', 'sha256', 'signedAt', 'url'],
	'document:delivered': ['documentId', 'kind', 'deliveredAt', 'channel', 'reference'],
	'complaint:extended': ['workingDays', 'dueAt'],
	'complaint:decided': ['outcome']
};

export interface WebhookCaseEvent {
	type: string;
	at: Date;
	citation: string | null;
	after: unknown;
}

export interface WebhookCase {
	id: string;
	number: string;
	service: string;
	stage: string;
	externalId: string | null;
}

/** The `data` of a portal webhook: the case as the applicant knows it, and the event's public details. */
export function portalEventData(event: WebhookCaseEvent, c: WebhookCase) {
	const after = (event.after ?? {}) as Record<string, unknown>;
	const details: Record<string, unknown> = {};
	for (const path of PORTAL_DETAILS[event.type] ?? []) {
		const [head, tail] = path.split('.') as [string, string | undefined];
		const value = after[head];
		if (value === undefined) continue;
		if (tail === undefined) details[head] = value;
		else if (value && typeof value === 'object' && tail in value) {
			const inner = (details[head] ??= {}) as Record<string, unknown>;
			inner[tail] = (value as Record<string, unknown>)[tail];
		}
	}
	return {
		caseId: c.id,
		caseNumber: c.number,
		externalId: c.externalId,
		service: c.service,
		status: APPLICANT_STATUS[c.stage] ?? 'under-review',
		at: event.at.toISOString(),
		citation: event.citation,
		details: withoutRestricted(details)
	};
}

/** The body of a delivery, fixed when it is written (the bytes are signed and resent as they are). */
export function deliveryBody(id: string, type: WebhookType, createdAt: Date, data: unknown): string {
	return JSON.stringify({ id, type, createdAt: createdAt.toISOString(), data });
}
