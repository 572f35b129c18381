/**
 * socket.io on the app's own HTTP server (path /socket.io). The handshake authenticates with the
 * same session cookie as the pages and checks Origin; a socket's rights are decided again when its
 * user or session changes (socket-audience.ts). Committed case events reach each socket through the outbox
 * publisher, filtered and shaped per viewer; a reconnecting client asks for a replay after the last
 * id it saw (socket.io's connection-state recovery covers short gaps without a query).
 * This file only wires the parts: the handshake (sockets/handshake.ts), the outbox feed and the hub
 * that features subscribe to for committed case events (sockets/), one file per socket event
 * (sockets/*.handler.ts, drafting/*.handler.ts), and drafting (drafting.ts).
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppContext } from '../src/lib/server/context';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../src/lib/realtime/contract';
import type { OutboxPublisher } from './outbox-publisher';
import { mountDrafting } from './drafting';
import { RecoveryAdapter } from './recovery-adapter';
import { databaseIdentity, redisPrefix } from './deployment';
import { createSocketAudience } from './socket-audience';
import { createHandshakeGate, createReplayGate, createSessionSocketCap } from './socket-limits';
import type { AppSocket, InterServerEvents } from './socket-types';
import { useHandshake } from './sockets/handshake';
import { createCaseEventHub } from './sockets/case-event-hub';
import { startOutboxFeed } from './sockets/outbox-feed';
import { welcomeSocket } from './sockets/session-welcome';
import { handleEventsReplay } from './sockets/events-replay.handler';
import { traceSocketEvents } from './sockets/event-tracing';
import { tracingEnabled } from '../src/lib/server/observability/tracing';
import { createNotificationPush, joinUserRoom } from './sockets/notification-push';

export type { InterServerEvents } from './socket-types';
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData> & {
	publisher: OutboxPublisher;
};

export interface RealtimeOptions {
	sweepMs?: number;
	publishEveryMs?: number;
	gapWaitMs?: number;
	/** A draft's access is re-decided at the latest this long after a change no case event announced (10 s). */
	draftAccessTtlMs?: number;
	/**
	 * Prefix of the Redis channels (several deployments may share one Redis); else REDIS_PREFIX,
	 * else from the database.
	 */
	redisKey?: string;
	/**
	 * Sockets one session may hold on this process (5: a tab each); load generators standing in for
	 * many browsers raise it.
	 */
	socketsPerSession?: number;
	/**
	 * Which socket.io Redis adapter joins the processes: `classic` (pub/sub, shipped) or `streams`
	 * (measured only, ADR-025).
	 */
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

	// First of the connection listeners, so every event a client sends has its span (ADR-068).
	if (tracingEnabled()) io.on('connection', traceSocketEvents);

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
	let onViewerChanged = (_socket: AppSocket) => {};
	const audience = createSocketAudience(io, ctx, {
		onViewerChanged: (socket) => onViewerChanged(socket),
		forward: closeRedis ? (change) => io.serverSideEmit('account:changed', change) : undefined
	});
	const stopAccountChanges = ctx.accountChanges.subscribe((change) => audience.changed(change));
	useHandshake(
		io,
		gate,
		createSessionSocketCap(() => io.of('/').sockets.values(), opts.socketsPerSession),
		audience.admit
	);
	io.on('account:changed', (change) => audience.received(change));
	const drafting = mountDrafting(io, ctx, {
		crossProcess: !!closeRedis,
		accessTtlMs: opts.draftAccessTtlMs,
		admit: (socket) => audience.recheck(socket)
	});
	onViewerChanged = (socket) => drafting.onViewerChanged(socket);

	// The features that act on committed case events subscribe to the hub the outbox feeds.
	const hub = createCaseEventHub();
	// Reassignments and signatures re-decide who may edit a draft (ADR-015).
	hub.subscribe((row) => void drafting.onCaseEvent(row).catch((e) => console.error('drafting access:', e)));
	// A case event (also one another process committed) may have started, stopped or moved a clock.
	hub.subscribe(() => ctx.scheduler.wake());
	// The notifications a case event caused reach their recipients' sockets (ADR-060).
	const pushNotifications = createNotificationPush(io, ctx);
	hub.subscribe((row) => void pushNotifications(row).catch((e) => console.error('notifications:', e)));
	const feed = await startOutboxFeed(io, ctx, hub, {
		publishEveryMs: opts.publishEveryMs,
		gapWaitMs: opts.gapWaitMs,
		origin: closeRedis ? origin : null,
		settle: audience.settle
	});
	const { publisher } = feed;

	io.on('connection', (socket: AppSocket) => {
		welcomeSocket(socket, { ctx, lastEventId: () => publisher.lastId });
		joinUserRoom(socket);
		handleEventsReplay(socket, { ctx, replays, recheck: audience.recheck, published: () => publisher.lastId });
	});

	const sweep = setInterval(
		() => void audience.sweep().catch((e) => console.error('session sweep:', e)),
		opts.sweepMs ?? 5_000
	);
	sweep.unref();
	httpServer.on('close', () => {
		feed.stop();
		clearInterval(sweep);
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
