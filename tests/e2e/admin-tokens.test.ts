/**
 * Integration tokens on /admin/tokens in Chromium: the admin issues an agency token and sees its
 * secret once; the token answers for its agency on the API; revoked, it is refused with 401, and the
 * focus, whose button went with the revoked row's form, is on the answer (WCAG 2.4.3).
 */
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp();

const pending = (token: string) =>
	fetch(`${app.server.url}/api/v1/consultations?status=pending`, { headers: { authorization: `Bearer ${token}` } });

describe('/admin/tokens', () => {
	it('issues an agency token shown once, which works until it is revoked', async () => {
		const context = await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
		const page = await context.newPage();
		await signInWith(page, app.server.url, 'admin');
		await page.getByRole('link', { name: 'Tokens' }).click();
		await page.waitForURL('**/admin/tokens');
		// The demo's own tokens are listed; none of their secrets is on the page.
		expect(await page.locator('table.tokens tbody tr').count()).toBeGreaterThan(5);
		expect(await page.content()).not.toContain('mzt_');

		const tokenName = 'NSC gateway (e2e)';
		await page.getByLabel('Name (who will use it)').fill(tokenName);
		await page.getByLabel('Kind').selectOption('agency');
		await page.getByLabel('State body (for a state-body token)').selectOption('nsc');
		await page.getByRole('button', { name: 'Issue the token' }).click();
		const secret = (await page.locator('#token-secret').innerText()).trim();
		expect(secret).toMatch(/^mzt_\S+$/);
		await page.getByRole('button', { name: 'Copy' }).click();
		await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
		const row = page.locator(`table.tokens tbody tr[data-token="${tokenName}"]`);
		expect(await row.innerText()).toMatch(/state body\s+NSC[\s\S]*never\s+active/);
		await page.screenshot({ path: 'tests/e2e/screenshots/admin-tokens-issued.png', fullPage: true });

		// It answers for the NSC; the secret is not shown again.
		const ok = await pending(secret);
		expect(ok.status).toBe(200);
		expect(((await ok.json()) as { agency: string }).agency).toBe('nsc');
		await page.reload();
		expect(await page.content()).not.toContain(secret);
		expect(await row.innerText()).not.toContain('never');

		// Revoke, after confirming; from then on 401.
		await row.locator('summary', { hasText: 'Revoke…' }).click();
		await row.screenshot({ path: 'tests/e2e/screenshots/admin-tokens-confirm.png' });
		// By keyboard: the button that had the focus goes with the form; the focus goes to the answer.
		await row.getByRole('button', { name: `Yes, revoke ${tokenName}` }).focus();
		await page.keyboard.press('Enter');
		await page
			.getByRole('status')
			.filter({ hasText: `Token ${tokenName} revoked.` })
			.waitFor();
		await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(`Token ${tokenName} revoked.`);
		expect(await row.innerText()).toContain('revoked');
		expect(await row.locator('summary').count()).toBe(0);
		expect((await pending(secret)).status).toBe(401);
		await page.screenshot({ path: 'tests/e2e/screenshots/admin-tokens-revoked.png', fullPage: true });
		await context.close();
	});
});
