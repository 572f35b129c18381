/**
 * The complaint reviewer's list in Chromium: forwarding (3 WD), review (5 or 15 WD), extension and
 * its notice, each complaint linked to the decided case it is about and to its own case page; a
 * reviewer's extension there reaches a supervisor's open list without a reload (001 pp.23–25).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp();

async function signedIn(username: string): Promise<Page> {
	const page = await (
		await app.browser.newContext({ viewport: { width: 1500, height: 1100 }, locale: 'en-GB' })
	).newPage();
	await signInWith(page, app.server.url, username);
	return page;
}

const rows = (page: Page) => page.locator('table.complaints tbody tr');

describe('/complaints', () => {
	it('the reviewer lands on the open complaints and sees every timeline', async () => {
		const page = await signedIn('reviewer');
		expect(new URL(page.url()).pathname).toBe('/complaints');
		await page.waitForFunction(() => document.querySelector('table.complaints') !== null);
		expect(await rows(page).count()).toBeGreaterThanOrEqual(6);
		const text = await page.locator('table.complaints').innerText();
		// Both reviewing bodies, a complaint still to be forwarded and one extended with its notice running.
		expect(text).toContain('the Committee, 5 WD');
		expect(text).toContain('the quality-control body, 15 WD');
		expect(text).toContain('Complaint forwarding');
		expect(text).toMatch(/extended by 10 WD on .*\(001 p\.25 para 1; 000 p\.17\)/);
		expect(await page.locator('[data-state="running"] .countdown').count()).toBeGreaterThan(5);
		expect(await page.locator('.countdown.overdue').count()).toBeGreaterThan(0);
		// Each row links to the complaint's case and to the decided case it is about.
		const first = rows(page).first();
		expect(await first.locator('th a').getAttribute('href')).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
		expect(await first.locator('td').first().locator('a').getAttribute('href')).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
		await page.screenshot({ path: 'tests/e2e/screenshots/complaints-open.png', fullPage: true });

		await page.getByRole('link', { name: 'Decided', exact: true }).click();
		await page.waitForURL('**/complaints?status=decided');
		expect(await rows(page).count()).toBeGreaterThan(3);
		const decided = await page.locator('table.complaints').innerText();
		expect(decided).toMatch(/Complaint decided: (Upheld|Rejected)/);
		expect(decided).toMatch(/late: /);
		await page.screenshot({ path: 'tests/e2e/screenshots/complaints-decided.png', fullPage: true });
		await page.context().close();
	});

	it("a reviewer's extension on the case page appears in a supervisor's list without a reload", async () => {
		const supervisor = await signedIn('supervisor');
		await supervisor.goto(`${app.server.url}/complaints`);
		await supervisor.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
		const target = rows(supervisor)
			.filter({ hasText: 'not extended' })
			.filter({ hasText: 'the Committee, 5 WD' })
			.filter({ has: supervisor.locator('.countdown:not(.overdue)') })
			.first();
		const number = (await target.getAttribute('data-case'))!;
		const href = (await target.locator('th a').getAttribute('href'))!;
		await supervisor.waitForTimeout(1000); // the socket is live

		const reviewer = await signedIn('reviewer');
		await reviewer.goto(`${app.server.url}${href}`);
		const extend = reviewer.locator('form[data-action="extend-complaint"]');
		await extend.locator('input[name="days"]').fill('5');
		await extend.locator('textarea[name="reason"]').fill('An expert opinion from the end-user country is awaited.');
		await extend.getByRole('button', { name: 'Extend the review' }).click();
		await reviewer.locator('.actions [role="status"]', { hasText: 'Done.' }).waitFor();
		// complaints are decided, not refused
		expect(await reviewer.getByRole('link', { name: 'Refusal draft' }).count()).toBe(0);

		const row = supervisor.locator(`table.complaints tbody tr[data-case="${number}"]`);
		await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/extended by 5 WD/);
		expect(await row.getAttribute('class')).toContain('fresh');
		expect(await row.innerText()).toContain('Notice to the complainant:');
		expect(await supervisor.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
		await supervisor.screenshot({ path: 'tests/e2e/screenshots/complaints-live.png', fullPage: true });
		await reviewer.screenshot({ path: 'tests/e2e/screenshots/complaint-case-reviewer.png', fullPage: true });
		await supervisor.context().close();
		await reviewer.context().close();
	});

	it('speaks Kazakh once chosen, and a supervisor reads but is not told to stand aside', async () => {
		const page = await signedIn('supervisor');
		await page.goto(`${app.server.url}/complaints`);
		await page.getByLabel('Language').selectOption('kk');
		// The language changes on the explicit choice, not on the selection (WCAG 3.2.2).
		await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Тілді ауыстыру' }).click()]);
		await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Шағымдар');
		expect(await page.locator('h1').innerText()).toBe('Шағымдар');
		expect(await page.locator('table.complaints thead').innerText()).toContain('Шағымданған шешім');
		expect(await page.locator('table.complaints').innerText()).toContain('сапаны бақылау органы, 15 ж.к.');
		expect(await page.locator('.conflict').count()).toBe(0);
		await page.screenshot({ path: 'tests/e2e/screenshots/complaints-kk.png', fullPage: true });
		await page.context().close();
	});
});
