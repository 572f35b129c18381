/**
 * A new user's first minutes, in real Chromium against the production build with the demo data:
 * sign in with the demo logins, see the pages of one's role and only those. Screenshots of every
 * page land in tests/e2e/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';

const app = useE2eApp();

async function signIn(username: string, password = 'merzim-demo'): Promise<Page> {
	const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
	// These tests read English labels; a browser that has chosen no language would be given the
	// user's own (Kazakh for the demo users, ADR-059), so this one has chosen English.
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: app.server.url }]);
	await page.goto(`${app.server.url}/login`);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	return page;
}

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: false });

describe('demo sign-in in Chromium', () => {
	it('an officer signs in and sees the case list ordered by deadline, then a case with its timeline', async () => {
		const page = await signIn('officer');
		await page.waitForURL('**/queue');
		await page.getByRole('link', { name: 'Cases', exact: true }).click();
		await page.waitForURL('**/cases');
		await expect(page.getByRole('heading', { name: 'Cases' }).isVisible()).resolves.toBe(true);
		const rows = page.locator('tbody tr');
		expect(await rows.count()).toBe(50);
		await shot(page, 'cases');
		await rows.first().getByRole('link').click();
		await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
		await expect(page.getByRole('heading', { name: 'Timeline' }).isVisible()).resolves.toBe(true);
		expect(await page.locator('.timeline li').count()).toBeGreaterThan(0);
		// Every clock explains its due date: the start rule and the legal point.
		await page.getByText('Why this date?').first().click();
		const steps = await page.locator('details.why[open] ol li').allTextContents();
		expect(steps[0]).toMatch(/started: \d+ (working|calendar) /);
		await shot(page, 'case');
		expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
		await page.goto(`${app.server.url}/admin`);
		await expect(page.getByRole('heading', { name: 'Forbidden' }).isVisible()).resolves.toBe(true);
		await page.close();
	});

	it('a wrong password shows an alert and stays on the sign-in page', async () => {
		const page = await signIn('officer', 'not the password');
		await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong username or password');
		expect(new URL(page.url()).pathname).toBe('/login');
		await shot(page, 'login-error');
		await page.close();
	});

	it('an admin reaches the user administration', async () => {
		const page = await signIn('admin');
		await page.waitForURL('**/queue');
		await page.getByRole('link', { name: 'Admin', exact: true }).click();
		await page.waitForURL('**/admin');
		await expect(page.getByRole('cell', { name: 'liaison-nsc (nsc)' }).isVisible()).resolves.toBe(true);
		await shot(page, 'admin');
		await page.close();
	});

	it('the wall-board login lands on the board and can open nothing else', async () => {
		const page = await signIn('board');
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.waitForURL('**/board');
		await expect(page.getByRole('heading', { name: /case board/ }).isVisible()).resolves.toBe(true);
		// Counts by risk band add up to the open cases listed as closest-first, at least 12 of them.
		const counts = (await page.locator('.counts .n').allTextContents()).map(Number);
		expect(counts.slice(0, 4).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(12);
		expect(await page.locator('tbody tr').count()).toBe(12);
		expect(await page.locator('.recent li').count()).toBeGreaterThan(0);
		await shot(page, 'board');
		const res = await page.goto(`${app.server.url}/cases`);
		expect(res?.status()).toBe(403);
		await page.close();
	});

	it('signing out ends the session', async () => {
		const page = await signIn('supervisor');
		await page.waitForURL('**/queue');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL('**/login');
		await page.goto(`${app.server.url}/cases`);
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.close();
	});
});

describe('calendar overrides in Chromium', () => {
	it('an admin previews a day off, sees what it moves, and applies it', async () => {
		const page = await signIn('admin');
		await page.waitForURL('**/queue');
		await page.getByRole('link', { name: 'Calendar' }).click();
		await page.waitForURL('**/admin/calendar');
		// The next working day after today is inside many demo terms.
		const res = await page.request.get(
			`${app.server.url}/api/v1/calendar/deadline?start=${new Date().toISOString().slice(0, 10)}&workingDays=1`
		);
		const { dueDate } = (await res.json()) as { dueDate: string };
		await page.getByLabel('Date').fill(dueDate);
		await page.getByLabel('Reason').fill('E2E closure for a test');
		await page.getByRole('button', { name: 'Preview the effect' }).click();
		const status = page.getByRole('status').filter({ hasText: 'This change moves' });
		await status.waitFor();
		const moved = Number(/moves (\d+) open/.exec((await status.textContent()) ?? '')![1]);
		expect(moved).toBeGreaterThan(0);
		await shot(page, 'calendar-preview');
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(
			page
				.getByRole('status')
				.filter({ hasText: `Saved ${dueDate}` })
				.textContent()
		).resolves.toContain(`${moved} open deadline(s) recomputed`);
		await expect(page.getByRole('cell', { name: 'E2E closure for a test' }).isVisible()).resolves.toBe(true);
		await page.close();
	});
});

describe('languages', () => {
	it('follows Accept-Language, switches on request and remembers the choice', async () => {
		const context = await app.browser.newContext({ locale: 'kk-KZ' });
		const page = await context.newPage();
		await page.goto(`${app.server.url}/login`);
		expect(await page.locator('html').getAttribute('lang')).toBe('kk');
		await expect(page.getByLabel('Пайдаланушы аты').isVisible()).resolves.toBe(true);
		await shot(page, 'login-kk');
		// The switcher acts once the page is hydrated, and only on the explicit choice (WCAG 3.2.2):
		// choosing in the list changes nothing until its button is pressed.
		await page.waitForFunction(() => performance.getEntriesByName('merzim:interactive').length > 0);
		await page.getByRole('combobox', { name: 'Тіл' }).selectOption('ru');
		expect(await page.locator('html').getAttribute('lang')).toBe('kk');
		await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Сменить язык' }).click()]);
		await expect(page.getByLabel('Имя пользователя').isVisible()).resolves.toBe(true);
		await page.goto(`${app.server.url}/login`);
		expect(await page.locator('html').getAttribute('lang')).toBe('ru');
		await page.getByLabel('Имя пользователя').fill('officer');
		await page.getByLabel('Пароль').fill('merzim-demo');
		await page.getByRole('button', { name: 'Войти' }).click();
		await page.waitForURL('**/queue');
		await expect(page.getByRole('heading', { name: 'Очередь' }).isVisible()).resolves.toBe(true);
		await shot(page, 'cases-ru');
		await context.close();
	});
});
