/**
 * socket.io on the app's own HTTP server (path /socket.io). The handshake authenticates with the
 * same session cookie as the pages and checks Origin; a socket's rights are decided again when its
 * user or session changes (socket-audience.ts). Committed case events reach each socket through the outbox
 * publisher, filtered and shaped per viewer; a reconnecting client asks for a replay after the last
 * id it saw (socket.io's connection-state recovery covers short gaps without a query).
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { AppContext } from '../src/lib/server/context';
import {
	HandshakeErrors,
	ReplayRequestSchema,
	type CaseEventEnvelope,
	type ClientToServerEvents,
	type ServerToClientEvents,
	type SocketData
} from '../src/lib/realtime/contract';
import { createOutboxPublisher, isOutboxRun, type OutboxPublisher } from './outbox-publisher';
import { replayPage, REPLAY_USAGE } from './replay';
import { mountDrafting, type InterServerEvents } from './drafting';
import { RecoveryAdapter } from './recovery-adapter';
import { databaseIdentity, redisPrefix, refuseForeignRun } from './deployment';
import { createSocketAudience, viewerOf } from './socket-audience';
import { createHandshakeGate, createReplayGate, createSessionSocketCap } from './socket-limits';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData> & {
	publisher: OutboxPublisher;
};
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeOptions {
	sweepMs?: number;
	publishEveryMs?: number;
	gapWaitMs?: number;
	/** A draft's access is re-decided at the latest this long after a change no case event announced (10 s). */
	draftAccessTtlMs?: number;
	/** Prefix of the Redis channels (several deployments may share one Redis); else REDIS_PREFIX, else from the database. */
	redisKey?: string;
	/** Sockets one session may hold on this process (5: a tab each); load generators standing in for many browsers raise it. */
	socketsPerSession?: number;
	/** Which socket.io Redis adapter joins the processes: `classic` (pub/sub, shipped) or `streams` (measured only, ADR-025). */
	redisAdapter?: RedisAdapterKind;
}

export async function createRealtime(
	httpServer: HttpServer,
	ctx: AppContext,
	opts: RealtimeOptions = {}
): Promise<RealtimeServer> {
	// Origin and session are checked at the engine.io handshake, before any socket.io work.
	const gate = createHandshakeGate(ctx);
	const replays = createReplayGate();
	const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
		path: '/socket.io',
		allowRequest: gate.allowRequest,
		serveClient: false,
		// The largest client message is a draft update of 1 MiB as base64 (1.33 MiB) in its envelope.
		maxHttpBufferSize: 1.5 * 1024 * 1024,
		// Short gaps are resumed by socket.io itself; the handshake (and its auth) still runs again.
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
		// ...without keeping drafting's messages, which a reconnecting draft re-syncs by itself.
		adapter: RecoveryAdapter
	});

	const cap = createSessionSocketCap(() => io.of('/').sockets.values(), opts.socketsPerSession);
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
			viewerKey: JSON.stringify(viewer)
		};
		next();
	});

	const origin = ctx.config.redisUrl ? await databaseIdentity(ctx.db) : '';
	const closeRedis = ctx.config.redisUrl
		? await joinProcesses(
				io,
				ctx.config.redisUrl,
				opts.redisKey ?? redisPrefix(ctx.config.redisPrefix, origin),
				opts.redisAdapter
			)
		: null;
	// Rights are re-decided when they change (pushed), on each replay and draft join, and swept.
	let onViewerChanged = (_socket: RealtimeSocket) => {};
	const audience = createSocketAudience(io, ctx, {
		onViewerChanged: (socket) => onViewerChanged(socket),
		forward: closeRedis ? (change) => io.serverSideEmit('account:changed', change) : undefined
	});
	const stopAccountChanges = ctx.accountChanges.subscribe((change) => audience.changed(change));
	io.on('account:changed', (change) => audience.received(change));
	const drafting = mountDrafting(io, ctx, {
		crossProcess: !!closeRedis,
		accessTtlMs: opts.draftAccessTtlMs,
		admit: (socket) => audience.recheck(socket)
	});
	onViewerChanged = (socket) => drafting.onViewerChanged(socket);
	const publisher = createOutboxPublisher({
		db: ctx.db,
		// Reassignments and signatures re-decide who may edit a draft (ADR-015).
		observe: (row) => {
			void drafting.onCaseEvent(row).catch((e) => console.error('drafting access:', e));
			// A case event (also one another process committed) may have started, stopped or moved a clock.
			ctx.scheduler.wake();
		},
		gapWaitMs: opts.gapWaitMs,
		// What this process read, the others publish without reading it again (they check it continues theirs).
		onRead: closeRedis ? (after, rows) => io.serverSideEmit('outbox:rows', origin, after, rows) : undefined,
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
			if (!parsed.success) return ack({ error: REPLAY_USAGE });
			// One replay in flight per socket, a bounded number per session: one user cannot stall everyone.
			const answer = await replays.run(socket.id, socket.data.sessionId, async () => {
				// The rights of now, not of the handshake (the user may have been demoted or disabled).
				if (!(await audience.recheck(socket))) return { error: 'events:replay: the session has ended.' };
				// Up to what the publisher has sent: anything later arrives live, so nothing is doubled.
				try {
					return { data: await replayPage(ctx.db, socket.data.viewer, parsed.data, publisher.lastId) };
				} catch (e) {
					console.error('events:replay:', e);
					return { error: 'events:replay failed; ask again' };
				}
			});
			ack(answer.ok ? answer.value : { error: answer.error });
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
	io.on('outbox:rows', (from, after, rows) => {
		// Another deployment's outbox (one Redis, one prefix by mistake): its ids are not ours.
		if (from !== origin) return refuseForeignRun(from);
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
		() => void audience.sweep().catch((e) => console.error('session sweep:', e)),
		opts.sweepMs ?? 5_000
	);
	publish.unref();
	sweep.unref();
	httpServer.on('close', () => {
		clearInterval(publish);
		clearInterval(sweep);
		stopNudges();
		stopAccountChanges();
		void closeRedis?.();
	});
	return Object.assign(io, { publisher });
}

export type RedisAdapterKind = 'classic' | 'streams';

/**
 * With REDIS_URL, the socket.io Redis adapter joins the processes: a broadcast from one reaches
 * sockets on all (rooms, `fetchSockets`, disconnecting a user everywhere). Case events do not need
 * it — each process publishes the shared outbox to its own sockets — but everything else does.
 * The classic adapter (Redis pub/sub) is the one shipped. The Streams adapter, which can recover a
 * socket's session on another process, is here only to be measured against it: it recovers only
 * what crossed Redis, and case events never do, so a socket it "recovered" would skip the replay
 * and lose them (ADR-025).
 */
export async function joinProcesses(
	io: Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>,
	url: string,
	key: string,
	kind: RedisAdapterKind = 'classic'
) {
	const { createClient } = await import('redis');
	const pub = createClient({ url });
	pub.on('error', (e) => console.error('redis (publish):', e.message));
	if (kind === 'streams') {
		const { createAdapter } = await import('@socket.io/redis-streams-adapter');
		await pub.connect();
		io.adapter(
			createAdapter(pub, { streamName: `${key}:stream`, channelPrefix: key, sessionKeyPrefix: `${key}:session:` })
		);
		return async () => {
			await Promise.allSettled([pub.quit()]);
		};
	}
	const { createAdapter } = await import('@socket.io/redis-adapter');
	survivePublishFailures(pub);
	const sub = pub.duplicate();
	sub.on('error', (e) => console.error('redis (subscribe):', e.message));
	await Promise.all([pub.connect(), sub.connect()]);
	io.adapter(createAdapter(pub, sub, { key }));
	return async () => {
		await Promise.allSettled([pub.quit(), sub.quit()]);
	};
}

/**
 * The classic adapter publishes without awaiting the result. With Redis unreachable the client
 * queues each publish and rejects it after its command timeout (5 s), and an unhandled rejection
 * ends the process: every node of a cluster died 5 s into a Redis outage (scripts/cluster). A
 * failed publish loses nothing that matters — case events reach every process through the outbox
 * (its one-second read), and a draft re-syncs on reconnect — so it is logged once per outage.
 */
function survivePublishFailures(client: { publish: (...args: never[]) => Promise<number> }) {
	const publish = client.publish.bind(client);
	let failing = false;
	client.publish = (...args: never[]) =>
		publish(...args).then(
			(n) => ((failing = false), n),
			(e: unknown) => {
				if (!failing)
					console.error(
						`redis: publishing failed (${e instanceof Error ? e.message || e.name : String(e)}); ` +
							'case events still reach every process through the outbox'
					);
				failing = true;
				return 0;
			}
		);
}
