/**
 * The page app's one socket.io connection (authenticated by the session cookie at the handshake):
 * the parts of a page that need the server live — its case events (connection.svelte.ts) and a
 * draft (src/lib/drafting/draft-session.ts) — share it instead of each opening its own; it closes
 * when the last of them lets go. Each part takes its own listeners off when it lets go.
 */
import { io, type Socket } from 'socket.io-client';
import {
	HandshakeErrors,
	handshakeRefusalCode,
	type ClientToServerEvents,
	type ServerToClientEvents
} from './contract';

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

/** The longest wait between two tries to connect, as socket.io's own back-off and after a refusal. */
const RECONNECT_DELAY_MAX_MS = 5_000;

/**
 * socket.io retries a transport failure by itself but not a handshake the server refused. Refused
 * as unavailable (the user's rights could not be read, ADR-125), the socket connects again after
 * between a fifth of the window and all of it: soon, but not every client of an outage on the same
 * tick. Returns the function that stops retrying (and cancels a try not yet made).
 */
export function retryWhenUnavailable(
	socket: AppSocket,
	random: () => number = Math.random,
	withinMs = RECONNECT_DELAY_MAX_MS
): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const onRefused = (err: Error) => {
		if (handshakeRefusalCode(err) !== HandshakeErrors.unavailable) return;
		clearTimeout(timer);
		timer = setTimeout(() => socket.connect(), Math.floor((0.2 + 0.8 * random()) * withinMs));
	};
	socket.on('connect_error', onRefused);
	return () => {
		clearTimeout(timer);
		socket.off('connect_error', onRefused);
	};
}

export function acquireAppSocket(): { socket: AppSocket; release: () => void } {
	if (!shared) {
		// WebSocket only: one connection stays on one process behind a load balancer (ADR-026).
		const socket: AppSocket = io({
			path: '/socket.io',
			transports: ['websocket'],
			reconnectionDelayMax: RECONNECT_DELAY_MAX_MS
		});
		const stopGoingAway = followServerGoingAway(socket);
		const stopRetrying = retryWhenUnavailable(socket);
		const stopFollowing = () => {
			stopGoingAway();
			stopRetrying();
		};
		shared = { socket, holders: 0, stopFollowing };
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
