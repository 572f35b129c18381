/**
 * The case page offers each role only the actions it may take now, and they work: an officer
 * confirms completeness and consults the NSC; no decision is offered while the NSC has 10 working
 * days to answer (001 p.16); a hearing set too late is refused by the server, field by field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp({ database: 'merzim_e2e_actions' });
let caseId: string;

beforeAll(async () => {
	const db = postgres(app.databaseUrl, { max: 1, onnotice: () => {} });
	const [row] =
		await db`select c.id from cases c join users u on u.id = c.assignee_id where u.username = 'officer' and c.stage = 'completeness-check' and c.service in ('export-licence', 'import-licence', 'general-export-licence') order by c.number limit 1`;
	await db.end();
	caseId = row!.id as string;
});

async function open(username: string): Promise<Page> {
	const page = await (
		await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' })
	).newPage();
	await signInWith(page, app.server.url, username);
	await page.goto(`${app.server.url}/cases/${caseId}`);
	return page;
}

const legends = (page: Page) => page.locator('.actions legend').allInnerTexts();

describe('case actions in the browser', () => {
	it('officer and head see their own actions; the server decides and explains', async () => {
		const officer = await open('officer');
		expect(await legends(officer)).toContain('Completeness check');
		expect(await legends(officer)).not.toContain('Decision');
		await officer.getByRole('button', { name: 'Documents complete' }).click();
		await officer.getByText('Under review', { exact: true }).first().waitFor();
		await officer
			.locator('form[data-action="request-consultations"] label', { hasText: 'NSC' })
			.locator('input')
			.check();
		await officer.locator('form[data-action="request-consultations"] button').click();
		await officer.locator('.actions [role="status"]', { hasText: 'Done.' }).waitFor();
		await expect.poll(() => officer.locator('table').filter({ hasText: 'nsc' }).count()).toBeGreaterThan(0);
		await officer.screenshot({ path: 'tests/e2e/screenshots/case-actions-officer.png', fullPage: true });

		const head = await open('head');
		expect(await legends(head)).toEqual(expect.arrayContaining(['Assign', 'Preliminary refusal and hearing']));
		expect(await legends(head)).not.toContain('Decision');
		const notice = head.locator('form[data-action="issue-preliminary-refusal"]');
		await notice
			.locator('.grounds label', { hasText: /^\s*3\./ })
			.locator('input')
			.check();
		await notice.locator('input[name="hearingAt"]').fill('2030-01-10T10:00');
		// The notice's place, channel, sending time (Almaty wall time, a minute ago) and proof (001 p.19 paras 2–3).
		await notice.locator('input[name="hearingPlace"]').fill('Astana, Mangilik El 8, room 412');
		await notice.locator('select[name="noticeChannel"]').selectOption('email');
		const sentAt = new Date(Date.now() - 60_000 + 5 * 3_600_000).toISOString().slice(0, 16);
		await notice.locator('input[name="noticeSentAt"]').fill(sentAt);
		await notice.locator('input[name="noticeProof"]').fill('Mail server delivery receipt');
		await notice.getByRole('button', { name: 'Preliminary refusal and hearing' }).click();
		const alert = head.locator('.actions [role="alert"]');
		await alert.waitFor();
		expect(await alert.innerText()).toContain('hearingAt');
		expect(await alert.innerText()).toContain('within 2 working days');
		await head.screenshot({ path: 'tests/e2e/screenshots/case-actions-head-refused.png', fullPage: true });

		const board = await open('supervisor');
		expect(await legends(board)).toEqual([]);
	});
});
