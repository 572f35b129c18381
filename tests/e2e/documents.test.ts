/**
 * The licence from decision to the applicant's cabinet in Chromium (ADR-034, ADR-066): the head's
 * decision drafts it; the officer keeps the case page open while the head signs it there with the
 * demo key's PIN; the officer's page shows it signed, then delivered to the cabinet when the portal
 * fetches it, then delivery confirmed with the portal's proof — each live, without a reload. Then
 * the admin sees the head's certificate on /admin/signers, is refused a wrong passphrase, and
 * revokes it with a reason. On PostgreSQL: the demo seed is quicker there on a busy machine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';
import { HttpClient } from '../helpers/http-client';
import { annex1Application } from '../helpers/import-application';
import { thermalImagingModule } from '../helpers/goods-lines';

const app = useE2eApp({ database: 'merzim_e2e_docs2' });
let caseId: string;
let portal: string;

const as = async (username: string, n: number) => {
	const c = new HttpClient(app.server.url, `10.9.0.${n}`);
	expect((await c.signIn(username, 'merzim-demo')).status).toBe(201);
	return c;
};
const asPortal = (path: string, init: RequestInit = {}) =>
	fetch(app.server.url + path, {
		...init,
		headers: { authorization: `Bearer ${portal}`, 'content-type': 'application/json' }
	});

beforeAll(async () => {
	const admin = await as('admin', 1);
	const issued = await admin.postJson('/api/v1/admin/tokens', { name: 'portal (e2e documents)', kind: 'portal' });
	portal = ((await issued.json()) as { token: string }).token;
	const submitted = await asPortal('/api/v1/applications', {
		method: 'POST',
		body: JSON.stringify(
			annex1Application({
				externalId: `EGOV-E2E-DOCS-${process.pid}`,
				receivedAt: new Date(),
				applicant: { name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, Мәңгілік Ел, 55' },
				goodsLine: { ...thermalImagingModule, controlCode: '1C350', description: 'Тепловизионный модуль' },
				party: { name: 'Horizon Trading FZE', country: 'AE' }
			})
		)
	});
	expect(submitted.status, await submitted.clone().text()).toBe(201);
	caseId = ((await submitted.json()) as { id: string }).id;
	const head = await as('head', 2);
	const officer = await as('officer', 3);
	expect((await head.postJson(`/api/v1/cases/${caseId}/actions/assign`, { username: 'officer' })).status).toBe(200);
	expect((await officer.postJson(`/api/v1/cases/${caseId}/actions/complete-check`, { complete: true })).status).toBe(
		200
	);
	// The decision drafts the licence in its own transaction (ADR-066).
	expect((await head.postJson(`/api/v1/cases/${caseId}/actions/decide`, { outcome: 'grant' })).status).toBe(200);
}, 60_000);

async function openCase(username: string): Promise<Page> {
	const context = await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
	const page = await context.newPage();
	await signInWith(page, app.server.url, username);
	await page.goto(`${app.server.url}/cases/${caseId}`);
	await page.waitForFunction(() => performance.getEntriesByName('merzim:interactive').length > 0);
	return page;
}

const licenceRow = (page: Page) => page.locator('table.documents tr[data-document="licence"]');

describe('the licence', () => {
	it('is signed by the head with the PIN; the officer sees it signed, then delivered, live', async () => {
		const officer = await openCase('officer');
		await expect.poll(() => licenceRow(officer).getAttribute('data-state')).toBe('draft');
		const head = await openCase('head');
		const row = licenceRow(head);
		await row.getByLabel('PIN of your signing key').fill('2468');
		await row.getByRole('button', { name: 'Sign' }).click();
		await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('signed');
		await expect.poll(() => row.innerText()).toContain('Demo certificate, not legally valid');

		// The officer's page was not reloaded by anyone: the socket's document events refresh it.
		await expect.poll(() => licenceRow(officer).getAttribute('data-state'), { timeout: 15_000 }).toBe('signed');
		await officer.screenshot({ path: 'tests/e2e/screenshots/documents-signed.png', fullPage: true });

		const listed = (await (await asPortal(`/api/v1/cases/${caseId}/documents`)).json()) as {
			documents: { id: string; url: string; state: string }[];
		};
		expect(listed.documents).toHaveLength(1);
		const doc = listed.documents[0]!;
		const pdf = await asPortal(doc.url);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		await expect.poll(() => licenceRow(officer).getAttribute('data-state'), { timeout: 15_000 }).toBe('delivered');

		const proof = { deliveredAt: new Date().toISOString(), channel: 'portal', reference: 'EGOV-CABINET-E2E' };
		const delivered = await asPortal(`/api/v1/documents/${doc.id}/delivery`, {
			method: 'POST',
			body: JSON.stringify(proof)
		});
		expect(delivered.status).toBe(200);
		await expect
			.poll(() => licenceRow(officer).getAttribute('data-state'), { timeout: 15_000 })
			.toBe('delivery-confirmed');
		expect(await licenceRow(officer).innerText()).toContain('Delivery confirmed');
		await officer.screenshot({ path: 'tests/e2e/screenshots/documents-delivered.png', fullPage: true });
		await officer.context().close();
		await head.context().close();
	});
});

describe('/admin/signers', () => {
	it('shows the head’s certificate and its validity, refuses a wrong passphrase, revokes with a reason', async () => {
		const context = await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
		const page = await context.newPage();
		await signInWith(page, app.server.url, 'admin');
		await page.getByRole('link', { name: 'Signers' }).click();
		await page.waitForURL('**/admin/signers');
		const head = page.locator('section[data-signer="head"]');
		const current = head.locator('tbody tr').first();
		expect(await current.getAttribute('data-validity')).toBe('valid');
		expect(await current.innerText()).toContain('demo certificate, not legally valid');

		await head.locator('summary', { hasText: 'Replace the keystore' }).click();
		await head.getByLabel('Keystore file (.p12)').setInputFiles({
			name: 'wrong.p12',
			mimeType: 'application/x-pkcs12',
			buffer: Buffer.from('not a keystore')
		});
		await head.getByLabel('Passphrase').fill('nope');
		await head.getByRole('button', { name: 'Upload' }).click();
		await page.getByRole('alert').filter({ hasText: 'does not open with this passphrase' }).waitFor();
		expect(await head.locator('tbody tr').first().getAttribute('data-validity')).toBe('valid');

		await head.locator('summary', { hasText: 'Revoke' }).click();
		await head.getByLabel('Reason').fill('Token reported lost (e2e)');
		await head.getByRole('button', { name: 'Revoke the certificate' }).click();
		await page.getByRole('status').filter({ hasText: 'The certificate is revoked.' }).waitFor();
		const revoked = head.locator('tbody tr').first();
		await expect.poll(() => revoked.getAttribute('data-validity')).toBe('revoked');
		expect(await revoked.innerText()).toContain('Token reported lost (e2e)');
		await page.screenshot({ path: 'tests/e2e/screenshots/admin-signers-revoked.png', fullPage: true });
		await context.close();
	});
});
