/**
 * The socket.io middleware of the handshake: reuses the engine.io verdict on Origin and session
 * (socket-limits.ts), admits at most the session's share of sockets on this process, and gives the
 * socket its user and viewer (the rights its events, replays and drafts are decided by), with
 * whom the user stands in for (socket-audience.ts, `admit`); when that cannot be read the socket
 * is refused as unavailable (ADR-125).
 */
import { HandshakeErrors, type HandshakeErrorCode, type HandshakeRefusal } from '../../src/lib/realtime/contract';
import { DomainError, type DomainErrorKind } from '../../src/lib/domain/errors/domain-error';
import { errorMessage, type Locale } from '../../src/lib/server/http/error-answer';
import type { createHandshakeGate, createSessionSocketCap } from '../socket-limits';
import { viewerOf } from '../socket-audience';
import type { AppSocket, IO } from '../socket-types';
import { localeOfHandshake } from './refusal';

const KIND: Record<HandshakeErrorCode, [DomainErrorKind, string]> = {
	unauthenticated: ['unauthenticated', 'Sign in first.'],
	forbidden: ['forbidden', 'This connection is not allowed from this page.'],
	'too-many-sockets': ['rate-limited', 'Too many open tabs for this session; close one and try again.'],
	unavailable: ['unavailable', 'The live connection could not be opened now; it is tried again.']
};

/** A refused handshake: the code as the message (older clients) and `{ code, message }` as data (ADR-031). */
export function handshakeRefusal(code: HandshakeErrorCode, locale: Locale): Error & { data: HandshakeRefusal } {
	const [kind, english] = KIND[code];
	const message = errorMessage(new DomainError(kind, code, english), locale);
	return Object.assign(new Error(code), { data: { code, message } });
}

export function useHandshake(
	io: IO,
	gate: ReturnType<typeof createHandshakeGate>,
	cap: ReturnType<typeof createSessionSocketCap>,
	admit: (socket: AppSocket) => Promise<void>
): void {
	io.use(async (socket, next) => {
		const verdict = await gate.take(socket.request);
		if (!verdict.ok) return next(handshakeRefusal(verdict.error, localeOfHandshake(socket.request)));
		const result = verdict.result;
		const release = cap.admit(result.session.id);
		if (!release) return next(handshakeRefusal(HandshakeErrors.tooManySockets, localeOfHandshake(socket.request)));
		const { user, session } = result;
		const viewer = viewerOf(user, session.kind === 'kiosk');
		socket.data = {
			userId: user.id,
			username: user.username,
			displayName: user.displayName,
			sessionId: session.id,
			expiresAt: session.expiresAt.getTime(),
			viewer,
			viewerKey: JSON.stringify(viewer),
			locale: localeOfHandshake(socket.request)
		};
		try {
			await admit(socket);
		} catch (e) {
			// Whom the user stands in for is part of its rights: unread, the socket is refused, not
			// admitted with less and left silently missing events (ADR-125). The page connects again.
			console.error('socket handshake: stand-ins not read:', e);
			release();
			return next(handshakeRefusal(HandshakeErrors.unavailable, localeOfHandshake(socket.request)));
		}
		next();
		// The socket joins the connected ones as next() returns; until then its place stays held.
		setImmediate(release);
	});
}
