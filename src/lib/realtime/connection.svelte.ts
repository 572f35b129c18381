/**
 * The browser's socket connection: connects with the page's session cookie, reconnects by itself,
 * corrects the clock skew from the server time sent on connect, and delivers every case event this
 * user may see exactly once — live, or after a reconnect by a replay from the last id it saw (when
 * socket.io could not recover the session by itself). Duplicates are dropped by id.
 */
import { io, type Socket } from 'socket.io-client';
import {
	CASE_EVENT_TYPES,
	type CaseEventEnvelope,
	type ClientToServerEvents,
	type ServerToClientEvents
} from './contract';
import { EventDeduper } from './dedupe';

export type ConnectionState = 'connecting' | 'live' | 'lost' | 'ended';

export class RealtimeConnection {
	state: ConnectionState = $state('connecting');
	/** When the page last had live data (epoch ms), for the "data as of" banner. */
	liveAtMs = $state(Date.now());
	#dedupe = new EventDeduper();
	#socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	#wasLive = false;
	#onEvent: (event: CaseEventEnvelope) => void;

	constructor(
		handlers: {
			onServerTime?: (iso: string) => void;
			onEvent?: (event: CaseEventEnvelope) => void;
			onReconnected?: () => void;
		} = {}
	) {
		this.#onEvent = handlers.onEvent ?? (() => {});
		this.#socket = io({ path: '/socket.io', transports: ['websocket', 'polling'], reconnectionDelayMax: 5_000 });
		for (const type of CASE_EVENT_TYPES) this.#socket.on(type, (event) => this.#accept(event));
		this.#socket.on('session:welcomed', async ({ serverTime, lastEventId }) => {
			handlers.onServerTime?.(serverTime);
			if (!this.#wasLive) this.#dedupe.lastId = lastEventId;
			else if (!this.#socket.recovered) await this.#replay();
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

	/** Everything after the last id, page by page, until the server says it is caught up. */
	async #replay(): Promise<void> {
		for (let pages = 0; pages < 50; pages++) {
			const ack = await this.#socket.emitWithAck('events:replay', { afterId: this.#dedupe.lastId });
			if ('error' in ack) return;
			for (const event of ack.data.events) this.#accept(event);
			if (ack.data.events.length === 0 || this.#dedupe.lastId >= ack.data.upTo) return;
		}
	}

	#accept(event: CaseEventEnvelope): void {
		if (this.#dedupe.accept(event.id)) this.#onEvent(event);
	}

	close(): void {
		this.state = 'ended';
		this.#socket.close();
	}
}
