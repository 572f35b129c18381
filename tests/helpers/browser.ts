/** Debian's Chromium driven by playwright-core (no browser download works here). */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/** Signs in through the real sign-in page and waits until it has navigated away from it. */
export async function signInWith(
	page: Page,
	baseUrl: string,
	username: string,
	password = 'merzim-demo'
): Promise<void> {
	// A browser that has not chosen a language is given the user's own at sign-in (ADR-059: the demo
	// users' is Kazakh). These tests read English labels, so the browser has chosen English, as a
	// user would with the switcher; a test that set its own language keeps it.
	const cookies = await page.context().cookies(baseUrl);
	if (!cookies.some((c) => c.name === 'PARAGLIDE_LOCALE'))
		await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: baseUrl }]);
	await submitSignIn(page, baseUrl, username, password);
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Fills and sends the sign-in form in whatever language the page is in (its fields by name), without
 * waiting for where it leads (the second-factor page for a user with one).
 */
export async function submitSignIn(page: Page, baseUrl: string, username: string, password = 'merzim-demo') {
	await page.goto(`${baseUrl}/login`);
	await page.locator('input[name="username"]').fill(username);
	await page.locator('input[name="password"]').fill(password);
	await page.locator('form[method="POST"] button[type="submit"]').first().click();
}
