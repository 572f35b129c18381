/**
 * The typed event contract between the browser and the socket server. Case events travel under
 * their own `domain:action` names (past tense), each in one envelope carrying the outbox id, so a
 * client can keep the last id it saw, ask for a replay after it, and de-duplicate. Requests take an
 * ack of `{ data } | { error }`.
 */
import { z } from 'zod';

export type Ack<T> = (response: { data: T } | { error: string }) => void;

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
	'step:completed',
	'draft:signed'
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
	citation: string | null;
	/** The event's data (the row's `after`); absent for the wall board's summary view. */
	payload?: Record<string, unknown> | null;
}

type CaseEventListeners = { [K in CaseEventType]: (event: CaseEventEnvelope) => void };

export interface ServerToClientEvents extends CaseEventListeners {
	/** Sent on connect: lets the browser correct its clock skew for countdowns. */
	'session:welcomed': (payload: { serverTime: string; username: string; lastEventId: number }) => void;
	/** The session was revoked or expired; the socket closes right after. */
	'session:ended': (payload: { reason: 'revoked' | 'expired' }) => void;
}

export const ReplayRequestSchema = z.object({ afterId: z.number().int().min(0) }).strict();
export type ReplayRequest = z.infer<typeof ReplayRequestSchema>;

export interface ClientToServerEvents {
	'time:sync': (ack: Ack<{ serverTime: string }>) => void;
	/** Everything this user may see after `afterId`, up to what the server has published. */
	'events:replay': (request: ReplayRequest, ack: Ack<{ events: CaseEventEnvelope[]; upTo: number }>) => void;
}

export interface SocketData {
	userId: number;
	username: string;
	sessionId: string;
	expiresAt: number;
	viewer: Viewer;
}

/** Who is watching, as far as event routing is concerned (decided on the server, from the DB). */
export interface Viewer {
	userId: number;
	roles: string[];
	unit: string | null;
	agencyCode: string | null;
	kiosk: boolean;
}

/** Errors a handshake can be refused with (`connect_error` carries the message). */
export const HandshakeErrors = {
	unauthenticated: 'unauthenticated',
	forbidden: 'forbidden'
} as const;
