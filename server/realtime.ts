/**
 * socket.io on the app's own HTTP server (path /socket.io). The handshake authenticates with the
 * same session cookie as the pages and checks Origin; a session that is revoked or expires is
 * disconnected within `sweepMs`.
 */
import type { Server as HttpServer } from 'node:http';
import { inArray } from 'drizzle-orm';
import { Server } from 'socket.io';
import { parse as parseCookie } from 'cookie';
import type { AppContext } from '../src/lib/server/context';
import { sessionCookieName } from '../src/lib/server/auth/cookie';
import { sessions } from '../src/lib/server/db/schema';
import {
	HandshakeErrors,
	type ClientToServerEvents,
	type ServerToClientEvents,
	type SocketData
} from '../src/lib/realtime/contract';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function createRealtime(httpServer: HttpServer, ctx: AppContext, opts: { sweepMs?: number } = {}): RealtimeServer {
	const io: RealtimeServer = new Server(httpServer, { path: '/socket.io', serveClient: false });

	io.use(async (socket, next) => {
		const headers = socket.request.headers;
		const expected = ctx.config.origin ?? `http://${headers.host}`;
		const secure = expected.startsWith('https:');
		if (headers.origin !== expected) return next(new Error(HandshakeErrors.forbidden));
		const token = parseCookie(headers.cookie ?? '')[sessionCookieName(secure)];
		const result = await ctx.sessions.validate(token);
		if (!result || !result.session.twoFactorVerified) return next(new Error(HandshakeErrors.unauthenticated));
		socket.data = {
			userId: result.user.id,
			username: result.user.username,
			sessionId: result.session.id,
			expiresAt: result.session.expiresAt.getTime()
		};
		next();
	});

	io.on('connection', (socket) => {
		socket.emit('session:welcomed', { serverTime: ctx.clock.now().toISOString(), username: socket.data.username });
		socket.on('time:sync', (ack) => {
			if (typeof ack !== 'function') return;
			ack({ data: { serverTime: ctx.clock.now().toISOString() } });
		});
	});

	const sweep = setInterval(() => void disconnectEndedSessions(io, ctx), opts.sweepMs ?? 5_000);
	sweep.unref();
	httpServer.on('close', () => clearInterval(sweep));
	return io;
}

/** One query per sweep for all connected sessions, not one per socket. */
async function disconnectEndedSessions(io: RealtimeServer, ctx: AppContext) {
	const sockets = [...io.of('/').sockets.values()];
	if (sockets.length === 0) return;
	const ids = [...new Set(sockets.map((s) => s.data.sessionId))];
	const rows = await ctx.db.select().from(sessions).where(inArray(sessions.id, ids));
	const now = ctx.clock.now().getTime();
	const alive = new Map(rows.map((r) => [r.id, ctx.sessions.expiresAt(r).getTime()]));
	for (const socket of sockets) {
		const expires = alive.get(socket.data.sessionId);
		if (expires === undefined || expires <= now) {
			socket.emit('session:ended', { reason: expires === undefined ? 'revoked' : 'expired' });
			socket.disconnect(true);
		}
	}
}
