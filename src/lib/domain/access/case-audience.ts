/**
 * Need to know: one function per audience that shapes a case (or a case event) for it. Every page
 * load, API answer, socket event and replay goes through here, so what an audience may read is
 * decided in one place.
 *
 * Fields are classed (CASE_FIELD_CLASSES):
 * - `restricted`: the basis of a confidential refusal ground, not disclosed outside the officers
 *   with the case in hand (001 p.19 para 5) — only the `staff-full` audience;
 * - `internal`: what other state bodies told the Committee (which body objected and why, 001 p.16;
 *   the MFA's reference, 001 p.17) — staff; an agency its own answer, the MFA its own result;
 * - `staff-only`: the Committee's own working (assignee, staff usernames, the event trail, hearing
 *   notes, the decision's internal note) — staff.
 * Outside the Committee, views are built from allow-lists: a field not named there is not sent.
 * Who gets which audience is the access policy's (policy.ts: staffAudience, deliveryFor).
 */
import type { Delivery } from './policy';

export const AUDIENCES = ['staff-full', 'staff', 'applicant', 'agency', 'mfa', 'control', 'board'] as const;
export type Audience = (typeof AUDIENCES)[number];
export type FieldClass = 'public' | 'restricted' | 'internal' | 'staff-only';

/** Which classes of field each audience may read (an agency, the MFA and a control-system body only their own part). */
export const AUDIENCE_READS: Record<Audience, readonly FieldClass[]> = {
	'staff-full': ['public', 'internal', 'staff-only', 'restricted'],
	staff: ['public', 'internal', 'staff-only'],
	applicant: ['public'],
	agency: [],
	mfa: [],
	control: [],
	board: []
};

/**
 * The classed fields of a case view (paths as in CaseFacts; `[]` for every element). The spec puts
 * a marker in each and checks every audience against AUDIENCE_READS.
 */
export const CASE_FIELD_CLASSES = {
	'events[].after.restricted': 'restricted',
	'events[].before.restricted': 'restricted',
	'decision.basis': 'restricted',
	'decision.restricted': 'restricted',
	'consultations[].reason': 'internal',
	'consultations[].agency': 'internal',
	'consultations[].lateAnswer': 'internal',
	'mfaCheck.reference': 'internal',
	'controlRequests[].risks': 'internal',
	'controlRequests[].information': 'internal',
	'events[].after.reason': 'internal',
	'events[].after.reference': 'internal',
	'assignee.username': 'staff-only',
	'assignee.displayName': 'staff-only',
	'events[].actor': 'staff-only',
	'events[].type': 'staff-only',
	'decision.hearing.notes': 'staff-only',
	'decision.note': 'staff-only',
	'application.riskInformation': 'staff-only',
	'decision.text': 'public',
	'applicant.name': 'public',
	'clocks[].suspensions[].reason': 'public'
} as const satisfies Record<string, FieldClass>;

// ---------------------------------------------------------------------------------------------
// Staff: everything the Committee holds, without the restricted part unless `staff-full`.
// ---------------------------------------------------------------------------------------------

const RESTRICTED_KEYS = new Set(['restricted', 'basis']);

/** Drops every `restricted` (and `basis`) key at any depth: whatever holds it, it does not leave. */
export function withoutRestricted<T>(value: T): T {
	if (Array.isArray(value)) return value.map(withoutRestricted) as T;
	if (!value || typeof value !== 'object' || value instanceof Date) return value;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) if (!RESTRICTED_KEYS.has(k)) out[k] = withoutRestricted(v);
	return out as T;
}

/** A case (any staff view of it: page data, API answer) for staff of the given audience. */
export function caseForStaff<T>(view: T, audience: 'staff-full' | 'staff'): T {
	return audience === 'staff-full' ? view : withoutRestricted(view);
}

// ---------------------------------------------------------------------------------------------
// The plain facts of a case, from which the views outside the Committee are built.
// ---------------------------------------------------------------------------------------------

export interface SuspensionFacts {
	from: string;
	to: string | null;
	reason: string;
	legalBasis: string;
}
export interface ClockFacts {
	kind: string;
	subject: string | null;
	state: string;
	due: string | null;
	/** The Almaty date the term ends on. */
	dueDate?: string | null;
	suspensions: SuspensionFacts[];
	citation: string | null;
}
export interface ConsultationFacts {
	id: string;
	agency: string;
	requestedAt: string;
	dueAt: string;
	decision: string | null;
	answeredAt: string | null;
	reason: string | null;
	lateAnswer?: unknown;
}
export interface MfaFacts {
	id: string;
	requestedAt: string;
	resultAt: string | null;
	authentic: boolean | null;
	reference: string | null;
}
/** A request to a body of the state control system (001 p.17 paras 1–2) and its answer. */
export interface ControlRequestFacts {
	id: string;
	agency: string;
	requestedAt: string;
	answeredAt: string | null;
	risks: unknown;
	information: unknown;
}
export interface CaseFacts {
	id: string;
	number: string;
	service: string;
	stage: string;
	externalId: string | null;
	receivedAt: string;
	registeredOn: string | null;
	decidedAt: string | null;
	/** The applicant's own identity (its BIN and name), as filed. */
	applicant: { bin: string; name: string } | null;
	application: Record<string, unknown>;
	decision: Record<string, unknown> | null;
	clocks: ClockFacts[];
	consultations: ConsultationFacts[];
	mfaCheck: MfaFacts | null;
	devices: readonly { imei: string; result: string | null }[];
	/** Complaints lodged against this case, as the complainant may know them. */
	complaints?: { number: string; stage: string; decidedAt: string | null }[];
}

// ---------------------------------------------------------------------------------------------
// The applicant (through the portal): the progress of their own application, in plain words.
// ---------------------------------------------------------------------------------------------

/** The stage as the applicant is told it: the Committee's internal steps are one "under review". */
export const APPLICANT_STATUS: Record<string, string> = {
	'completeness-check': 'registered',
	'under-review': 'under-review',
	consultation: 'under-review',
	'mfa-check': 'under-review',
	hearing: 'hearing',
	'hearing-held': 'under-review',
	granted: 'granted',
	refused: 'refused',
	'returned-incomplete': 'returned-incomplete',
	'complaint-forwarding': 'complaint-received',
	'complaint-review': 'complaint-under-review',
	'complaint-decided': 'complaint-decided',
	'device-review': 'under-review',
	'devices-decided': 'decided',
	included: 'granted'
};

/** The clocks whose due the applicant is owed: the term of the service and of a complaint. */
const APPLICANT_CLOCKS = new Set(['service-term', 'complaint-review', 'complaint-forwarding']);

export function caseForApplicant(c: CaseFacts) {
	const d = c.decision ?? {};
	const preliminary = d.preliminary as { grounds?: unknown; confidential?: unknown; hearingAt?: unknown } | undefined;
	return {
		id: c.id,
		number: c.number,
		service: c.service,
		externalId: c.externalId,
		status: APPLICANT_STATUS[c.stage] ?? 'under-review',
		applicant: c.applicant ? { bin: c.applicant.bin, name: c.applicant.name } : null,
		receivedAt: c.receivedAt,
		registeredOn: c.registeredOn,
		terms: c.clocks
			.filter((k) => APPLICANT_CLOCKS.has(k.kind))
			.map((k) => ({
				kind: k.kind,
				state: k.state,
				due: k.due,
				dueDate: k.dueDate ?? null,
				citation: k.citation,
				suspensions: k.suspensions.map((s) => ({ from: s.from, to: s.to, reason: s.reason, legalBasis: s.legalBasis }))
			})),
		// The preliminary refusal is notified to the applicant, with the hearing (001 p.19 para 3).
		hearing: preliminary
			? {
					grounds: preliminary.grounds ?? [],
					confidentialGrounds: preliminary.confidential ?? [],
					hearingAt: preliminary.hearingAt ?? null
				}
			: null,
		decision: c.decidedAt
			? {
					decidedAt: c.decidedAt,
					outcome: (d.outcome as string | undefined) ?? APPLICANT_STATUS[c.stage] ?? null,
					// A confidential ground is stated without its basis (001 p.19 para 5).
					grounds: d.grounds ?? [],
					confidentialGrounds: d.confidential ?? [],
					validUntil: d.validUntil ?? null,
					document: d.document ?? null,
					documentNumber: d.documentNumber ?? null,
					// The refusal letter, or the reasons of a complaint's decision, are the applicant's.
					letter: (d.text as string | undefined) ?? (d.reason as string | undefined) ?? null
				}
			: null,
		devices: c.devices.map((x) => ({ imei: x.imei, result: x.result })),
		complaints: (c.complaints ?? []).map((x) => ({
			number: x.number,
			status: APPLICANT_STATUS[x.stage] ?? 'complaint-received',
			decidedAt: x.decidedAt
		}))
	};
}
export type ApplicantCaseView = ReturnType<typeof caseForApplicant>;

// ---------------------------------------------------------------------------------------------
// An approving state body (001 p.16): its own consultation and what it needs to answer it.
// ---------------------------------------------------------------------------------------------

/**
 * The application data a consulted body needs to approve or object (001 p.16): the goods with both
 * codes, description and quantity, the counterparty and the end user with their countries. Built
 * from an allow-list: not the applicant, not the goods' value, not the risk information, not the
 * documents' validity — a field added to the application later is not sent until named here.
 */
export function applicationForAgency(application: Record<string, unknown>) {
	const lines = Array.isArray(application.goodsLines) ? (application.goodsLines as Record<string, unknown>[]) : [];
	const party = (p: unknown) => {
		const x = p as { name?: unknown; country?: unknown } | undefined;
		return x ? { name: x.name ?? null, country: x.country ?? null } : null;
	};
	return {
		goodsLines: lines.map((g) => ({
			hsCode: g.hsCode ?? null,
			controlCode: g.controlCode ?? null,
			description: g.description ?? null,
			quantity: g.quantity ?? null,
			unit: g.unit ?? null
		})),
		counterparty: party(application.counterparty),
		endUser: party(application.endUser),
		// Every country the goods go to or through the parties of (ISO 3166 alpha-2; the page names them).
		countries: [
			...new Set(
				[application.counterparty, application.endUser]
					.map((p) => (p as { country?: unknown } | undefined)?.country)
					.filter((c): c is string => typeof c === 'string')
			)
		]
	};
}

export function consultationForAgency(
	c: Pick<CaseFacts, 'id' | 'number' | 'service' | 'application'>,
	consultation: ConsultationFacts
) {
	return {
		id: consultation.id,
		caseId: c.id,
		caseNumber: c.number,
		service: c.service,
		agency: consultation.agency,
		requestedAt: consultation.requestedAt,
		dueAt: consultation.dueAt,
		decision: consultation.decision,
		answeredAt: consultation.answeredAt,
		reason: consultation.reason,
		application: applicationForAgency(c.application)
	};
}

// ---------------------------------------------------------------------------------------------
// The MFA (001 p.17): its own check and the counterparty whose guarantee it verifies.
// ---------------------------------------------------------------------------------------------

export function checkForMfa(c: Pick<CaseFacts, 'id' | 'number' | 'application'>, check: MfaFacts) {
	const party = c.application.counterparty as { name?: unknown; country?: unknown } | undefined;
	return {
		id: check.id,
		caseId: c.id,
		caseNumber: c.number,
		requestedAt: check.requestedAt,
		resultAt: check.resultAt,
		authentic: check.authentic,
		reference: check.reference,
		counterparty: party ? { name: party.name ?? null, country: party.country ?? null } : null
	};
}

// ---------------------------------------------------------------------------------------------
// A body of the state control system (001 p.17 paras 1–2): its own request and answer, nothing
// of the case.
// ---------------------------------------------------------------------------------------------

export function requestForControlBody(request: ControlRequestFacts) {
	return {
		id: request.id,
		agency: request.agency,
		requestedAt: request.requestedAt,
		answeredAt: request.answeredAt,
		risks: request.risks,
		information: request.information
	};
}

// ---------------------------------------------------------------------------------------------
// Case events: the socket, its replay, and the wall board's list.
// ---------------------------------------------------------------------------------------------

export interface EventLike {
	type: string;
	payload?: Record<string, unknown> | null;
}

/** The envelope fields every audience that receives an event may read: what happened, when, to which case. */
const ENVELOPE_FIELDS = ['id', 'type', 'caseId', 'caseNumber', 'at', 'citation'] as const;

/** What the wall board shows of an event's data: the outcome, never who said it or why. */
export function boardSummaryOf(type: string, after: Record<string, unknown> | null | undefined) {
	const a = after ?? {};
	if (type === 'consultation:answered' || type === 'consultation:late-answer-recorded')
		return { decision: a.decision === 'object' ? 'object' : 'approve' };
	if (type === 'mfa:result-received') return { authentic: a.authentic === true };
	return {};
}

/** A case on the wall board's "closest to breach" list: its clock, not who works it or with whom. */
export function caseRowForBoard(row: {
	id: string;
	number: string;
	service: string;
	applicant: string;
	band: string;
	remainingWorkingMinutes: number | null;
	next: { kind: string; due: string; citation: string } | null;
}) {
	return {
		id: row.id,
		number: row.number,
		service: row.service,
		applicant: row.applicant,
		band: row.band,
		remainingWorkingMinutes: row.remainingWorkingMinutes,
		next: row.next ? { kind: row.next.kind, due: row.next.due, citation: row.next.citation } : null
	};
}

/** The fields of its own consultation's events an agency liaison receives. */
const AGENCY_EVENT_FIELDS = ['agency', 'decision', 'reason', 'dueAt', 'requestedAt'] as const;

/**
 * A case event for an audience: staff-full as is; staff without the restricted part; outside the
 * Committee only the envelope (not who acted), and for an agency its own consultation's outcome.
 * Routing (who receives which event at all) is policy.ts (deliveryFor).
 */
export function eventForAudience<E extends EventLike>(event: E, audience: Audience): E {
	if (audience === 'staff-full') return event;
	if (audience === 'staff') return withoutRestricted(event);
	const source = event as unknown as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const k of ENVELOPE_FIELDS) if (k in source) out[k] = source[k];
	const payload = event.payload;
	if (audience === 'agency' && payload && event.type.startsWith('consultation:')) {
		const kept: Record<string, unknown> = {};
		for (const k of AGENCY_EVENT_FIELDS) if (k in payload) kept[k] = payload[k];
		out.payload = kept;
	}
	return out as E;
}

const AUDIENCE_OF: Record<Exclude<Delivery, null>, Audience> = {
	full: 'staff-full',
	stripped: 'staff',
	agency: 'agency',
	summary: 'board'
};

/** A case event in the form the policy decided for its receiver (deliveryFor). */
export function eventForDelivery<E extends EventLike>(event: E, delivery: Exclude<Delivery, null>): E {
	return eventForAudience(event, AUDIENCE_OF[delivery]);
}
