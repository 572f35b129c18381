/**
 * The board's polite live region (announce.ts): diffs each new version of the board's data with
 * the one before, queues the changes and says them at most once per interval, re-trying when the
 * interval ends. The first data is the baseline and is not announced.
 */
import { untrack } from 'svelte';
import { displayLocale } from '$lib/format';
import {
	diffBoard,
	queueChanges,
	QUIET,
	summariseChanges,
	takeAnnouncement,
	type AnnouncerState,
	type BoardSnapshot
} from './announce';

/** At most one announcement per this many milliseconds. */
export const ANNOUNCE_INTERVAL_MS = 30_000;

export class BoardAnnouncer {
	text = $state('');
	#last: BoardSnapshot | null = null;
	#state: AnnouncerState = QUIET;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly intervalMs = ANNOUNCE_INTERVAL_MS) {}

	/** Called with each version of the board's data (in an effect: it reads `closest` and `recent`). */
	observe(data: { closest: { number: string; band: string }[]; recent: { id: number; number: string }[] }): void {
		const next: BoardSnapshot = {
			rows: data.closest.map((r) => ({ number: r.number, band: r.band })),
			recent: data.recent.map((r) => ({ id: r.id, number: r.number }))
		};
		untrack(() => {
			const before = this.#last;
			this.#last = next;
			if (before) this.#state = queueChanges(this.#state, diffBoard(before, next));
			this.#flush();
		});
	}

	#flush = (): void => {
		clearTimeout(this.#timer);
		const t = takeAnnouncement(this.#state, Date.now(), this.intervalMs);
		this.#state = t.state;
		if (t.say) this.text = summariseChanges(t.say, displayLocale());
		if (t.retryInMs !== null) this.#timer = setTimeout(this.#flush, t.retryInMs);
	};

	stop(): void {
		clearTimeout(this.#timer);
	}
}
