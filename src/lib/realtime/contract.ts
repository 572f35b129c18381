/**
 * The typed event contract between the browser and the socket server. Case events travel under
 * their own `domain:action` names (past tense), each in one envelope carrying the outbox id, so a
 * client can keep the last id it saw, ask for a replay after it, and de-duplicate. Requests take an
 * ack of `{ data } | { error, code }`.
 */
import { z } from 'zod';
import type { Role } from '../domain/access/roles';

/**
 * A refusal carries the stable `code` of its domain error (ADR-031) and `error`, the message in the
 * socket user's language (what the browser shows).
 */
export type Ack<T> = (response: { data: T } | { error: string; code: string }) => void;

/** Case event types the socket server forwards (the `type` column of `case_events`). */
export const CASE_EVENT_TYPES = [
	'case:created',
	'case:assigned',
	'case:stage-changed',
	'case:decided',
	'completeness:confirmed',
	'completeness:refused',
	'consultation:requested',
	'consultation:answered',
	'consultation:deemed-approved',
	'consultation:late-answer-recorded',
	'mfa:requested',
	'mfa:result-received',
	'guarantee:original-recorded',
	'refusal:preliminary-issued',
	'hearing:held',
	'clock:started',
	'clock:suspended',
	'clock:resumed',
	'clock:warning',
	'clock:breached',
	'clock:met',
	'complaint:forwarded',
	'complaint:extended',
	'complaint:decided',
	'complaint:deadline-approaching',
	'complaint:extension-notified',
	'device:verified',
	// The device data of a decided verification destroyed after their retention (004 P 16; ADR-022).
	'device:data-destroyed',
	'step:completed',
	// The head signed the reasoned-refusal letter (ADR-015; 001 p.20, Annex 2).
	'refusal:letter-signed',
	// Documents that leave the Committee (001 p.20; 000 Annex 4): made, signed (PAdES), fetched by the
	// portal for the applicant's cabinet, and delivered with the portal's proof.
	'document:created',
	'document:signed',
	'document:downloaded',
	'document:delivered',
	// A certificate's six-month presentation term ran out (000 Annex 4; ADR-065).
	'certificate:presentation-lapsed',
	// An internal note added or edited (staff only; ADR-042).
	'note:added',
	'note:edited',
	// A file attached to the case, or withdrawn with a reason (never deleted; ADR-056).
	'case:attachment-added',
	'case:attachment-withdrawn'
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export function isCaseEventType(type: string): type is CaseEventType {
	return (CASE_EVENT_TYPES as readonly string[]).includes(type);
}

export interface CaseEventEnvelope {
	/** The outbox id: strictly increasing, the client's resume point. */
	id: number;
	type: CaseEventType;
	caseId: string;
	caseNumber: string;
	at: string;
	actor: string;
	/**
	 * Staff only: the acting person's display name and, for an assignment, the assignee's, in the
	 * receiving socket's language (ADR-062), as the case page's events query gives them; null or
	 * absent when no person acted (the label says who: `system`, `portal`, an agency).
	 */
	actorName?: string | null;
	assigneeName?: string | null;
	citation: string | null;
	/** The event's data (the row's `after`); absent for the wall board's summary view. */
	payload?: Record<string, unknown> | null;
}

type CaseEventListeners = { [K in CaseEventType]: (event: CaseEventEnvelope) => void };

export interface ServerToClientEvents extends CaseEventListeners {
	/** Sent on connect: lets the browser correct its clock skew for countdowns. */
	'session:welcomed': (payload: { serverTime: string; username: string; lastEventId: number }) => void;
	/** The socket is closed: its session was signed out or revoked, expired, or its user disabled. */
	'session:ended': (payload: { reason: 'revoked' | 'expired' | 'disabled' }) => void;
	/**
	 * This server process is shutting down (its drafts are stored): disconnect now and connect again
	 * after a random delay below `reconnectWithinMs`, reaching another process behind the balancer,
	 * rather than waiting for the transport to close (ADR-069).
	 */
	'server:going-away': (payload: { reconnectWithinMs: number }) => void;
	/** A notification for this socket's user only (ADR-060), its text in the socket's language. */
	'notification:created': (payload: NotificationPush) => void;
}

/** A notification as its recipient reads it, in their language (the list and the push alike). */
export interface NotificationItem {
	id: number;
	kind: string;
	caseId: string | null;
	caseNumber: string | null;
	text: string;
	onBehalfOf: string | null;
	createdAt: string;
}

/** A new notification as pushed to its recipient's sockets, with their unread count after it. */
export interface NotificationPush extends NotificationItem {
	unread: number;
}

/**
 * A page of a replay: after `afterId`; `upTo` is the end the first page's answer pinned (absent on
 * the first page: the server pins what it has sent live so far).
 */
export const ReplayRequestSchema = z
	.object({ afterId: z.number().int().min(0), upTo: z.number().int().min(0).optional() })
	.strict();
export type ReplayRequest = z.infer<typeof ReplayRequestSchema>;

export interface ReplayPage {
	/** The events of this page this user may see, in id order. */
	events: CaseEventEnvelope[];
	/** Where this replay ends: everything after it reaches the socket live. Pass it back with the next page. */
	upTo: number;
	/** Where this page ended (also past events this user may not see): the next page's `afterId`. */
	next: number;
	/** Whether events up to `upTo` remain after `next`. */
	more: boolean;
}

export interface ClientToServerEvents {
	'time:sync': (ack: Ack<{ serverTime: string }>) => void;
	/** One page of everything this user may see after `afterId`, up to what the server has published. */
	'events:replay': (request: ReplayRequest, ack: Ack<ReplayPage>) => void;
}

export interface SocketData {
	userId: number;
	username: string;
	sessionId: string;
	expiresAt: number;
	viewer: Viewer;
	/** `viewer` serialised: sockets with equal viewers get each event's routing decided once. */
	viewerKey: string;
	/** The language of the handshake (cookie, then Accept-Language, as pages): refusals' messages are in it. */
	locale: 'kk' | 'ru' | 'en';
}

/** Who is watching, as far as event routing is concerned (decided on the server, from the DB). */
export interface Viewer {
	userId: number;
	roles: Role[];
	unit: string | null;
	agencyCode: string | null;
	kiosk: boolean;
	/**
	 * The colleagues away now for whom this user stands in (ADR-061, ADR-087): their cases are in
	 * hand too. Ascending; as of the last delivery (server/socket-audience.ts keeps it current).
	 */
	standsInFor?: number[];
}

/**
 * Codes a handshake can be refused with. `connect_error` carries the code as its message and, as
 * socket acks do (ADR-031), `err.data` = `{ code, message }` with the message in the handshake's language.
 */
export const HandshakeErrors = {
	unauthenticated: 'unauthenticated',
	forbidden: 'forbidden',
	/** The session already holds the most sockets a process allows it (a tab each). */
	tooManySockets: 'too-many-sockets',
	/** Whom the user stands in for could not be read (the database out of reach): try again (ADR-125). */
	unavailable: 'unavailable'
} as const;
export type HandshakeErrorCode = (typeof HandshakeErrors)[keyof typeof HandshakeErrors];
export interface HandshakeRefusal {
	code: HandshakeErrorCode;
	message: string;
}

/** The code of a refused handshake, or null for a transport failure (no server verdict). */
export function handshakeRefusalCode(err: unknown): HandshakeErrorCode | null {
	const data = (err as { data?: unknown } | null)?.data;
	const code = data && typeof data === 'object' ? (data as { code?: unknown }).code : undefined;
	return Object.values(HandshakeErrors).find((c) => c === code) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Drafting (ADR-015): co-editing a reasoned refusal over the same socket.io connection. Payloads
// are y-protocols messages (sync step 1 / step 2 / update, awareness) as base64 text (toWire /
// fromWire in draft-sync-messages.ts): one WebSocket frame per event where a binary attachment
// takes two. Every client message is validated here and refused with an error ack that changes nothing.
// ---------------------------------------------------------------------------------------------

/**
 * The largest sync message a client may send: 1 MiB, about a million characters typed offline or
 * pasted at once (as base64 1.33 MiB; the socket's own limit is 1.5 MiB). The provider checks it
 * before sending, so a larger change is reported to its author instead of being refused later.
 */
export const DRAFT_MESSAGE_MAX_BYTES = 1024 * 1024;
/** An awareness update carries a name, a colour and a caret: 8 KiB is far more than one needs. */
export const DRAFT_AWARENESS_MAX_BYTES = 8 * 1024;

export const DraftJoinSchema = z.object({ caseId: z.uuid() }).strict();

/** Standard base64 with padding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UUID = z.regexes.uuid();

/**
 * A drafting message `{ draftId, [key]: base64 of 1 to maxBytes bytes }` and nothing else, or null.
 * Checked by hand, not with a zod object schema, because every keystroke and every caret move
 * sends one: under 20 typing editors zod's parse took ~28 µs a message, 2–3% of the server's
 * main thread (bench/README.md, drafting), this a fraction of that. The rules are zod's (its own
 * uuid regex); contract.spec.ts checks this against the equivalent zod schema on random input.
 */
function readDraftMessage<K extends string>(
	request: unknown,
	key: K,
	maxBytes: number
): ({ draftId: string } & Record<K, string>) | null {
	if (typeof request !== 'object' || request === null || Array.isArray(request)) return null;
	if (Object.keys(request).length !== 2) return null;
	const draftId = (request as Record<string, unknown>).draftId;
	const text = (request as Record<string, unknown>)[key];
	if (!Object.hasOwn(request, 'draftId') || !Object.hasOwn(request, key)) return null;
	if (typeof draftId !== 'string' || !UUID.test(draftId)) return null;
	if (typeof text !== 'string' || text.length < 4 || text.length > Math.ceil(maxBytes / 3) * 4 || !BASE64.test(text))
		return null;
	return { draftId, [key]: text } as { draftId: string } & Record<K, string>;
}

export const readDraftSync = (request: unknown): DraftSyncRequest | null =>
	readDraftMessage(request, 'message', DRAFT_MESSAGE_MAX_BYTES);
export const readDraftAwareness = (request: unknown): DraftAwarenessRequest | null =>
	readDraftMessage(request, 'update', DRAFT_AWARENESS_MAX_BYTES);
export const DraftLeaveSchema = z.object({ draftId: z.uuid() }).strict();

export interface DraftJoinRequest {
	caseId: string;
}
export interface DraftSyncRequest {
	draftId: string;
	/** toWire(a y-protocols sync message) */
	message: string;
}
export interface DraftAwarenessRequest {
	draftId: string;
	/** toWire(a y-protocols awareness update) */
	update: string;
}
export interface DraftLeaveRequest {
	draftId: string;
}

export type DraftAccessLevel = 'edit' | 'read';

export interface DraftJoined {
	draftId: string;
	caseId: string;
	chain: number;
	status: 'drafting' | 'signed';
	access: DraftAccessLevel;
}

/** A draft's changes sent to a socket; at least one of `sync` and `awareness` is present. */
export interface DraftChanges {
	draftId: string;
	/** toWire(a y-protocols sync update message): edits, to apply before the presence. */
	sync?: string;
	/** toWire(a y-protocols awareness update): presence states, removals included. */
	awareness?: string;
}

/** Why a socket's access to a draft changed while it was in it. */
export type DraftAccessReason = 'reassigned' | 'signed' | 'revoked';

/** The error acks of the drafting events (the `error` string), so clients and tests can tell them apart. */
export const DraftErrors = {
	invalid: 'draft: the message is malformed; nothing was changed',
	forbidden: 'draft: you may not open this draft',
	notJoined: 'draft: join the draft first',
	readOnly: 'draft: you may read this draft but not edit it',
	signed: 'draft: the letter is signed and can no longer be edited',
	unavailable: 'draft: the draft could not be loaded; try again',
	/** An awareness update for a Yjs client another member announced (or over the per-socket cap). */
	presenceTaken: 'draft: that presence belongs to another member; send only your own',
	/** Raised by the provider before sending (the server would refuse it as malformed). */
	tooLarge:
		`draft: this change is larger than ${DRAFT_MESSAGE_MAX_BYTES / 2 ** 20} ` +
		`MiB and was not sent; undo it and paste the text in parts`
} as const;

export interface ClientToServerEvents {
	/** Opens the case's current draft (created on first open); answers who may do what. */
	'draft:join': (request: DraftJoinRequest, ack: Ack<DraftJoined>) => void;
	/**
	 * A y-protocols sync message. Step 1 is answered in the ack (`replies`: the server's step 2 and
	 * its own step 1); step 2 and updates are acknowledged only once durably stored.
	 */
	'draft:sync': (request: DraftSyncRequest, ack: Ack<{ replies: string[] }>) => void;
	/**
	 * A y-protocols awareness update for this client (presence, caret, selection). Acknowledged only
	 * when an ack is asked for (an error tells a malformed one); the provider asks for none.
	 */
	'draft:awareness': (request: DraftAwarenessRequest, ack?: Ack<null>) => void;
	'draft:leave': (request: DraftLeaveRequest, ack: Ack<null>) => void;
}

export interface SocketData {
	/** Shown to the others in a draft's presence list (set by the server, never by the client). */
	displayName: string;
}

export interface ServerToClientEvents {
	/**
	 * What changed in the draft: other editors' edits (possibly from another process) and presence
	 * (also removals when they leave), in one message — one WebSocket frame per socket when a
	 * keystroke moves its author's caret too, not two.
	 */
	'draft:changes': (payload: DraftChanges) => void;
	/** This socket's access changed while it was in the draft (reassignment, signature). */
	'draft:access-changed': (payload: {
		draftId: string;
		access: DraftAccessLevel | null;
		reason: DraftAccessReason;
	}) => void;
}
