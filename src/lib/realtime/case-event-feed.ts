/**
 * The case events of the browser's socket: delivers every event this user may see exactly once —
 * live, or after a reconnect that socket.io could not recover by itself, by a replay from the
 * resume point, page by page, until the server says none remains. The resume point moves with
 * live events only while no replay is owed, and with a replay only as far as its pages reached;
 * so a replay interrupted by another drop resumes where it stopped, and a live event that arrived
 * meanwhile never makes it skip what lies between. Kept apart from the Svelte state so the
 * integration tests drive this very loop over real sockets.
 */
import type { Socket } from 'socket.io-client';
import {
	CASE_EVENT_TYPES,
	type CaseEventEnvelope,
	type ClientToServerEvents,
	type ReplayPage,
	type ServerToClientEvents
} from './contract';
import { EventDeduper } from './dedupe';

export interface CaseEventFeedHandlers {
	onServerTime?: (iso: string) => void;
	onEvent?: (event: CaseEventEnvelope) => void;
	/** After a reconnect, once what was missed has been delivered. */
	onReconnected?: () => void;
	/** Connected and caught up (after the first connect and after every reconnect). */
	onLive?: () => void;
}

/** A page's answer can take this long before the replay is left to the next connection. */
const PAGE_TIMEOUT_MS = 20_000;
/** An error answer (the server busy, say) is asked again this many times, this far apart. */
const PAGE_RETRIES = 3;
const RETRY_MS = 1_000;
/** A replay left unfinished on a live connection is started again, at most this far apart. */
const REPLAY_AGAIN_MAX_MS = 30_000;

export class CaseEventFeed {
	readonly #dedupe = new EventDeduper();
	readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	readonly #onEvent: (event: CaseEventEnvelope) => void;
	#wasLive = false;
	/** Events between the resume point and this connection's live stream may be missing. */
	#owed = false;
	/** The highest id received live on this connection (they follow on from its welcome). */
	#highestLive = 0;
	/** Counts welcomes: a replay of an older connection stops when a newer one began. */
	#connection = 0;
	/** Its listeners, taken off the shared socket by `stop`. */
	readonly #onLiveEvent = (event: CaseEventEnvelope) => this.#live(event);
	readonly #onWelcome: (welcome: { serverTime: string; lastEventId: number }) => Promise<void>;

	constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>, handlers: CaseEventFeedHandlers = {}) {
		this.#socket = socket;
		this.#onEvent = handlers.onEvent ?? (() => {});
		this.#onWelcome = async ({ serverTime, lastEventId }) => {
			handlers.onServerTime?.(serverTime);
			const connection = ++this.#connection;
			this.#highestLive = 0;
			if (!this.#wasLive) this.#dedupe.advanceTo(lastEventId);
			else if (!socket.recovered || this.#owed) {
				this.#owed = true;
				for (let attempt = 0; ; attempt++) {
					await this.#replay(connection);
					// Cut short by a drop (or a newer connection took over): it stays owed to the next one.
					if (connection !== this.#connection || !socket.connected) return;
					if (!this.#owed) break;
					// Still connected but not answered (the server busy, its database restarting): asked
					// again on this connection, or nothing would replay until the next drop.
					await new Promise((r) => setTimeout(r, Math.min(REPLAY_AGAIN_MAX_MS, RETRY_MS * 2 ** attempt)));
					if (connection !== this.#connection || !socket.connected) return;
				}
			}
			if (this.#wasLive) handlers.onReconnected?.();
			this.#wasLive = true;
			handlers.onLive?.();
		};
		for (const type of CASE_EVENT_TYPES) socket.on(type, this.#onLiveEvent);
		socket.on('session:welcomed', this.#onWelcome);
	}

	/** Stops listening (the socket may stay open for the page's other parts). */
	stop(): void {
		for (const type of CASE_EVENT_TYPES) this.#socket.off(type, this.#onLiveEvent);
		this.#socket.off('session:welcomed', this.#onWelcome);
	}

	get wasLive(): boolean {
		return this.#wasLive;
	}

	/** Where the next replay would start (for tests and diagnostics). */
	get resumeAfter(): number {
		return this.#dedupe.resumeAfter;
	}

	#live(event: CaseEventEnvelope): void {
		if (this.#dedupe.accept(event.id)) this.#onEvent(event);
		if (this.#owed) this.#highestLive = Math.max(this.#highestLive, event.id);
		else this.#dedupe.advanceTo(event.id);
	}

	/** Pages until the server says none remains; stops early (still owed) when it gets no answer. */
	async #replay(connection: number): Promise<void> {
		let afterId = this.#dedupe.resumeAfter;
		let upTo: number | undefined;
		for (;;) {
			const page = await this.#page(upTo === undefined ? { afterId } : { afterId, upTo });
			if (!page || connection !== this.#connection) return;
			for (const event of page.events) if (this.#dedupe.accept(event.id)) this.#onEvent(event);
			this.#dedupe.advanceTo(page.next);
			if (!page.more) break;
			if (page.next <= afterId) return; // no progress: leave it to the next connection
			afterId = page.next;
			upTo = page.upTo;
		}
		// Everything up to the replay's end is delivered, and this connection's live events follow on from it.
		this.#owed = false;
		this.#dedupe.advanceTo(this.#highestLive);
	}

	async #page(request: { afterId: number; upTo?: number }): Promise<ReplayPage | null> {
		for (let attempt = 0; attempt <= PAGE_RETRIES; attempt++) {
			if (attempt > 0) await new Promise((r) => setTimeout(r, RETRY_MS));
			if (!this.#socket.connected) return null;
			try {
				const ack = await this.#socket.timeout(PAGE_TIMEOUT_MS).emitWithAck('events:replay', request);
				if ('data' in ack) return ack.data;
			} catch {
				return null; // no answer (the connection dropped): the next connection replays
			}
		}
		return null;
	}
}
