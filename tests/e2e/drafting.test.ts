/**
 * Co-editing a reasoned refusal in Chromium (ADR-015): the assigned officer and the head open the
 * same draft in two browser contexts, type into it, and each sees the other's text and caret; the
 * officer inserts a ground from the picker; the head signs with the PIN of the demo key (PAdES,
 * ADR-083: pdfsig says valid, the text is the draft's), and the officer's editor becomes
 * read-only live. The built server runs on PostgreSQL so the test can pick a demo case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';
import { caseAwaitingLetter } from '../helpers/letter-case';
import { pdfsig, pdftotext } from '../helpers/pdf-tools';

const app = useE2eApp({ database: 'merzim_e2e_draft' });
let caseId: string;

beforeAll(async () => {
	caseId = await caseAwaitingLetter(app, '10.8.0');
});

async function openDraft(username: string): Promise<Page> {
	const context = await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
	const page = await context.newPage();
	page.on('dialog', (d) => void d.accept());
	await signInWith(page, app.server.url, username);
	await page.goto(`${app.server.url}/cases/${caseId}`);
	await page.getByRole('link', { name: 'Refusal draft' }).click();
	await page.waitForURL(`**/cases/${caseId}/draft`);
	await page.locator('.status[data-phase="synced"]').waitFor({ timeout: 15_000 });
	return page;
}

const textbox = (page: Page) => page.getByRole('textbox', { name: 'Refusal text' });

describe('refusal draft in the browser', () => {
	it('two people type into the same draft, see each other’s text and caret; the head signs and the editor becomes read-only', async () => {
		const officer = await openDraft('officer');
		const head = await openDraft('head');
		expect(await textbox(officer).getAttribute('aria-multiline')).toBe('true');

		await textbox(officer).click();
		await officer.keyboard.type('Officer: the fee was not paid. ');
		await textbox(head).click();
		await head.keyboard.press('Control+End');
		await head.keyboard.type('Head: agreed.');

		await expect.poll(() => textbox(head).innerText(), { timeout: 10_000 }).toContain('Officer: the fee was not paid.');
		await expect.poll(() => textbox(officer).innerText(), { timeout: 10_000 }).toContain('Head: agreed.');
		// Each sees the other's caret, labelled with the name the server gave them.
		await officer
			.locator('.collaboration-carets__label', { hasText: 'Yerlan Mukhametov' })
			.waitFor({ timeout: 10_000 });
		await head.locator('.collaboration-carets__label', { hasText: 'Nurlan Abenov' }).waitFor({ timeout: 10_000 });
		await expect
			.poll(() => officer.locator('.presence li').allInnerTexts())
			.toEqual(['Nurlan Abenov (you)', 'Yerlan Mukhametov']);

		// The grounds picker inserts the act's wording with its legal point (001 Annex 1 row 9 sub.2).
		await officer.locator('.picker select').selectOption('001:2');
		await officer.getByRole('button', { name: 'Insert' }).click();
		await expect
			.poll(() => textbox(head).innerText(), { timeout: 10_000 })
			.toContain('Лицензиялық алым енгізілмеген (Қағидаларға 1-қосымшаның 9-жолы, 2)-тармақша).');
		await officer.locator('.status', { hasText: 'All changes saved' }).waitFor({ timeout: 10_000 });
		await officer.screenshot({ path: 'tests/e2e/screenshots/draft-co-editing-officer.png', fullPage: true });
		await head.screenshot({ path: 'tests/e2e/screenshots/draft-co-editing-head.png', fullPage: true });

		// The head signs; the officer's editor turns read-only without a reload.
		expect(await textbox(officer).getAttribute('contenteditable')).toBe('true');
		await head.getByLabel('PIN of your signing key').fill('2468');
		await head.getByRole('button', { name: 'Sign the letter' }).click();
		await head.locator('.signed', { hasText: 'Signed by Yerlan Mukhametov' }).waitFor({ timeout: 15_000 });
		await head.locator('.signed', { hasText: 'Demo certificate, not legally valid' }).waitFor();
		await expect.poll(() => textbox(officer).getAttribute('contenteditable'), { timeout: 10_000 }).toBe('false');
		await officer.locator('.status', { hasText: 'Signed — the text is frozen' }).waitFor({ timeout: 10_000 });
		const frozen = await textbox(officer).innerText();
		await textbox(officer).click();
		await officer.keyboard.type('changed after signing');
		expect(await textbox(officer).innerText()).toBe(frozen);
		await officer.screenshot({ path: 'tests/e2e/screenshots/draft-signed-read-only.png', fullPage: true });

		// The signed PDF is served: the refusal document with a PAdES signature over the draft's text.
		const pdf = await head.request.get(`${app.server.url}/api/v1/cases/${caseId}/draft/pdf`);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect(pdf.headers()['x-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
		const bytes = new Uint8Array(await pdf.body());
		const report = await pdfsig(bytes);
		expect(report, report.out).toMatchObject({ valid: true, whole: true });
		const text = (await pdftotext(bytes)).replace(/\s+/g, ' ');
		expect(text).toContain('Officer: the fee was not paid.');
		expect(text).toContain('Head: agreed.');
	});
});
