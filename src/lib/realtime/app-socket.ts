/**
 * The page app's one socket.io connection (authenticated by the session cookie at the handshake):
 * the parts of a page that need the server live — its case events (connection.svelte.ts) and a
 * draft (src/lib/drafting/draft-session.ts) — share it instead of each opening its own; it closes
 * when the last of them lets go. Each part takes its own listeners off when it lets go.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './contract';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: { socket: AppSocket; holders: number } | null = null;

export function acquireAppSocket(): { socket: AppSocket; release: () => void } {
	shared ??= {
		// WebSocket only: one connection stays on one process behind a load balancer (ADR-026).
		socket: io({ path: '/socket.io', transports: ['websocket'], reconnectionDelayMax: 5_000 }),
		holders: 0
	};
	const held = shared;
	held.holders++;
	let released = false;
	return {
		socket: held.socket,
		release: () => {
			if (released) return;
			released = true;
			if (--held.holders > 0) return;
			held.socket.close();
			if (shared === held) shared = null;
		}
	};
}
