/**
 * A server-rendered list kept live, for pages that only read: the shared countdown clock (Ticker),
 * the socket connection, and a debounced reload with highlighting of the cases that changed
 * (LiveRefresh) for the events the page cares about. Start it in `onMount`; it returns its cleanup.
 * FetchedLiveList is the same for a list inside a page that refetches only itself.
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

/**
 * A list a component fetches from one API endpoint and keeps live, for lists inside a page (the case
 * page's notes and attachments): every event it `concerns`, and every reconnect, refetches it; a write
 * through `send` refetches it when the server kept it, and leaves the server's refusal in `error`.
 */
export class FetchedLiveList<T> {
	items = $state<T[]>([]);
	error = $state<string | null>(null);
	busy = $state(false);

	constructor(
		/** The endpoint; its JSON answer holds the list under `key`. */
		protected readonly url: string,
		private readonly key: string,
		initial: T[],
		private readonly concerns: (event: CaseEventEnvelope) => boolean
	) {
		this.items = initial;
	}

	start = (): (() => void) => {
		const connection = new RealtimeConnection({
			onEvent: (e) => {
				if (this.concerns(e)) void this.refresh();
			},
			onReconnected: () => void this.refresh()
		});
		return () => connection.close();
	};

	async refresh(): Promise<void> {
		const res = await fetch(this.url);
		if (res.ok) this.items = ((await res.json()) as Record<string, T[]>)[this.key] ?? [];
	}

	/** A write to the API; true when the server kept it (the list is then refetched). */
	protected async send(url: string, init: RequestInit): Promise<boolean> {
		this.busy = true;
		this.error = null;
		try {
			const res = await fetch(url, init);
			if (!res.ok) {
				this.error = ((await res.json().catch(() => ({}))) as { error?: string }).error ?? String(res.status);
				return false;
			}
			await this.refresh();
			return true;
		} finally {
			this.busy = false;
		}
	}
}
