/**
 * What a reader of a page in `lang` sees or hears, for the kk/ru text checks: text nodes, accessible
 * names, titles, placeholders and alt texts after hydration. Text inside an element with another
 * `lang`, or marked `translate="no"` (data such as names, logins, keys and hashes), is left out, and so
 * are key names in <kbd>, scripts and what is not rendered.
 */
import type { Page } from 'playwright-core';

/** The visible texts of the page: text nodes, accessible names and placeholders, in the page's language. */
export async function visibleTexts(page: Page, lang: string): Promise<string[]> {
	return page.evaluate((pageLang) => {
		const skip = (el: Element) => {
			if (el.closest('script, style, template, kbd, [translate="no"]')) return true;
			const other = el.closest('[lang]')?.getAttribute('lang');
			if (other && other !== pageLang) return true;
			const box = el.closest('option') ? el.closest('select') : el;
			return !box || !box.checkVisibility({ visibilityProperty: true });
		};
		const out: string[] = [document.title];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (el && n.textContent?.trim() && !skip(el)) out.push(n.textContent);
		}
		for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
			if (skip(el)) continue;
			for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
				const v = el.getAttribute(a);
				if (v) out.push(v);
			}
		}
		return out;
	}, lang);
}
