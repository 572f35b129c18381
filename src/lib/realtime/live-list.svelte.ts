/**
 * A server-rendered list kept live, for pages that only read: the shared countdown clock (Ticker),
 * the socket connection, and a debounced reload with highlighting of the cases that changed
 * (LiveRefresh) for the events the page cares about. Start it in `onMount`; it returns its cleanup.
 */
import { invalidateAll } from '$app/navigation';
import { Ticker } from '$lib/ticker.svelte';
import { LiveRefresh } from './live-refresh.svelte';
import { RealtimeConnection } from './connection.svelte';
import type { CaseEventEnvelope } from './contract';

export class LiveList {
	readonly ticker: Ticker;
	readonly live = new LiveRefresh();
	connection: RealtimeConnection | null = $state(null);

	constructor(
		serverNow: string,
		private readonly concerns: (event: CaseEventEnvelope) => boolean = () => true
	) {
		this.ticker = new Ticker(serverNow);
	}

	start = (): (() => void) => {
		const connection = new RealtimeConnection({
			onServerTime: (t) => this.ticker.setServerTime(t),
			onEvent: (e) => {
				if (this.concerns(e)) this.live.onEvent(e);
			},
			onReconnected: () => invalidateAll()
		});
		this.connection = connection;
		return () => {
			connection.close();
			this.live.stop();
			this.ticker.stop();
		};
	};

	/** The socket dropped after having been live: the page shows data as of `liveAtMs`. */
	get lost(): boolean {
		return this.connection?.state === 'lost';
	}
}
