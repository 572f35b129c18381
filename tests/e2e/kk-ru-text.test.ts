/**
 * Every page every demo role reaches, rendered in Kazakh and in Russian after hydration: no visible
 * Latin-script word or code may remain unless it is data or an allowed term (tests/helpers/latin-words.ts).
 * Text a screen reader reads (aria-label, title, placeholder, visually hidden text) counts as visible;
 * text inside an element with another `lang`, or marked `translate="no"` (data such as names and
 * hashes), does not; nor does a key name in <kbd>. With I18N_REPORT=<file> the counts per page and
 * language are written there.
 *
 * There is no baseline of words waiting for translation: any Latin word that is neither data nor an
 * allowed term (ADR-078) fails, on every page and for every role.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';
import { untranslatedWords } from '../helpers/latin-words';
import { visibleTexts } from '../helpers/page-text';

const app = useE2eApp();

const ROLES = ['registrar', 'officer', 'head', 'supervisor', 'reviewer', 'admin', 'liaison-nsc', 'board'] as const;
const LANGS = ['kk', 'ru'] as const;

interface Finding {
	route: string;
	lang: string;
	words: Map<string, string>; // word → a sample of the text it appeared in
	occurrences: number;
}
const findings = new Map<string, Finding>();

function routeOf(pathname: string): string {
	return pathname.replace(/\/cases\/[^/]+/, '/cases/[id]');
}

async function open(page: Page, path: string): Promise<boolean> {
	const res = await page.goto(`${app.server.url}${path}`);
	if (!res || res.status() >= 400) return false;
	await page.waitForFunction(() => performance.getEntriesByName('merzim:interactive').length > 0);
	await page.waitForTimeout(150);
	return true;
}

/** Records the page's untranslated words; returns them as `route: words` (empty when none). */
async function record(page: Page, lang: string): Promise<string[]> {
	const route = routeOf(new URL(page.url()).pathname);
	const key = `${route} ${lang}`;
	const f = findings.get(key) ?? { route, lang, words: new Map(), occurrences: 0 };
	findings.set(key, f);
	expect(await page.locator('html').getAttribute('lang')).toBe(lang);
	const here = new Set<string>();
	for (const text of await visibleTexts(page, lang)) {
		for (const w of untranslatedWords(text)) {
			f.occurrences++;
			here.add(w);
			if (!f.words.has(w)) f.words.set(w, text.trim().slice(0, 120));
		}
	}
	return here.size ? [`${route}: ${[...here].join(' ')}`] : [];
}

/** The pages a role reaches: its navigation, its account, and case pages (one per service) with a draft. */
async function pagesOf(context: BrowserContext): Promise<string[]> {
	const page = await context.newPage();
	await open(page, '/');
	const nav = await page
		.locator('nav[aria-label] a[href^="/"]')
		.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	const paths = [...new Set([new URL(page.url()).pathname, ...nav, '/account'])];
	if (nav.includes('/cases')) {
		const byService = new Map<string, string>();
		for (let n = 1; n <= 6 && byService.size < 10; n++) {
			if (!(await open(page, `/cases?page=${n}`))) break;
			const rows = await page.locator('main table tbody tr').evaluateAll((trs) =>
				trs.map((tr) => ({
					service: tr.children[1]?.textContent ?? '',
					href: tr.querySelector('a')?.getAttribute('href') ?? ''
				}))
			);
			for (const { service, href } of rows) if (href && !byService.has(service)) byService.set(service, href);
		}
		const drafts: string[] = [];
		for (const href of byService.values()) {
			paths.push(href);
			if (drafts.length < 2 && (await open(page, href))) {
				const draft = await page.locator(`a[href="${href}/draft"]`).count();
				if (draft) drafts.push(`${href}/draft`);
			}
		}
		paths.push(...drafts);
	}
	await page.close();
	return paths;
}

let anonymous: BrowserContext;
beforeAll(async () => {
	anonymous = await app.browser.newContext({ locale: 'en-GB' });
});
afterAll(async () => {
	await anonymous?.close();
	const rows = [...findings.values()].sort((a, b) => a.route.localeCompare(b.route) || a.lang.localeCompare(b.lang));
	const report = rows.map((f) => ({
		route: f.route,
		lang: f.lang,
		distinct: f.words.size,
		occurrences: f.occurrences,
		words: Object.fromEntries(f.words)
	}));
	if (process.env.I18N_REPORT) writeFileSync(process.env.I18N_REPORT, JSON.stringify(report, null, '\t'));
});

describe.each(LANGS)('in %s', (lang) => {
	it('the sign-in page', async () => {
		await anonymous.addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url: app.server.url }]);
		const page = await anonymous.newPage();
		await open(page, '/login');
		const offenders = await record(page, lang);
		await page.close();
		expect(offenders).toEqual([]);
	});

	it("the /cases saved views' refusal", async () => {
		const context = await app.browser.newContext({ locale: 'en-GB' });
		const signIn = await context.newPage();
		await signInWith(signIn, app.server.url, 'officer');
		await signIn.close();
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url: app.server.url }]);
		const page = await context.newPage();
		expect(await open(page, '/cases')).toBe(true);
		const views = page.locator('section.views');
		// Blank after trimming: passes the browser's `required`, refused by the server.
		await views.locator('input[name="name"]').fill('   ');
		await views.locator('form.save button[type="submit"]').click();
		const alert = views.getByRole('alert');
		await alert.waitFor();
		expect((await alert.textContent())?.trim()).toMatch(/\p{Script=Cyrillic}/u);
		const offenders = await record(page, lang);
		await context.close();
		expect(offenders).toEqual([]);
	});

	it.each(ROLES)('every page %s reaches', { timeout: 300_000 }, async (username) => {
		const context = await app.browser.newContext({ locale: 'en-GB', viewport: { width: 1600, height: 1000 } });
		const signIn = await context.newPage();
		await signInWith(signIn, app.server.url, username);
		await signIn.close();
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url: app.server.url }]);
		const paths = await pagesOf(context);
		const page = await context.newPage();
		const offenders: string[] = [];
		for (const path of paths) {
			if (await open(page, path)) offenders.push(...(await record(page, lang)));
		}
		await context.close();
		expect(offenders, `${username} in ${lang}`).toEqual([]);
	});
});
