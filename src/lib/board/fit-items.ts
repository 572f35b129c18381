/**
 * The wall board never scrolls (1920×1080 to 3840×2160, in any language): the items of a list that
 * do not fit its box are hidden — from the first that does not fit on, since the list is in order
 * of urgency — and counted, so the board can say "+N more". Fitted again when the box changes size
 * and when the list's items change. A Svelte attachment: `{@attach fitItems('tbody tr', report)}`.
 */
export function fitItems(selector: string, report: (hidden: number) => void = () => {}) {
	return (box: HTMLElement): (() => void) => {
		let frame = 0;
		/** Hides the items that end below the box, from the first on; `reset` shows them all first. */
		const hideOverflow = (reset: boolean) => {
			const items = [...box.querySelectorAll<HTMLElement>(selector)];
			if (reset) for (const item of items) item.hidden = false;
			const bottom = box.getBoundingClientRect().bottom + 0.5;
			let first = items.findIndex((item) => !item.hidden && item.getBoundingClientRect().bottom > bottom);
			if (first === -1) first = items.findIndex((item) => item.hidden);
			if (first === -1) first = items.length;
			for (const item of items.slice(first)) item.hidden = true;
			report(items.length - first);
		};
		const fit = () => {
			cancelAnimationFrame(frame);
			frame = requestAnimationFrame(() => {
				hideOverflow(true);
				// The count may have changed the heading above the list: check once more, hiding only.
				frame = requestAnimationFrame(() => hideOverflow(false));
			});
		};
		const resized = new ResizeObserver(fit);
		resized.observe(box);
		const changed = new MutationObserver(fit);
		changed.observe(box, { childList: true, subtree: true });
		fit();
		return () => {
			cancelAnimationFrame(frame);
			resized.disconnect();
			changed.disconnect();
		};
	};
}
