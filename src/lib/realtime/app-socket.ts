/**
 * The page app's one socket.io connection (authenticated by the session cookie at the handshake):
 * the parts of a page that need the server live — its case events (connection.svelte.ts) and a
 * draft (src/lib/drafting/draft-session.ts) — share it instead of each opening its own; it closes
 * when the last of them lets go. Each part takes its own listeners off when it lets go.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './contract';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: { socket: AppSocket; holders: number; stopFollowing: () => void } | null = null;

/**
 * When the server says it is going away (ADR-069), leave at once and connect again after a random
 * part of the window it gives — the clients of one process spread over the others instead of all
 * reconnecting on the same tick, and none waits for the transport close and the back-off. Returns
 * the function that stops following (and cancels a reconnect not yet made).
 */
export function followServerGoingAway(socket: AppSocket, random: () => number = Math.random): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const onGoingAway = ({ reconnectWithinMs }: { reconnectWithinMs: number }) => {
		const spread = Math.min(Math.max(0, reconnectWithinMs), 30_000);
		socket.disconnect();
		clearTimeout(timer);
		timer = setTimeout(() => socket.connect(), Math.floor(random() * spread));
	};
	socket.on('server:going-away', onGoingAway);
	return () => {
		clearTimeout(timer);
		socket.off('server:going-away', onGoingAway);
	};
}

export function acquireAppSocket(): { socket: AppSocket; release: () => void } {
	if (!shared) {
		// WebSocket only: one connection stays on one process behind a load balancer (ADR-026).
		const socket: AppSocket = io({ path: '/socket.io', transports: ['websocket'], reconnectionDelayMax: 5_000 });
		shared = { socket, holders: 0, stopFollowing: followServerGoingAway(socket) };
	}
	const held = shared;
	held.holders++;
	let released = false;
	return {
		socket: held.socket,
		release: () => {
			if (released) return;
			released = true;
			if (--held.holders > 0) return;
			held.stopFollowing();
			held.socket.close();
			if (shared === held) shared = null;
		}
	};
}
