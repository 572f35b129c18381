/**
 * Keeps a server-rendered list live: on case events it reloads the page's data (debounced, so a
 * burst of events costs one reload) and remembers which cases changed so rows can be highlighted
 * for a few seconds.
 */
import { invalidateAll } from '$app/navigation';
import { SvelteMap } from 'svelte/reactivity';
import type { CaseEventEnvelope } from './contract';

export class LiveRefresh {
	/** caseId → when it last changed (epoch ms). */
	changed = new SvelteMap<string, number>();
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly debounceMs = 300,
		private readonly highlightMs = 4_000
	) {}

	onEvent = (event: CaseEventEnvelope): void => {
		this.changed.set(event.caseId, Date.now());
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			void invalidateAll();
			setTimeout(() => this.#expire(), this.highlightMs);
		}, this.debounceMs);
	};

	isFresh(caseId: string): boolean {
		const at = this.changed.get(caseId);
		return at !== undefined && Date.now() - at < this.highlightMs;
	}

	#expire(): void {
		for (const [id, at] of this.changed) if (Date.now() - at >= this.highlightMs) this.changed.delete(id);
	}

	stop(): void {
		clearTimeout(this.#timer);
	}
}
