/**
 * Keyboard, screen-reader and format requirements, each in the browser:
 * the draft's save status speaks state changes only, not each keystroke; the language selector
 * does not change on an arrow key (WCAG 3.2.2); j/k can be turned off (WCAG 2.1.4); the top bar's
 * focus ring has 3:1 contrast (WCAG 1.4.11); queue risk is written, not only coloured (WCAG 1.4.1);
 * dates and amounts after hydration are what the server wrote, in a Chromium without Kazakh locale
 * data; the board's live region speaks politely, in summary, at most once an interval. On
 * PostgreSQL, so the test can pick demo cases and change them as another process would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';
import { caseAwaitingLetter } from '../helpers/letter-case';
import { untranslatedWords } from '../helpers/latin-words';
import { decideElsewhere } from '../helpers/decide-elsewhere';
import { createDb, type DbHandle } from '../../src/lib/server/db/client';

const app = useE2eApp({ database: 'merzim_e2e_a11y' });
let db: DbHandle;
let draftCaseId: string;
let goodsCaseId: string;

beforeAll(async () => {
	draftCaseId = await caseAwaitingLetter(app, '10.27.0');
	const sql = postgres(app.databaseUrl, { max: 1, onnotice: () => {} });
	const [goods] = await sql`select id from cases
		where jsonb_array_length(coalesce(application->'goodsLines', '[]'::jsonb)) > 0
		and application->'goodsLines'->0->>'currency' is not null order by number limit 1`;
	await sql.end();
	goodsCaseId = goods!.id as string;
	db = await createDb({ url: app.databaseUrl });
});
afterAll(async () => {
	await db?.close();
});

async function signedIn(username: string, locale: 'kk' | 'ru' | 'en', browserLocale = 'en-GB'): Promise<Page> {
	const context = await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: browserLocale });
	const page = await context.newPage();
	await signInWith(page, app.server.url, username);
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: app.server.url }]);
	return page;
}

const interactive = (page: Page, mark = 'merzim:interactive') =>
	page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark);

describe('the draft’s save status', () => {
	it('speaks state changes only: typing 40 characters is not 40 announcements', async () => {
		const page = await signedIn('officer', 'en');
		await page.goto(`${app.server.url}/cases/${draftCaseId}/draft`);
		await page.locator('.status[data-phase="synced"][data-access="edit"]').waitFor({ timeout: 15_000 });
		const spoken = page.locator('.main p.visually-hidden[role="status"]');
		expect(await spoken.textContent()).toBe('All changes saved');
		// Every text the live region takes, and every text of the visible status, from now on.
		await page.evaluate(() => {
			const w = window as unknown as { said: string[]; shown: string[] };
			w.said = [];
			w.shown = [];
			const watch = (el: Element, into: string[]) =>
				new MutationObserver(() => into.push(el.textContent ?? '')).observe(el, {
					childList: true,
					characterData: true,
					subtree: true
				});
			watch(document.querySelector('.main p.visually-hidden[role="status"]')!, w.said);
			watch(document.querySelector('.main p.status')!, w.shown);
		});
		await page.getByRole('textbox', { name: 'Refusal text' }).click();
		await page.keyboard.press('End');
		await page.keyboard.type(' Қосымша мәтін, тексеру үшін жазылды.', { delay: 25 });
		await page.locator('.status[data-phase="synced"]', { hasText: 'All changes saved' }).waitFor();
		await page.waitForTimeout(500);
		const { said, shown } = await page.evaluate(() => {
			const w = window as unknown as { said: string[]; shown: string[] };
			return { said: w.said, shown: w.shown };
		});
		// The visible status did follow the saving ("saving (n)"); the live region did not.
		expect(shown.some((t) => /saving/i.test(t))).toBe(true);
		expect(said.filter((t) => /saving/i.test(t))).toEqual([]);
		expect(new Set(said).size).toBeLessThanOrEqual(1);
		expect(await spoken.textContent()).toBe('All changes saved');
		await page.context().close();
	});
});

describe('the language selector (WCAG 3.2.2)', () => {
	it('does not change the language on the first arrow key; it changes on the button', async () => {
		const context = await app.browser.newContext({ locale: 'kk-KZ' });
		const page = await context.newPage();
		await page.goto(`${app.server.url}/login`);
		await interactive(page);
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 27));
		const select = page.getByRole('combobox', { name: 'Тіл' });
		await select.focus();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		await page.waitForTimeout(700);
		// The choice moved, the page did not reload and is still in Kazakh.
		expect(await select.inputValue()).not.toBe('kk');
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(27);
		expect(await page.locator('html').getAttribute('lang')).toBe('kk');
		const chosen = await select.inputValue();
		await page.keyboard.press('Tab');
		await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
		expect(await page.locator('html').getAttribute('lang')).toBe(chosen);
		await context.close();
	});
});

describe('the queue', () => {
	it('lets j/k be turned off, remembers it, and turns them back on (WCAG 2.1.4)', async () => {
		const page = await signedIn('supervisor', 'kk');
		const focusedIsRow = () => page.evaluate(() => document.activeElement?.classList.contains('case-link') ?? false);
		await page.goto(`${app.server.url}/queue?tab=all`);
		await interactive(page, 'merzim:queue-interactive');
		const toggle = page.locator('p.hint input[type="checkbox"]');
		expect(await toggle.isChecked()).toBe(true);
		await toggle.uncheck();
		await page.locator('h1').click();
		await page.keyboard.press('j');
		expect(await focusedIsRow()).toBe(false);

		await page.reload();
		await interactive(page, 'merzim:queue-interactive');
		await expect.poll(() => toggle.isChecked()).toBe(false);
		await page.locator('h1').click();
		await page.keyboard.press('j');
		expect(await focusedIsRow()).toBe(false);

		await toggle.check();
		await page.locator('h1').click();
		await page.keyboard.press('j');
		expect(await focusedIsRow()).toBe(true);
		await page.context().close();
	});

	it('writes each row’s risk in words beside its colour (WCAG 1.4.1)', async () => {
		const page = await signedIn('supervisor', 'ru');
		await page.goto(`${app.server.url}/queue?tab=all`);
		await interactive(page, 'merzim:queue-interactive');
		const rows = await page.locator('table.queue tbody tr').evaluateAll((trs) =>
			trs.map((tr) => ({
				band: [...tr.classList].find((c) => c.startsWith('band-row-'))?.slice('band-row-'.length) ?? '',
				hasClock: tr.querySelector('.countdown') !== null,
				words: tr.querySelector('.badge')?.textContent?.trim() ?? ''
			}))
		);
		const clocked = rows.filter((r) => r.hasClock);
		expect(clocked.length).toBeGreaterThan(5);
		expect(new Set(clocked.map((r) => r.band)).size).toBeGreaterThan(1);
		// The same band always says the same words, and different bands different words.
		const wordsOf = new Map<string, Set<string>>();
		for (const r of clocked) wordsOf.set(r.band, (wordsOf.get(r.band) ?? new Set()).add(r.words));
		for (const [band, words] of wordsOf) {
			expect([...words], band).toHaveLength(1);
			expect([...words][0], band).toMatch(/[а-яё]/i);
		}
		const all = [...wordsOf.values()].map((s) => [...s][0]);
		expect(new Set(all).size).toBe(all.length);
		await page.context().close();
	});
});

/** WCAG relative luminance contrast of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
	const lum = (c: string) => {
		const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? [])
			.slice(0, 3)
			.map(Number)
			.map((v) => v / 255);
		const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
		return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(bl!);
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

describe('the top bar’s focus ring', () => {
	it('has at least 3:1 contrast against the bar, for every link reached by Tab', async () => {
		const page = await signedIn('officer', 'kk');
		await page.goto(`${app.server.url}/queue`);
		await interactive(page);
		const rings: { name: string; ring: string; style: string; width: number; bar: string }[] = [];
		for (let i = 0; i < 30; i++) {
			await page.keyboard.press('Tab');
			const r = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				const bar = el?.closest('.topbar');
				if (!el || !bar) return null;
				const s = getComputedStyle(el);
				return {
					name: el.textContent?.trim() ?? '',
					ring: s.outlineColor,
					style: s.outlineStyle,
					width: parseFloat(s.outlineWidth),
					bar: getComputedStyle(bar).backgroundColor,
					visible: el.matches(':focus-visible')
				};
			});
			if (r?.visible) rings.push(r);
			else if (rings.length) break;
		}
		expect(rings.length).toBeGreaterThan(2);
		for (const r of rings) {
			expect(r.style, r.name).not.toBe('none');
			expect(r.width, r.name).toBeGreaterThanOrEqual(2);
			expect(contrast(r.ring, r.bar), `${r.name}: ${r.ring} on ${r.bar}`).toBeGreaterThanOrEqual(3);
		}
		await page.context().close();
	});
});

describe('dates and amounts after hydration', () => {
	const DATE = /\b\d{2}\.\d{2}\.\d{4}(, \d{2}:\d{2})?/g;
	const AMOUNT = /\d{1,3}(?:\u202f\d{3})*,\d{2}\u00a0[A-Z]{3}\b/g;
	const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

	for (const locale of ['kk', 'ru'] as const)
		it(`are in ${locale} what the server wrote, in a Chromium without Kazakh locale data`, async () => {
			const page = await signedIn('head', locale, 'kk-KZ');
			const url = `${app.server.url}/cases/${goodsCaseId}`;
			// The server's own HTML, before any script ran.
			const html = await (await page.context().request.get(url, { headers: { accept: 'text/html' } })).text();
			const serverText = html
				.replace(/<script[\s\S]*?<\/script>/g, '')
				.replace(/<[^>]+>/g, ' ')
				.replaceAll('&nbsp;', '\u00a0');
			await page.goto(url);
			await interactive(page);
			await page.waitForTimeout(300);
			// All the page's text, also what is folded away (details), as the server's HTML has it.
			const hydrated = await page.evaluate(() => {
				const body = document.body.cloneNode(true) as HTMLElement;
				for (const el of body.querySelectorAll('script, style')) el.remove();
				return body.textContent ?? '';
			});
			const dates = [...new Set(serverText.match(DATE) ?? [])];
			const amounts = [...new Set(serverText.match(AMOUNT) ?? [])];
			expect(dates.length).toBeGreaterThan(2);
			expect(amounts.length).toBeGreaterThan(0);
			for (const d of dates) expect(hydrated, d).toContain(d);
			for (const a of amounts) expect(hydrated, a).toContain(a);
			expect(hydrated).not.toMatch(ISO);
			await page.context().close();
		});
});

describe('the wall board’s live updates', () => {
	it('are announced politely, in Kazakh, in summary and not more than once in an interval', async () => {
		const page = await signedIn('board', 'kk', 'kk-KZ');
		await page.goto(`${app.server.url}/board`);
		await page.locator('.board[data-connection="live"]').waitFor({ timeout: 15_000 });
		const region = page.locator('.board > p[role="status"]');
		expect(await region.getAttribute('aria-live')).toBe('polite');
		expect(await region.textContent()).toBe('');
		await page.evaluate(() => {
			const w = window as unknown as { said: string[] };
			w.said = [];
			const el = document.querySelector('.board > p[role="status"]')!;
			new MutationObserver(() => w.said.push(el.textContent ?? '')).observe(el, {
				childList: true,
				characterData: true,
				subtree: true
			});
		});
		const numbers = page.locator('.columns section').first().locator('tbody tr td:first-child');
		const number = async (i: number) => ((await numbers.nth(i).innerText()).split('\n')[0] ?? '').trim();
		const [first, second] = [await number(0), await number(1)];

		await decideElsewhere(db.db, first);
		await expect.poll(() => region.textContent(), { timeout: 15_000 }).not.toBe('');
		const said = (await region.textContent())!;
		expect(untranslatedWords(said)).toEqual([]);
		expect(said).toMatch(/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/);

		// A second change shows on the board at once but is held for the next announcement.
		await decideElsewhere(db.db, second);
		await expect.poll(() => number(0), { timeout: 15_000 }).not.toBe(second);
		await expect.poll(async () => (await numbers.allInnerTexts()).some((t) => t.startsWith(second))).toBe(false);
		await page.waitForTimeout(1_500);
		const all = await page.evaluate(() => (window as unknown as { said: string[] }).said.filter(Boolean));
		expect(new Set(all).size, JSON.stringify(all)).toBe(1);
		await page.context().close();
	});
});
