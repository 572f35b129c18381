/**
 * The case page in Chromium on the demo data: an officer (browsing in Kazakh) opens a case from the
 * queue, uploads a PDF; the file appears without a reload in a colleague's page open in another
 * browser context, and its timeline gains the sentence in place (announced politely), without a
 * reload, naming the officer as the page does (not by login); the timeline says what happened in
 * Kazakh words, not event codes.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';

const app = useE2eApp();

/** A page of a new context in this language, signed in through the session API. */
async function signedIn(browser: Browser, locale: string, username: string): Promise<Page> {
	const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale })).newPage();
	await page.goto(`${app.server.url}/login`);
	const status = await page.evaluate(
		async (u) =>
			(
				await fetch('/api/v1/session', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ username: u, password: 'merzim-demo' })
				})
			).status,
		username
	);
	expect(status).toBe(201);
	return page;
}

describe('the case page, all of it', () => {
	it('an uploaded PDF shows live elsewhere; the timeline speaks Kazakh', async () => {
		const officer = await signedIn(app.browser, 'kk-KZ', 'officer');
		await officer.goto(`${app.server.url}/queue`);
		const href = await officer.locator('a[href^="/cases/"]').first().getAttribute('href');
		expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}$/);

		const head = await signedIn(app.browser, 'en-GB', 'head');
		await head.goto(`${app.server.url}${href}`);
		await head.waitForFunction(() => performance.getEntriesByName('merzim:interactive').length > 0);
		await head.locator('#attachments').waitFor();
		const before = await head.locator('#timeline li').count();

		await officer.goto(`${app.server.url}${href}`);
		await officer.waitForFunction(() => performance.getEntriesByName('merzim:interactive').length > 0);
		// The in-page nav leads to each section.
		await expect.poll(() => officer.locator('nav.sections a[href="#attachments"]').count()).toBe(1);
		const pdf = Buffer.from('%PDF-1.4\n% Шарт\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
		await officer
			.locator('#attach-file')
			.setInputFiles({ name: 'келісімшарт.pdf', mimeType: 'application/pdf', buffer: pdf });
		await officer.locator('#attachments form button[type="submit"]').click();
		await officer.locator('#attachments a', { hasText: 'келісімшарт.pdf' }).first().waitFor();

		// The other browser sees it without a reload (case:attachment-added through the outbox).
		await head.locator('#attachments a', { hasText: 'келісімшарт.pdf' }).first().waitFor({ timeout: 15_000 });
		// … and its timeline gains the sentence at the top, in its own language, with no reload.
		const added = head.locator('#timeline li[data-key^="live-"]', { hasText: 'келісімшарт.pdf' });
		await added.first().waitFor({ timeout: 15_000 });
		const sentence = await added.first().locator('.what').innerText();
		expect(sentence).toMatch(/attached “келісімшарт\.pdf” \(version 1\)/);
		// Who did it, by the display name in the page's language as after a reload — not the login.
		expect(sentence).toContain('Nurlan Abenov');
		expect(sentence).not.toMatch(/\bofficer\b/);
		expect(await head.locator('#timeline li').count()).toBeGreaterThan(before);
		expect(await head.locator('#timeline li').first().getAttribute('data-key')).toMatch(/^live-\d+$/);
		const region = head.locator('#timeline [aria-live="polite"]');
		await expect.poll(() => region.innerText()).toContain('attached “келісімшарт.pdf”');

		// The timeline (after a reload) says it in Kazakh: no type codes, no Latin words but the data.
		await officer.reload();
		const lines = await officer.locator('#timeline li .what').allInnerTexts();
		expect(lines.join('\n')).toContain('файлын тіркеді');
		for (const line of lines) {
			expect(line).not.toMatch(/\b[a-z-]+:[a-z-]+\b/);
			expect(line.replace(/officer\d*|head|registrar|келісімшарт\.pdf/g, '')).not.toMatch(/[A-Za-z]{2,}/);
		}
	});
});
