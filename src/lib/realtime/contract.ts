/**
 * The typed event contract between the browser and the socket server. Broadcasts are named
 * `domain:action` in the past tense; requests take an ack of `{ data } | { error }`.
 * Issue 5 extends this with the case, consultation, MFA and clock events.
 */
export type Ack<T> = (response: { data: T } | { error: string }) => void;

export interface ServerToClientEvents {
	/** Sent on connect: lets the browser correct its clock skew for countdowns. */
	'session:welcomed': (payload: { serverTime: string; username: string }) => void;
	/** The session was revoked or expired; the socket closes right after. */
	'session:ended': (payload: { reason: 'revoked' | 'expired' }) => void;
}

export interface ClientToServerEvents {
	'time:sync': (ack: Ack<{ serverTime: string }>) => void;
}

export interface SocketData {
	userId: number;
	username: string;
	sessionId: string;
	expiresAt: number;
}

/** Errors a handshake can be refused with (`connect_error` carries the message). */
export const HandshakeErrors = {
	unauthenticated: 'unauthenticated',
	forbidden: 'forbidden'
} as const;
