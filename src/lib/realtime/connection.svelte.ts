/**
 * The browser's socket connection: connects only for a signed-in page (the session cookie is sent
 * by the browser), reconnects by itself, tells the page when it is live, and corrects the clock
 * skew from the server time sent on connect. Pages call `onReconnected` to catch up on what they
 * missed (for now by reloading their data; the event stream of the socket server replaces that).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './contract';

export type ConnectionState = 'connecting' | 'live' | 'lost' | 'ended';

export class RealtimeConnection {
	state: ConnectionState = $state('connecting');
	/** When the page last had live data (epoch ms), for the "data as of" banner. */
	liveAtMs = $state(Date.now());
	#socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	#wasLive = false;

	constructor(handlers: { onServerTime?: (iso: string) => void; onReconnected?: () => void } = {}) {
		this.#socket = io({ path: '/socket.io', transports: ['websocket', 'polling'], reconnectionDelayMax: 5_000 });
		this.#socket.on('session:welcomed', ({ serverTime }) => {
			handlers.onServerTime?.(serverTime);
			if (this.#wasLive) handlers.onReconnected?.();
			this.#wasLive = true;
			this.state = 'live';
			this.liveAtMs = Date.now();
		});
		this.#socket.on('disconnect', () => {
			if (this.state === 'live') this.liveAtMs = Date.now();
			if (this.state !== 'ended') this.state = 'lost';
		});
		this.#socket.on('connect_error', () => {
			if (this.state !== 'ended') this.state = this.#wasLive ? 'lost' : 'connecting';
		});
		this.#socket.on('session:ended', () => {
			this.state = 'ended';
		});
	}

	close(): void {
		this.state = 'ended';
		this.#socket.close();
	}
}
