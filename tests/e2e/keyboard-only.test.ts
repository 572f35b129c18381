/**
 * Keyboard only, as an officer who uses no mouse: from the queue (j, Enter) to a case, Tab to an
 * action, Enter, the result takes the focus (not the body), then back to the queue through the top
 * bar, where j goes on.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp();

const focused = (page: Page) =>
	page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		return { tag: el?.tagName ?? '', text: el?.textContent?.trim() ?? '', cls: el?.className ?? '' };
	});

const interactive = (page: Page) =>
	page.waitForFunction(() => performance.getEntriesByName('merzim:interactive').length > 0);

it('goes from the queue to an answered action and back without a mouse', { timeout: 120_000 }, async () => {
	const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
	await signInWith(page, app.server.url, 'officer');
	await page.goto(`${app.server.url}/queue?tab=unassigned`);
	await interactive(page);
	await page.keyboard.press('j');
	const row = await focused(page);
	expect(row.cls).toContain('case-link');
	await Promise.all([page.waitForURL(/\/cases\/[^/]+$/), page.keyboard.press('Enter')]);
	await interactive(page);

	// Tab to the "take the case" button of the assign action.
	const take = page.locator('form[data-action="assign"] button');
	const name = (await take.textContent())!.trim();
	for (let i = 0; i < 200 && (await focused(page)).text !== name; i++) await page.keyboard.press('Tab');
	expect((await focused(page)).text).toBe(name);
	await page.keyboard.press('Enter');

	// The action is answered; the form is gone and the focus is on the result, not on the body.
	await page.locator('.actions p[role="status"]').waitFor();
	await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
	expect((await focused(page)).tag).toBe('P');

	// Back to the queue through the top bar, still by keyboard.
	const onQueueLink = () =>
		page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') === '/queue');
	for (let i = 0; i < 100 && !(await onQueueLink()); i++) await page.keyboard.press('Shift+Tab');
	expect(await onQueueLink()).toBe(true);
	await Promise.all([page.waitForURL(/\/queue/), page.keyboard.press('Enter')]);
	await interactive(page);
	await page.keyboard.press('j');
	expect((await focused(page)).cls).toContain('case-link');
	await page.close();
});
