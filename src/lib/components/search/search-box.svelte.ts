/**
 * The header search's state: the text, the grouped answer of `GET /api/v1/search` (debounced, the
 * previous request aborted), and the highlighted hit for the keyboard.
 */
import type { SearchHit } from '$lib/types/desk';

export interface SearchGroup {
	group: string;
	hits: SearchHit[];
}

export class SearchBoxState {
	text = $state('');
	groups = $state<SearchGroup[]>([]);
	active = $state(-1);
	open = $state(false);
	loading = $state(false);
	failed = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#abort: AbortController | null = null;

	/** Every hit in display order (the keyboard moves through this). */
	flat = $derived(this.groups.flatMap((g) => g.hits));

	input(text: string) {
		this.text = text;
		clearTimeout(this.#timer);
		if (!text.trim()) {
			this.#abort?.abort();
			this.groups = [];
			this.open = false;
			return;
		}
		this.#timer = setTimeout(() => void this.#fetch(text), 150);
	}

	async #fetch(text: string) {
		this.#abort?.abort();
		const abort = new AbortController();
		this.#abort = abort;
		this.loading = true;
		try {
			const res = await fetch(`/api/v1/search?q=${encodeURIComponent(text)}`, { signal: abort.signal });
			if (!res.ok) throw new Error(String(res.status));
			const body = (await res.json()) as { groups: SearchGroup[] };
			this.groups = body.groups;
			this.active = this.flat.length ? 0 : -1;
			this.failed = false;
			this.open = true;
		} catch (e) {
			if ((e as Error).name === 'AbortError') return;
			this.failed = true;
			this.open = true;
		} finally {
			if (this.#abort === abort) this.loading = false;
		}
	}

	move(by: number) {
		const n = this.flat.length;
		if (!n) return;
		this.open = true;
		this.active = (this.active + by + n) % n;
	}

	close() {
		this.open = false;
	}
}
