/**
 * The socket.io middleware of the handshake: reuses the engine.io verdict on Origin and session
 * (socket-limits.ts), admits at most the session's share of sockets on this process, and gives the
 * socket its user and viewer (the rights its events, replays and drafts are decided by).
 */
import { HandshakeErrors } from '../../src/lib/realtime/contract';
import type { createHandshakeGate, createSessionSocketCap } from '../socket-limits';
import { viewerOf } from '../socket-audience';
import type { IO } from '../socket-types';
import { localeOfHandshake } from './refusal';

export function useHandshake(
	io: IO,
	gate: ReturnType<typeof createHandshakeGate>,
	cap: ReturnType<typeof createSessionSocketCap>
): void {
	io.use(async (socket, next) => {
		const verdict = await gate.take(socket.request);
		if (!verdict.ok) return next(new Error(verdict.error));
		const result = verdict.result;
		if (!cap.admit(result.session.id)) return next(new Error(HandshakeErrors.tooManySockets));
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
		next();
	});
}
