/**
 * socket.io on the app's own HTTP server (path /socket.io). The handshake authenticates with the
 * same session cookie as the pages and checks Origin; a session that is revoked or expires is
 * disconnected within `sweepMs`. Committed case events reach each socket through the outbox
 * publisher, filtered and shaped per viewer; a reconnecting client asks for a replay after the last
 * id it saw (socket.io's connection-state recovery covers short gaps without a query).
 */
import type { Server as HttpServer } from 'node:http';
import { inArray } from 'drizzle-orm';
import { Server, type Socket } from 'socket.io';
import { parse as parseCookie } from 'cookie';
import type { AppContext } from '../src/lib/server/context';
import { sessionCookieName } from '../src/lib/server/auth/cookie';
import { sessions } from '../src/lib/server/db/schema';
import {
	HandshakeErrors,
	ReplayRequestSchema,
	type CaseEventEnvelope,
	type ClientToServerEvents,
	type ServerToClientEvents,
	type SocketData
} from '../src/lib/realtime/contract';
import { createOutboxPublisher, isOutboxRun, readOutbox, visibleTo, type OutboxPublisher } from './outbox-publisher';
import { mountDrafting, type InterServerEvents } from './drafting';
import { RecoveryAdapter } from './recovery-adapter';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData> & {
	publisher: OutboxPublisher;
};
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const REPLAY_LIMIT = 1_000;

export interface RealtimeOptions {
	sweepMs?: number;
	publishEveryMs?: number;
	gapWaitMs?: number;
	/** A draft's access is re-decided at the latest this long after a change no case event announced (10 s). */
	draftAccessTtlMs?: number;
	/** Prefix of the Redis channels (several deployments may share one Redis). */
	redisKey?: string;
}

export async function createRealtime(
	httpServer: HttpServer,
	ctx: AppContext,
	opts: RealtimeOptions = {}
): Promise<RealtimeServer> {
	const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
		path: '/socket.io',
		serveClient: false,
		// The largest client message is a draft update of 1 MiB as base64 (1.33 MiB) in its envelope.
		maxHttpBufferSize: 1.5 * 1024 * 1024,
		// Short gaps are resumed by socket.io itself; the handshake (and its auth) still runs again.
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
		// ...without keeping drafting's messages, which a reconnecting draft re-syncs by itself.
		adapter: RecoveryAdapter
	});

	io.use(async (socket, next) => {
		const headers = socket.request.headers;
		const expected = ctx.config.origin ?? `http://${headers.host}`;
		const secure = expected.startsWith('https:');
		if (headers.origin !== expected) return next(new Error(HandshakeErrors.forbidden));
		const token = parseCookie(headers.cookie ?? '')[sessionCookieName(secure)];
		const result = await ctx.sessions.validate(token);
		if (!result || !result.session.twoFactorVerified) return next(new Error(HandshakeErrors.unauthenticated));
		const { user, session } = result;
		socket.data = {
			userId: user.id,
			username: user.username,
			displayName: user.displayName,
			sessionId: session.id,
			expiresAt: session.expiresAt.getTime(),
			viewer: {
				userId: user.id,
				roles: user.roles,
				unit: user.unit,
				agencyCode: user.agencyCode,
				kiosk: session.kind === 'kiosk'
			},
			viewerKey: ''
		};
		socket.data.viewerKey = JSON.stringify(socket.data.viewer);
		next();
	});

	const closeRedis = ctx.config.redisUrl
		? await joinProcesses(io, ctx.config.redisUrl, opts.redisKey ?? 'merzim')
		: null;
	const drafting = mountDrafting(io, ctx, { crossProcess: !!closeRedis, accessTtlMs: opts.draftAccessTtlMs });
	const publisher = createOutboxPublisher({
		db: ctx.db,
		// Reassignments and signatures re-decide who may edit a draft (issue 7).
		observe: (row) => {
			void drafting.onCaseEvent(row).catch((e) => console.error('drafting access:', e));
			// A case event (also one another process committed) may have started, stopped or moved a clock.
			ctx.scheduler.wake();
		},
		gapWaitMs: opts.gapWaitMs,
		// What this process read, the others publish without reading it again (they check it continues theirs).
		onRead: closeRedis ? (after, rows) => io.serverSideEmit('outbox:rows', after, rows) : undefined,
		recipients: function* () {
			for (const s of io.of('/').sockets.values())
				yield { id: s.id, viewer: s.data.viewer, viewerKey: s.data.viewerKey };
		},
		// Through the sockets' own rooms (so connection-state recovery can resume them), and local:
		// every process publishes the outbox to its own sockets, so nothing crosses Redis twice.
		send: (socketIds: string[], event: CaseEventEnvelope) => io.local.to(socketIds).emit(event.type, event)
	});
	await publisher.start();

	io.on('connection', (socket: RealtimeSocket) => {
		socket.emit('session:welcomed', {
			serverTime: ctx.clock.now().toISOString(),
			username: socket.data.username,
			lastEventId: publisher.lastId
		});
		socket.on('time:sync', (ack) => {
			if (typeof ack !== 'function') return;
			ack({ data: { serverTime: ctx.clock.now().toISOString() } });
		});
		socket.on('events:replay', async (request, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = ReplayRequestSchema.safeParse(request);
			if (!parsed.success)
				return ack({ error: 'events:replay takes {"afterId": <whole number ≥ 0>} and nothing else.' });
			// Up to what the publisher has sent: anything later arrives live, so nothing is doubled.
			const upTo = publisher.lastId;
			const rows = await readOutbox(ctx.db, parsed.data.afterId, { upTo, limit: REPLAY_LIMIT });
			const last = rows.at(-1)?.id ?? upTo;
			ack({ data: { events: visibleTo(socket.data.viewer, rows), upTo: rows.length === REPLAY_LIMIT ? last : upTo } });
		});
	});

	// Read the outbox as soon as this process commits, else poll (what another process commits
	// arrives forwarded through Redis, `outbox:rows`). Deferred to the next turn of the event loop so
	// a run of commits is read at once; calling the publisher synchronously from the commit was
	// measured too (bench/README.md): no better on PostgreSQL, worse on PGlite.
	let nudged = false;
	const nudge = () => {
		if (nudged) return;
		nudged = true;
		setImmediate(() => {
			nudged = false;
			void publisher.tick().catch((e) => console.error('outbox publisher:', e));
		});
	};
	const stopNudges = ctx.onCommit(nudge);
	io.on('outbox:rows', (after, rows) => {
		if (isOutboxRun(after, rows))
			return void publisher.offer(after, rows).catch((e) => console.error('outbox publisher:', e));
		console.error('outbox:rows from another process is malformed; reading the outbox instead');
		nudge();
	});
	// The poll is a safety net (a process that died between its commit and forwarding the run): one
	// read a second, not the 7 of a 150 ms poll, which were most of the CPU at rest on PGlite
	// (bench/README.md, drafting). Stopped at a missing id, it reads every 150 ms until the id
	// commits or the wait for it ends.
	const readEveryMs = opts.publishEveryMs ?? 1_000;
	const checkEveryMs = Math.min(readEveryMs, 150);
	let sinceRead = 0;
	const publish = setInterval(() => {
		sinceRead += checkEveryMs;
		if (sinceRead < readEveryMs && !publisher.waitingAtGap) return;
		sinceRead = 0;
		void publisher.tick().catch((e) => console.error('outbox publisher:', e));
	}, checkEveryMs);
	const sweep = setInterval(
		() => void disconnectEndedSessions(io, ctx).catch((e) => console.error('session sweep:', e)),
		opts.sweepMs ?? 5_000
	);
	publish.unref();
	sweep.unref();
	httpServer.on('close', () => {
		clearInterval(publish);
		clearInterval(sweep);
		stopNudges();
		void closeRedis?.();
	});
	return Object.assign(io, { publisher });
}

/** One query per sweep for all connected sessions, not one per socket. */
async function disconnectEndedSessions(
	io: Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>,
	ctx: AppContext
) {
	const sockets = [...io.of('/').sockets.values()];
	if (sockets.length === 0) return;
	const ids = [...new Set(sockets.map((s) => s.data.sessionId))];
	const rows = await ctx.db.select().from(sessions).where(inArray(sessions.id, ids));
	const now = ctx.realClock.now().getTime();
	const alive = new Map(rows.map((r) => [r.id, ctx.sessions.expiresAt(r).getTime()]));
	for (const socket of sockets) {
		const expires = alive.get(socket.data.sessionId);
		if (expires === undefined || expires <= now) {
			socket.emit('session:ended', { reason: expires === undefined ? 'revoked' : 'expired' });
			socket.disconnect(true);
		}
	}
}

/**
 * With REDIS_URL, the socket.io Redis adapter joins the processes: a broadcast from one reaches
 * sockets on all (rooms, `fetchSockets`, disconnecting a user everywhere). Case events do not need
 * it — each process publishes the shared outbox to its own sockets — but everything else does.
 */
export async function joinProcesses(
	io: Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>,
	url: string,
	key: string
) {
	const { createClient } = await import('redis');
	const { createAdapter } = await import('@socket.io/redis-adapter');
	const pub = createClient({ url });
	const sub = pub.duplicate();
	pub.on('error', (e) => console.error('redis (publish):', e.message));
	sub.on('error', (e) => console.error('redis (subscribe):', e.message));
	await Promise.all([pub.connect(), sub.connect()]);
	io.adapter(createAdapter(pub, sub, { key }));
	return async () => {
		await Promise.allSettled([pub.quit(), sub.quit()]);
	};
}
