/**
 * socket.io's connection-state recovery keeps every broadcast for two minutes, to replay it to a
 * socket that comes back within them. Drafting's document and presence messages are not kept: a
 * draft's provider re-joins and re-syncs on every reconnect (y-protocols sync steps 1 and 2 from its
 * state vector, then its presence), so a replay would repeat what the sync sends anyway. Under
 * typing they are nearly all broadcasts — 20 editors send about 100 a second, which kept 12,000
 * packets alive at any moment, each outliving the young generation of the heap (bench/README.md,
 * drafting). Everything else (case events, access changes) is kept as before.
 * With REDIS_URL the Redis adapter replaces this one (server/realtime.ts).
 */
import { Adapter, SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

/** Server-to-client events whose loss a reconnecting client repairs by itself. */
const NOT_KEPT: ReadonlySet<unknown> = new Set(['draft:changes']);

export class RecoveryAdapter extends SessionAwareAdapter {
	override broadcast(packet: { data?: unknown }, opts: BroadcastOptions): void {
		if (Array.isArray(packet.data) && NOT_KEPT.has(packet.data[0]))
			return Adapter.prototype.broadcast.call(this, packet, opts);
		super.broadcast(packet, opts);
	}
}
