/**
 * Every screen usable at its size, in each language (Kazakh and Russian words are long): the wall
 * board fits 1920×1080 and 3840×2160 without scrolling and says "+N more" for the rows it leaves
 * out; /queue at 200% zoom on 1280×800 (640×400 CSS px) scrolls only vertically; the draft page at
 * 1280 px keeps the deadlines beside the letter on screen. Screenshots in tests/e2e/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const catalogue = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
const app = useE2eApp({ database: 'merzim_e2e_layout' });
let draftCaseId: string;

beforeAll(async () => {
	const db = postgres(app.databaseUrl, { max: 1, onnotice: () => {} });
	const [row] =
		await db`select id from cases where stage = 'hearing' and decision ? 'preliminary' order by number limit 1`;
	await db.end();
	draftCaseId = row!.id as string;
});

/** Signed in (the sign-in page in English), then in `locale` by the language cookie. */
async function open(
	username: string,
	locale: 'kk' | 'ru' | 'en',
	viewport: { width: number; height: number },
	deviceScaleFactor = 1
): Promise<Page> {
	const context = await app.browser.newContext({ viewport, deviceScaleFactor, locale: 'en-GB' });
	const page = await context.newPage();
	await signInWith(page, app.server.url, username);
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: app.server.url }]);
	return page;
}

const overflow = (page: Page) =>
	page.evaluate(() => ({
		x: document.documentElement.scrollWidth - window.innerWidth,
		y: document.documentElement.scrollHeight - window.innerHeight
	}));

/** The element reaching furthest right, to name in a failure. */
const widest = (page: Page) =>
	page.evaluate(() => {
		let best = { right: 0, name: '' };
		for (const el of document.body.querySelectorAll('*')) {
			const right = el.getBoundingClientRect().right;
			if (right > best.right) best = { right, name: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` };
		}
		return best;
	});

describe('the wall board fits its screen', () => {
	const sizes = [
		{ width: 1920, height: 1080 },
		{ width: 3840, height: 2160 }
	];
	for (const size of sizes)
		for (const locale of ['kk', 'ru', 'en'] as const)
			it(`${size.width}×${size.height} in ${locale}: no scrolling, every row shown whole or counted`, async () => {
				const page = await open('board', locale, size);
				await page.goto(`${app.server.url}/board`);
				await page.locator('.board[data-connection="live"]').waitFor({ timeout: 15_000 });
				await page.waitForTimeout(300); // the rows are fitted on the next frames
				expect(await page.locator('h1').innerText()).toBe(catalogue(locale).board_title);
				expect(await overflow(page)).toEqual({ x: 0, y: 0 });
				const rows = page.locator('.columns section').first().locator('tbody tr');
				const total = await rows.count();
				const shown = await rows.evaluateAll((trs) =>
					trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => tr.getBoundingClientRect().bottom)
				);
				expect(total).toBe(12);
				expect(shown.length).toBeGreaterThanOrEqual(5);
				for (const bottom of shown) expect(bottom).toBeLessThanOrEqual(size.height);
				const more = page.locator('.columns h2 .more');
				if (shown.length < total) expect(await more.innerText()).toContain(String(total - shown.length));
				else expect(await more.count()).toBe(0);
				// Each row says its band in words too, not by colour alone.
				expect(await rows.first().locator('.band').innerText()).not.toBe('');
				await page.screenshot({ path: `tests/e2e/screenshots/board-${size.width}-${locale}.png` });
				await page.context().close();
			});
});

describe('the wall board’s high-contrast theme', () => {
	it('is turned on by ?contrast=high: black and white, and still fits', async () => {
		const page = await open('board', 'kk', { width: 1920, height: 1080 });
		await page.goto(`${app.server.url}/board?contrast=high`);
		await page.locator('.board[data-connection="live"][data-contrast="high"]').waitFor({ timeout: 15_000 });
		const colours = await page
			.locator('.board')
			.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));
		expect(colours).toEqual({ bg: 'rgb(0, 0, 0)', fg: 'rgb(255, 255, 255)' });
		expect(await overflow(page)).toEqual({ x: 0, y: 0 });
		await page.screenshot({ path: 'tests/e2e/screenshots/board-1920-kk-high-contrast.png' });
		await page.context().close();
	});
});

describe('the queue at 200% zoom', () => {
	for (const locale of ['kk', 'ru'] as const)
		it(`1280×800 at 200% in ${locale} scrolls only vertically`, async () => {
			const page = await open('officer', locale, { width: 640, height: 400 }, 2);
			await page.goto(`${app.server.url}/queue?tab=all`);
			await page.locator('table.queue tbody tr').first().waitFor();
			await page.screenshot({ path: `tests/e2e/screenshots/queue-zoom-${locale}.png` });
			expect((await overflow(page)).x, JSON.stringify(await widest(page))).toBeLessThanOrEqual(0);
			await page.context().close();
		});
});

describe('the draft page at 1280 px', () => {
	for (const locale of ['kk', 'ru'] as const)
		it(`keeps the deadlines beside the letter on screen in ${locale}`, async () => {
			const page = await open('head', locale, { width: 1280, height: 900 });
			await page.goto(`${app.server.url}/cases/${draftCaseId}/draft`);
			await page.locator('.status[data-phase="synced"]').waitFor({ timeout: 15_000 });
			await page.screenshot({ path: `tests/e2e/screenshots/draft-1280-${locale}.png` });
			const clocks = await page.locator('.clocks').boundingBox();
			expect(clocks).not.toBeNull();
			expect(clocks!.x + clocks!.width).toBeLessThanOrEqual(1280);
			expect((await overflow(page)).x, JSON.stringify(await widest(page))).toBeLessThanOrEqual(0);
			await page.context().close();
		});
});
