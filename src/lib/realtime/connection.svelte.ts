/**
 * The browser's socket connection: connects with the page's session cookie, reconnects by itself,
 * corrects the clock skew from the server time sent on connect, and delivers every case event this
 * user may see exactly once — live, or after a reconnect by a replay from where it had got to
 * (case-event-feed.ts, when socket.io could not recover the session by itself).
 */
import { handshakeRefusalCode, type CaseEventEnvelope, type HandshakeErrorCode } from './contract';
import { CaseEventFeed } from './case-event-feed';
import { acquireAppSocket, type AppSocket } from './app-socket';

export type ConnectionState = 'connecting' | 'live' | 'lost' | 'ended';

export class RealtimeConnection {
	state: ConnectionState = $state('connecting');
	/** When the page last had live data (epoch ms), for the "data as of" banner. */
	liveAtMs = $state(Date.now());
	#socket: AppSocket;
	#release: () => void;
	#feed: CaseEventFeed;
	readonly #onDisconnect = () => {
		if (this.state === 'live') this.liveAtMs = Date.now();
		if (this.state !== 'ended') this.state = 'lost';
	};
	/** Why the server last refused the handshake (ADR-031 code), null after a transport failure. */
	refusedWith: HandshakeErrorCode | null = $state(null);
	readonly #onConnectError = (err: Error) => {
		this.refusedWith = handshakeRefusalCode(err);
		// Refused as signed out: the session is over, and retrying cannot bring it back.
		if (this.refusedWith === 'unauthenticated') this.state = 'ended';
		else if (this.state !== 'ended') this.state = this.#feed.wasLive ? 'lost' : 'connecting';
	};
	readonly #onEnded = () => {
		this.state = 'ended';
	};

	constructor(
		handlers: {
			onServerTime?: (iso: string) => void;
			onEvent?: (event: CaseEventEnvelope) => void;
			onReconnected?: () => void;
		} = {}
	) {
		const { socket, release } = acquireAppSocket();
		this.#socket = socket;
		this.#release = release;
		this.#feed = new CaseEventFeed(this.#socket, {
			...handlers,
			onLive: () => {
				if (this.state === 'ended') return;
				this.state = 'live';
				this.liveAtMs = Date.now();
			}
		});
		this.#socket.on('disconnect', this.#onDisconnect);
		this.#socket.on('connect_error', this.#onConnectError);
		this.#socket.on('session:ended', this.#onEnded);
	}

	close(): void {
		this.state = 'ended';
		this.#feed.stop();
		this.#socket.off('disconnect', this.#onDisconnect);
		this.#socket.off('connect_error', this.#onConnectError);
		this.#socket.off('session:ended', this.#onEnded);
		this.#release();
	}
}
