/**
 * The browser's socket connection: connects with the page's session cookie, reconnects by itself,
 * corrects the clock skew from the server time sent on connect, and delivers every case event this
 * user may see exactly once — live, or after a reconnect by a replay from where it had got to
 * (case-event-feed.ts, when socket.io could not recover the session by itself).
 */
import { io, type Socket } from 'socket.io-client';
import type { CaseEventEnvelope, ClientToServerEvents, ServerToClientEvents } from './contract';
import { CaseEventFeed } from './case-event-feed';

export type ConnectionState = 'connecting' | 'live' | 'lost' | 'ended';

export class RealtimeConnection {
	state: ConnectionState = $state('connecting');
	/** When the page last had live data (epoch ms), for the "data as of" banner. */
	liveAtMs = $state(Date.now());
	#socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	#feed: CaseEventFeed;

	constructor(
		handlers: {
			onServerTime?: (iso: string) => void;
			onEvent?: (event: CaseEventEnvelope) => void;
			onReconnected?: () => void;
		} = {}
	) {
		// WebSocket only: one connection stays on one process behind a load balancer (ADR-026).
		this.#socket = io({ path: '/socket.io', transports: ['websocket'], reconnectionDelayMax: 5_000 });
		this.#feed = new CaseEventFeed(this.#socket, {
			...handlers,
			onLive: () => {
				if (this.state === 'ended') return;
				this.state = 'live';
				this.liveAtMs = Date.now();
			}
		});
		this.#socket.on('disconnect', () => {
			if (this.state === 'live') this.liveAtMs = Date.now();
			if (this.state !== 'ended') this.state = 'lost';
		});
		this.#socket.on('connect_error', () => {
			if (this.state !== 'ended') this.state = this.#feed.wasLive ? 'lost' : 'connecting';
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
