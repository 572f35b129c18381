/**
 * Each demo role in Chromium: the navigation offers exactly the pages the server allows, and the
 * pages it does not offer answer 403 (or send the kiosk back), whatever the URL typed.
 */
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp();

const ALL = [
	'/queue',
	'/cases',
	'/board',
	'/supervisor',
	'/complaints',
	'/device-lists',
	'/consultations',
	'/admin',
	'/admin/calendar',
	'/admin/signers',
	'/admin/tokens',
	'/admin/webhooks'
];

describe.each([
	['registrar', '/queue', ['/queue', '/cases', '/board']],
	['officer', '/queue', ['/queue', '/cases', '/board', '/device-lists']],
	['head', '/queue', ['/queue', '/cases', '/board', '/supervisor', '/complaints', '/device-lists']],
	['supervisor', '/queue', ['/queue', '/cases', '/board', '/supervisor', '/complaints']],
	['reviewer', '/complaints', ['/queue', '/cases', '/board', '/complaints']],
	[
		'admin',
		'/queue',
		[
			'/queue',
			'/cases',
			'/board',
			'/supervisor',
			'/admin',
			'/admin/calendar',
			'/admin/signers',
			'/admin/tokens',
			'/admin/webhooks'
		]
	],
	['liaison-nsc', '/consultations', ['/consultations']]
] as const)('%s', (username, home, allowed) => {
	it(`lands on ${home}, is offered ${allowed.join(' ')} and is refused the rest`, async () => {
		const page = await app.browser.newPage();
		await signInWith(page, app.server.url, username);
		expect(new URL(page.url()).pathname).toBe(home);
		const offered = await page
			.locator('nav[aria-label="Main"] a')
			.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
		expect(offered.filter((p) => p !== '/account')).toEqual(allowed);
		for (const path of ALL.filter((p) => !(allowed as readonly string[]).includes(p))) {
			const res = await page.goto(`${app.server.url}${path}`);
			expect(res?.status(), `${username} → ${path}`).toBe(403);
		}
		await page.screenshot({ path: `tests/e2e/screenshots/home-${username}.png` });
		await page.close();
	});
});
