/**
 * What one user can make the socket server do, bounded so that one cannot stall everyone (200
 * replays from one socket held other users' requests for seconds):
 * - the engine.io handshake is refused (4xx) before any socket.io work unless it carries our Origin
 *   and a valid session (`allowRequest`); the socket.io middleware reuses that check;
 * - at most `SOCKETS_PER_SESSION` sockets per session on a process (a browser holds one per tab);
 * - one replay in flight per socket, and at most `REPLAY_POINTS` replays per session per
 *   `REPLAY_WINDOW_S` (rate-limiter-flexible, memory store: a session's sockets stay on one process
 *   behind sticky sessions, so its counter is that process's).
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppContext } from '../src/lib/server/context';
import { sessionCookieName } from '../src/lib/server/auth/cookie';
import type { SessionUser, Session } from '../src/lib/server/auth/session.service';
import { HandshakeErrors, type HandshakeErrorCode } from '../src/lib/realtime/contract';
import { DomainError } from '../src/lib/domain/errors/domain-error';

export const SOCKETS_PER_SESSION = 5;
export const REPLAY_POINTS = 30;
export const REPLAY_WINDOW_S = 60;

/** Refusals of `events:replay` by the limits (answered as acks by the one mapping, ADR-031). */
export const ReplayLimitErrors = {
	busy: () =>
		new DomainError(
			'rate-limited',
			'replay-busy',
			'one replay at a time per connection; wait for the answer to the previous one'
		),
	tooMany: () =>
		new DomainError(
			'rate-limited',
			'replay-rate',
			`at most ${REPLAY_POINTS} replays a minute per session; try again later`,
			{ points: String(REPLAY_POINTS) }
		)
} as const;

type Authenticated = { session: Session; user: SessionUser };
type Verdict = { ok: true; result: Authenticated } | { ok: false; error: HandshakeErrorCode };

export function createHandshakeGate(ctx: AppContext) {
	/** The verdict on a handshake request, kept for the socket.io middleware of the same request. */
	const verdicts = new WeakMap<IncomingMessage, Promise<Verdict>>();

	async function judge(req: IncomingMessage): Promise<Verdict> {
		const headers = req.headers;
		const expected = ctx.config.origin ?? `http://${headers.host}`;
		if (headers.origin !== expected) return { ok: false, error: HandshakeErrors.forbidden };
		const token = parseCookie(headers.cookie ?? '')[sessionCookieName(expected.startsWith('https:'))];
		if (!token) return { ok: false, error: HandshakeErrors.unauthenticated };
		const result = await ctx.sessions.validate(token);
		if (!result || !result.session.twoFactorVerified) return { ok: false, error: HandshakeErrors.unauthenticated };
		return { ok: true, result };
	}

	function verdictOf(req: IncomingMessage): Promise<Verdict> {
		let v = verdicts.get(req);
		if (!v) verdicts.set(req, (v = judge(req)));
		return v;
	}

	return {
		/** engine.io's `allowRequest`: refused handshakes get 403 (polling) or 400 (WebSocket upgrade). */
		allowRequest(req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) {
			verdictOf(req).then(
				(v) => callback(v.ok ? null : v.error, v.ok),
				(e: unknown) => {
					console.error('socket handshake:', e);
					callback('unavailable', false);
				}
			);
		},
		/**
		 * For the socket.io middleware: the verdict already reached for this request, used once (a later
		 * socket.io connect over the same engine.io connection is judged again).
		 */
		take(req: IncomingMessage): Promise<Verdict> {
			const v = verdictOf(req);
			verdicts.delete(req);
			return v;
		}
	};
}

/**
 * Admits a session's socket while the session holds fewer than `max` on this process: its connected
 * sockets, and those admitted but not yet connected (socket.io connects them on a later tick, so
 * parallel handshakes of one session would otherwise all see the same count).
 */
export function createSessionSocketCap(
	connected: () => Iterable<{ data: { sessionId?: string } }>,
	max = SOCKETS_PER_SESSION
) {
	const pending = new Map<string, number>();
	return {
		/**
		 * Holds a place for one more socket of the session, or refuses (null). The place counts until
		 * the returned release runs: the handshake releases it once the socket is among the connected
		 * ones (or refused), however long its own reads took.
		 */
		admit(sessionId: string): (() => void) | null {
			let n = pending.get(sessionId) ?? 0;
			for (const s of connected()) if (s.data.sessionId === sessionId) n++;
			if (n >= max) return null;
			pending.set(sessionId, (pending.get(sessionId) ?? 0) + 1);
			let released = false;
			return () => {
				if (released) return;
				released = true;
				const left = (pending.get(sessionId) ?? 1) - 1;
				if (left > 0) pending.set(sessionId, left);
				else pending.delete(sessionId);
			};
		}
	};
}

export function createReplayGate(opts: { points?: number; windowS?: number } = {}) {
	const perSession = new RateLimiterMemory({
		keyPrefix: 'replay',
		points: opts.points ?? REPLAY_POINTS,
		duration: opts.windowS ?? REPLAY_WINDOW_S
	});
	const inFlight = new Set<string>();

	return {
		/** Runs `replay` unless this socket has one in flight or its session is over its rate. */
		async run<T>(
			socketId: string,
			sessionId: string,
			replay: () => Promise<T>
		): Promise<{ ok: true; value: T } | { ok: false; error: DomainError; retryAfterMs?: number }> {
			if (inFlight.has(socketId)) return { ok: false, error: ReplayLimitErrors.busy() };
			inFlight.add(socketId);
			try {
				try {
					await perSession.consume(sessionId);
				} catch (e) {
					if (e instanceof RateLimiterRes)
						return { ok: false, error: ReplayLimitErrors.tooMany(), retryAfterMs: e.msBeforeNext };
					throw e;
				}
				return { ok: true, value: await replay() };
			} finally {
				inFlight.delete(socketId);
			}
		}
	};
}
