/**
 * Who may see or do what: the one access policy, used by routes (src/lib/server/auth/guard.ts),
 * the socket server (event routing, replays) and drafting alike. Pure: it decides from the roles,
 * unit and agency the server read from the database and from facts of the case, never from what a
 * client claims. The UI only hides what the server would refuse anyway.
 *
 * The restricted-data rule (the basis of a confidential refusal ground, 001 p.19 para 5) is stated
 * once: a role that may read restricted data at all (`cases:read-restricted`) reads it only on a
 * case it has in hand. A wall-board kiosk session has `board:read` and nothing else.
 */
import type { Role } from './roles';
import { mayReadCase } from './confidential-cases';
import { A3_PARTICIPANTS as A3 } from '../procedures/customs-participants';

export const permissions = {
	'cases:read': ['registrar', 'officer', 'head', 'supervisor', 'complaint_reviewer', 'admin'],
	/** Every case is in hand: they answer for all of them. */
	'cases:read-all': ['head', 'supervisor'],
	/** In hand: their own cases, their unit's and unassigned ones (the queue's tabs). */
	'cases:read-unit': ['officer', 'registrar'],
	/**
	 * The `restricted` part of case data and events (001 p.19 para 5). Never sent to applicants,
	 * agencies or the wall board; read only on cases in hand (staffAudience).
	 */
	'cases:read-restricted': ['officer', 'head', 'supervisor'],
	'cases:register': ['registrar'],
	'cases:work': ['officer', 'head'],
	'cases:decide': ['head'],
	'board:read': ['registrar', 'officer', 'head', 'supervisor', 'complaint_reviewer', 'admin', 'wallboard'],
	/** Case events as the board's summary, without data. */
	'board:events': ['wallboard'],
	'supervision:read': ['supervisor', 'head', 'admin'],
	/** Period analyses of decided cases and agencies, and their exports: those who answer for compliance. */
	'supervision:analyse': ['supervisor', 'head'],
	/**
	 * The State Revenue Committee's monthly device lists (004 P 11), "For official use": imported and
	 * read only by those who verify devices (004 P 14–15; the officers and heads of ADR-022).
	 */
	'device-lists:work': ['officer', 'head'],
	'complaints:review': ['complaint_reviewer'],
	/** The complaint list: its reviewers, and those who answer for the decisions complained about. */
	'complaints:read': ['complaint_reviewer', 'supervisor', 'head'],
	'consultations:answer': ['agency_liaison'],
	/** Edit any case's refusal draft (the case's assignee edits its own); sign it (001 p.20, Annex 2). */
	'drafts:edit-any': ['head'],
	'drafts:sign': ['head'],
	/** Read a draft before it is signed: it may still hold restricted data, so only its readers. */
	'drafts:read': ['supervisor'],
	/** Read the letter once signed, not the draft before (001 p.19 para 5). */
	'letters:read-signed': ['complaint_reviewer'],
	'users:manage': ['admin'],
	'calendar:manage': ['admin'],
	'tokens:manage': ['admin'],
	'audit:verify': ['admin', 'supervisor'],
	/**
	 * The seven participants of 003 A3 p.7, one permission each; the steps of p.8 are taken by them
	 * (the procedure's steps name the participant; the expert and the legal expert are also different
	 * people, ProcedureStep.performer).
	 */
	'a3:office': A3.office.roles,
	'a3:provider-head': A3['provider-head'].roles,
	'a3:unit-head': A3['unit-head'].roles,
	'a3:chief-expert': A3['chief-expert'].roles,
	'a3:expert': A3.expert.roles,
	'a3:legal-head': A3['legal-head'].roles,
	'a3:legal-expert': A3['legal-expert'].roles
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/** A kiosk session reads the wall board and nothing else, whatever its user's roles. */
const KIOSK_PERMISSIONS: ReadonlySet<Permission> = new Set(['board:read']);

export function can(roles: readonly Role[], permission: Permission, kiosk = false): boolean {
	if (kiosk && !KIOSK_PERMISSIONS.has(permission)) return false;
	const allowed: readonly string[] = permissions[permission];
	return roles.some((r) => allowed.includes(r));
}

/** Who is asking: a signed-in user's rights as the server read them. */
export interface Actor {
	userId: number;
	roles: readonly Role[];
	unit?: string | null;
	agencyCode?: string | null;
	kiosk?: boolean;
	/** Colleagues away now for whom this user stands in (ADR-061): their cases are in hand too. */
	standsInFor?: readonly number[];
}

const may = (actor: Actor, permission: Permission) => can(actor.roles, permission, actor.kiosk);

// ---------------------------------------------------------------------------------------------
// Cases: in hand, and with or without the restricted part.
// ---------------------------------------------------------------------------------------------

export interface CaseRouting {
	assigneeId: number | null;
	unit: string | null;
}

/**
 * Standing in (ADR-061, ADR-087): the case's assignee is away and this user, who works cases, is
 * their substitute now. One hop: `standsInFor` lists only those who named this user.
 */
export function standsInForAssignee(actor: Actor, c: { assigneeId: number | null }): boolean {
	return c.assigneeId !== null && !!actor.standsInFor?.includes(c.assigneeId) && may(actor, 'cases:work');
}

/** Whether this staff member has the case in hand (HTTP and socket alike). */
export function hasCaseInHand(actor: Actor, c: CaseRouting): boolean {
	if (may(actor, 'cases:read-all')) return true;
	if (standsInForAssignee(actor, c)) return true;
	if (!may(actor, 'cases:read-unit')) return false;
	const unit = actor.unit ?? null;
	return c.assigneeId === actor.userId || c.assigneeId === null || (unit !== null && c.unit === unit);
}

/**
 * Whether this staff member may open the case at all: the 004 rule of confidential-cases.ts
 * (`mayReadCase`: heads, the assigned officer, any officer while unassigned), and the substitute of
 * an absent assignee, who reads what the assignee reads on their cases (004 P 14–15: the device data
 * stay with those who do the verification, and the substitute does it now; ADR-087).
 */
export function mayOpenCase(actor: Actor, c: { service: string; assigneeId: number | null }): boolean {
	if (mayReadCase(actor, c)) return true;
	return !actor.kiosk && standsInForAssignee(actor, c);
}

/** `staff-full` (with the restricted part) for a reader of restricted data with the case in hand, otherwise `staff`. */
export function staffAudience(actor: Actor, c: CaseRouting): 'staff-full' | 'staff' {
	return may(actor, 'cases:read-restricted') && hasCaseInHand(actor, c) ? 'staff-full' : 'staff';
}

/**
 * Out of office (ADR-061): a colleague may stand in for an absent user when both work cases
 * (`cases:work`), they are of the same unit, and the substitute is someone else and active.
 */
export function maySubstitute(
	absent: Pick<Actor, 'userId' | 'roles' | 'unit'>,
	substitute: Pick<Actor, 'userId' | 'roles' | 'unit' | 'kiosk'> & { disabled?: boolean }
): boolean {
	if (absent.userId === substitute.userId || substitute.disabled || substitute.kiosk) return false;
	if (!can(absent.roles, 'cases:work') || !can(substitute.roles, 'cases:work')) return false;
	return (absent.unit ?? null) !== null && absent.unit === substitute.unit;
}

// ---------------------------------------------------------------------------------------------
// Case events on the socket: who receives which, in what form.
// ---------------------------------------------------------------------------------------------

export interface RoutedCase extends CaseRouting {
	service: string;
}

/**
 * full: staff with the restricted part; stripped: staff without it; agency: its own consultation; summary: the board.
 */
export type Delivery = 'full' | 'stripped' | 'agency' | 'summary' | null;

/**
 * Supervisors and heads: every event; officers and registrars: the cases they have in hand;
 * complaint reviewers: complaint cases; agency liaisons: their own agency's consultations only;
 * the wall board: a summary without data. Staff get the restricted part by staffAudience.
 */
export function deliveryFor(
	actor: Actor,
	event: { type: string; payload?: Record<string, unknown> | null },
	c: RoutedCase
): Delivery {
	// A confidential case reaches only those who work it, not even as a summary (004 P 14–15).
	if (!mayOpenCase(actor, c)) return null;
	if (actor.kiosk) return 'summary';
	const form: Delivery = staffAudience(actor, c) === 'staff-full' ? 'full' : 'stripped';
	if (hasCaseInHand(actor, c)) return form;
	if (may(actor, 'complaints:review') && c.service === 'complaint') return form;
	if (
		may(actor, 'consultations:answer') &&
		actor.agencyCode &&
		event.type.startsWith('consultation:') &&
		event.payload?.agency === actor.agencyCode
	)
		return 'agency';
	if (may(actor, 'board:events')) return 'summary';
	return null;
}

// ---------------------------------------------------------------------------------------------
// A case's refusal draft (ADR-015): per document, for every socket message and HTTP call.
// ---------------------------------------------------------------------------------------------

export type DraftAccess = 'edit' | 'read' | null;

/**
 * edit: the case's assignee (the responsible executor) and heads; read: supervisors, and complaint
 * reviewers once the letter is signed; nothing for anyone else or a kiosk session. A signed draft
 * is frozen: its editors become readers.
 */
export function draftAccess(
	actor: Actor,
	c: { assigneeId: number | null },
	status: 'drafting' | 'signed'
): DraftAccess {
	if (actor.kiosk) return null;
	if (c.assigneeId === actor.userId || may(actor, 'drafts:edit-any')) return status === 'signed' ? 'read' : 'edit';
	if (may(actor, 'drafts:read')) return 'read';
	if (status === 'signed' && may(actor, 'letters:read-signed')) return 'read';
	return null;
}

/** Only a head signs the letter (001 p.20: by the EDS of the head or the person acting for the head). */
export function maySignDraft(actor: Actor): boolean {
	return may(actor, 'drafts:sign');
}

// ---------------------------------------------------------------------------------------------
// A case's attachments (ADR-056): files the Committee keeps on the case, never deleted.
// ---------------------------------------------------------------------------------------------

/**
 * Read (list, download): whoever may read the case and has a reason to: staff with it in hand,
 * complaint reviewers on complaint cases, heads and supervisors on all; a confidential device case
 * only as `mayReadCase` allows (004 P 14–15). Never a kiosk.
 */
export function mayReadAttachments(actor: Actor, c: RoutedCase): boolean {
	if (actor.kiosk || !may(actor, 'cases:read') || !mayOpenCase(actor, c)) return false;
	if (hasCaseInHand(actor, c)) return true;
	return may(actor, 'complaints:review') && c.service === 'complaint';
}

/** Attach or withdraw: those who work or register the case and have it in hand. */
export function mayAttachToCase(actor: Actor, c: RoutedCase): boolean {
	if (!mayReadAttachments(actor, c)) return false;
	return (may(actor, 'cases:work') || may(actor, 'cases:register')) && hasCaseInHand(actor, c);
}
