/**
 * In Chromium: the admin resets a user's password on /admin and reads the temporary one; the user
 * signs in with it, is held on /account until choosing their own, and then reaches the app.
 */
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp();

describe('admin password reset', () => {
	it('gives a temporary password the user must change at the next sign-in', async () => {
		const adminContext = await app.browser.newContext({ locale: 'en-GB' });
		const page = await adminContext.newPage();
		await signInWith(page, app.server.url, 'admin');
		await page.goto(`${app.server.url}/admin`);
		await page.getByRole('button', { name: 'Reset password of officer', exact: true }).click();
		const temporary = (await page.getByTestId('temporary-password').innerText()).trim();
		expect(temporary).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
		await page.screenshot({ path: 'tests/e2e/screenshots/admin-password-reset.png', fullPage: true });
		await adminContext.close();

		const userContext = await app.browser.newContext({ locale: 'en-GB' });
		const user = await userContext.newPage();
		await signInWith(user, app.server.url, 'officer', temporary);
		await user.waitForURL('**/account');
		await user.getByRole('alert').filter({ hasText: 'An admin reset your password' }).waitFor();
		await user.goto(`${app.server.url}/cases`);
		await user.waitForURL('**/account');
		await user.getByLabel('Current password').fill(temporary);
		await user.getByLabel('New password', { exact: true }).fill('lantern-quarry-mosaic-ferry');
		await user.getByLabel('New password again').fill('lantern-quarry-mosaic-ferry');
		await user.getByRole('button', { name: 'Change password' }).click();
		await user.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
		await user.goto(`${app.server.url}/cases`);
		expect(new URL(user.url()).pathname).toBe('/cases');
		await userContext.close();
	});
});
