/**
 * Keeps keyboard focus meaningful when a live reload removes the focused row of a list (WCAG 2.4.3,
 * 3.2.1): before the list changes it remembers which row link had focus and where; after, if that
 * row is gone, focus goes to the row now in its place (the next one), or the last, or the list's
 * heading — never to the page body — and the caller announces why.
 */
export class RemovedRowFocus {
	private focused: { key: string; index: number } | null = null;

	constructor(
		/** The row links, in order. */
		private readonly links: () => HTMLElement[],
		/** What names a row to the reader (the case number). */
		private readonly keyOf: (link: HTMLElement) => string,
		/** Where focus goes when no row is left (a heading with tabindex="-1"). */
		private readonly fallback: () => HTMLElement | undefined
	) {}

	/** Call before the list's DOM changes. */
	remember() {
		const links = this.links();
		const at = links.indexOf(document.activeElement as HTMLElement);
		this.focused = at === -1 ? null : { key: this.keyOf(links[at]!), index: at };
	}

	/** Call after: the removed row's key when focus had to move, else null. */
	restore(): string | null {
		const was = this.focused;
		this.focused = null;
		if (!was) return null;
		const links = this.links();
		if (links.some((a) => this.keyOf(a) === was.key)) return null;
		const next = links[Math.min(was.index, links.length - 1)] ?? this.fallback();
		next?.focus();
		return was.key;
	}
}
