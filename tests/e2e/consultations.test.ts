/**
 * The NSC's liaison answers consultation requests in Chromium (001 p.16): an approval and a
 * reasoned objection leave the list; an objection without its reason is not sent; an answer that
 * comes after the deemed approval is refused with 409 and its explanation, and kept on the case.
 * The focus follows the verdict, since the answered row leaves with its buttons (WCAG 2.4.3).
 * On PostgreSQL, so that this test can deem a request approved behind the page's back, as the
 * scheduler of another process would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp({ database: 'merzim_e2e_consult' });
let sql: postgres.Sql;

beforeAll(async () => {
	sql = postgres(app.databaseUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
	await sql?.end();
});

const rows = (page: Page) => page.locator('table.pending tbody tr');
const caseOf = async (page: Page, i: number) => (await rows(page).nth(i).getAttribute('data-case'))!;
const answerOf = (number: string) =>
	sql`select co.decision, co.reason, co.late_answer from consultations co join cases c on c.id = co.case_id where c.number = ${number} and co.agency_code = 'nsc'`;

describe('/consultations', () => {
	it('the NSC liaison approves and objects in the browser; a late answer is refused with its reason', async () => {
		const page = await (
			await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' })
		).newPage();
		await signInWith(page, app.server.url, 'liaison-nsc');
		expect(new URL(page.url()).pathname).toBe('/consultations');
		const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim());
		const before = await rows(page).count();
		expect(before).toBeGreaterThanOrEqual(3);
		expect(await page.locator('h1').innerText()).toContain('NSC');
		expect(await page.locator('table.pending .countdown').count()).toBe(before);
		await page.screenshot({ path: 'tests/e2e/screenshots/consultations.png', fullPage: true });

		// Approve the first: it is recorded and leaves the list.
		const approved = await caseOf(page, 0);
		await page.getByRole('button', { name: `Approve ${approved}` }).click();
		await page
			.getByRole('status')
			.filter({ hasText: `Your answer on ${approved} was recorded: approve.` })
			.waitFor();
		await expect.poll(() => page.locator(`tr[data-case="${approved}"]`).count()).toBe(0);
		// The focused button left with its row: the focus is on the verdict, not on the body (WCAG 2.4.3).
		await expect.poll(focusedText).toBe(`Your answer on ${approved} was recorded: approve.`);
		expect((await answerOf(approved))[0]).toMatchObject({ decision: 'approve' });

		// An objection needs its reason; with it, it is recorded.
		const objected = await caseOf(page, 0);
		await page.getByRole('button', { name: `Object to ${objected}` }).click();
		await page
			.getByRole('alert')
			.filter({ hasText: `${objected}: give the reason for the objection.` })
			.waitFor();
		// The focus goes to the reason that is missing.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
			.toBe(`Reason on ${objected} (required to object)`);
		expect((await answerOf(objected))[0]).toMatchObject({ decision: null });
		await page
			.getByRole('textbox', { name: `Reason on ${objected} (required to object)` })
			.fill('The end user is on the national watch list.');
		await page.getByRole('button', { name: `Object to ${objected}` }).click();
		await page
			.getByRole('status')
			.filter({ hasText: `Your answer on ${objected} was recorded: object.` })
			.waitFor();
		await expect.poll(() => page.locator(`tr[data-case="${objected}"]`).count()).toBe(0);
		expect((await answerOf(objected))[0]).toMatchObject({
			decision: 'object',
			reason: 'The end user is on the national watch list.'
		});

		// Deemed approved meanwhile (10 WD of silence, 001 p.16): the answer is refused, kept, explained.
		const late = await caseOf(page, 0);
		await sql`update consultations set decision = 'deemed_approved', answered_at = due_at from cases c where c.id = consultations.case_id and c.number = ${late} and consultations.agency_code = 'nsc'`;
		await page.getByRole('button', { name: `Approve ${late}` }).click();
		const alert = page.getByRole('alert').filter({ hasText: `${late}: Late: the consultation was deemed approved` });
		await alert.waitFor();
		expect(await alert.innerText()).toContain('has no legal effect');
		await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
		await expect.poll(() => page.locator(`tr[data-case="${late}"]`).count()).toBe(0);
		expect((await answerOf(late))[0]).toMatchObject({
			decision: 'deemed_approved',
			late_answer: { decision: 'approve' }
		});
		expect(await rows(page).count()).toBe(before - 3);
		await page.screenshot({ path: 'tests/e2e/screenshots/consultations-late.png', fullPage: true });
		await page.context().close();
	});
});
