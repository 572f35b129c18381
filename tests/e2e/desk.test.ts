/**
 * The desk in Chromium on the demo data: the header's search (`/` focuses it, results as you type,
 * arrows and Enter) finds a case by its applicant's BIN, by a name fragment typed in Kazakh letters,
 * and a device-verification case by IMEI; on the case page a note with an @mention appears rendered,
 * and a mention of someone who cannot see the case is refused with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp();

/** The current view of /cases as CSV rows (the page's own export), read in the browser. */
async function csv(page: Page, query: string): Promise<string[][]> {
	const text = await page.evaluate(async (q) => (await fetch(`/cases/export.csv?${q}`)).text(), query);
	return text
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')
		.slice(1)
		.map((l) => l.split(','));
}

async function search(page: Page, q: string) {
	// The `/` shortcut works once the page is hydrated (the layout's mark).
	await page.waitForFunction(() => performance.getEntriesByName('merzim:interactive').length > 0);
	await page.locator('body').click({ position: { x: 5, y: 400 } });
	await page.keyboard.press('/');
	await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('desk-search');
	// Start from an empty box, so the results awaited are this query's, not the last one's.
	await page.locator('#desk-search').fill('');
	await page.keyboard.type(q, { delay: 20 });
	await page.locator('#desk-search-results [role="option"]').first().waitFor();
}

describe('search and notes', () => {
	it('finds by BIN, a Kazakh name fragment and IMEI; a note with a mention', async () => {
		const page = await (
			await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' })
		).newPage();
		await signInWith(page, app.server.url, 'head');
		await page.goto(`${app.server.url}/cases`);

		// By BIN: exact, the BIN group, Enter opens the case.
		const rows = await csv(page, 'sort=number&dir=asc');
		const [number, , , , bin] = rows.find((r) => r[4]?.length === 12)!;
		await search(page, bin!);
		const bins = page.locator('#desk-search-results [role="group"]').first();
		expect(await bins.getAttribute('aria-label')).toBe('BIN / IIN');
		expect(await page.locator('#desk-search-results [role="option"]').allInnerTexts()).toEqual(
			expect.arrayContaining([expect.stringContaining(number!)])
		);
		await page.keyboard.press('Escape');

		// A fragment of a name typed with the Kazakh letters (the demo stores the Russian spelling).
		const named = rows.find((r) => /Сарыарка|Каз/u.test(r[3] ?? ''))!;
		const fragment = /Сарыарка/u.test(named[3]!) ? 'сарыарқа' : 'қаз';
		await search(page, fragment);
		const texts = await page.locator('#desk-search-results [role="option"]').allInnerTexts();
		expect(texts.length).toBeGreaterThan(0);
		expect(texts.every((t) => /сарыарка|каз/iu.test(t))).toBe(true);
		await page.keyboard.press('Escape');

		// A device-verification case (004) filed by the portal, found by one of its IMEIs; Enter opens it.
		const { portal } = JSON.parse(readFileSync(join(app.server.dataDir, 'demo-tokens.json'), 'utf8')) as {
			portal: string;
		};
		const imei = '356938035643809';
		const filed = await fetch(`${app.server.url}/api/v1/applications`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${portal}`,
				'content-type': 'application/json',
				'idempotency-key': 'desk-e2e-1'
			},
			body: JSON.stringify({
				service: 'device-verification',
				externalId: 'DESK-E2E-IMEI-1',
				receivedAt: new Date().toISOString(),
				applicant: { bin: '000740001307', name: 'ТОО «Ұялы Байланыс»', legalAddress: 'Астана' },
				devices: [imei, '490154203237518']
			})
		});
		expect(filed.status).toBeLessThan(300);
		const href = `/cases/${((await filed.json()) as { id: string }).id}`;
		await search(page, imei);
		const hit = page.locator(`#desk-search-results a[href="${href}"]`);
		await hit.waitFor();
		const group = page.locator(`#desk-search-results [role="group"]:has(a[href="${href}"])`);
		expect(await group.getAttribute('aria-label')).toBe('IMEI');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowUp');
		await page.keyboard.press('Enter');
		await page.waitForURL(`**${href}`);
		await page.screenshot({ path: 'tests/e2e/screenshots/desk-search.png' });

		// A note mentioning a colleague, rendered; one mentioning the NSC's liaison is refused.
		await page.getByLabel('New note').fill('@officer2 please check the **original guarantee**');
		await page.getByRole('button', { name: 'Add note' }).click();
		const note = page.locator('[data-note]').last();
		await note.locator('strong', { hasText: 'original guarantee' }).waitFor();
		expect(await note.locator('.mention').innerText()).toBe('@officer2');
		await page.getByLabel('New note').fill('@liaison-nsc what do you think? <b>x</b>');
		await page.getByRole('button', { name: 'Add note' }).click();
		await page.getByRole('alert').filter({ hasText: '@liaison-nsc cannot see this case' }).waitFor();
		expect(await page.locator('[data-note]').count()).toBe(1);
		await page.screenshot({ path: 'tests/e2e/screenshots/desk-notes.png', fullPage: true });
	}, 120_000);
});
