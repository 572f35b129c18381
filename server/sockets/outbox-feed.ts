/**
 * Feeds this process's sockets from the `case_events` outbox (ADR-014): the publisher reads it as
 * soon as this process commits, when another process forwards what it read (Redis, `outbox:rows`),
 * and by a slow poll; each event goes to the sockets whose viewer may receive it, then to the hub.
 */
import type { AppContext } from '../../src/lib/server/context';
import type { CaseEventEnvelope } from '../../src/lib/realtime/contract';
import { createOutboxPublisher, isOutboxRun, type OutboxPublisher } from '../outbox-publisher';
import { refuseForeignRun } from '../deployment';
import type { AppSocket, IO } from '../socket-types';
import type { CaseEventHub } from './case-event-hub';

export interface OutboxFeedOptions {
	publishEveryMs?: number;
	gapWaitMs?: number;
	/** This deployment's database identity, with several processes (Redis); null with one. */
	origin: string | null;
	/** Brings a socket's viewer up to the clock before a delivery (an absence started or ended; socket-audience.ts). */
	settle?: (socket: AppSocket, at: number) => void;
}

export async function startOutboxFeed(
	io: IO,
	ctx: AppContext,
	hub: CaseEventHub,
	opts: OutboxFeedOptions
): Promise<{ publisher: OutboxPublisher; stop: () => void }> {
	const { origin } = opts;
	const publisher = createOutboxPublisher({
		db: ctx.db,
		observe: hub.publish,
		gapWaitMs: opts.gapWaitMs,
		// What this process read, the others publish without reading it again (they check it continues theirs).
		onRead: origin !== null ? (after, rows) => io.serverSideEmit('outbox:rows', origin, after, rows) : undefined,
		recipients: function* () {
			const at = ctx.realClock.now().getTime();
			for (const s of io.of('/').sockets.values()) {
				opts.settle?.(s, at);
				yield { id: s.id, viewer: s.data.viewer, viewerKey: s.data.viewerKey, locale: s.data.locale };
			}
		},
		// Through the sockets' own rooms (so connection-state recovery can resume them), and local:
		// every process publishes the outbox to its own sockets, so nothing crosses Redis twice.
		send: (socketIds: string[], event: CaseEventEnvelope) => io.local.to(socketIds).emit(event.type, event)
	});
	await publisher.start();

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
	publish.unref();
	return {
		publisher,
		stop: () => {
			clearInterval(publish);
			stopNudges();
		}
	};
}
