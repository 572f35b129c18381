/**
 * Every admin page and the account pages in Kazakh and in Russian, in Chromium, each also in one
 * form-error state: `/admin` (the users with their inline edit forms, the new-user form, roles),
 * `/admin/tokens`, `/admin/webhooks`, `/admin/signers`, `/admin/calendar`, `/account` (the password
 * change, removing the second factor), the second-factor enrolment with its QR code and recovery
 * codes, and the second-factor sign-in. On each: `<html lang>` is the language, no raw message key
 * shows, and no Latin-script word is left outside data marked `translate="no"` (the logins, keys and
 * codes) beyond the terms Kazakh and Russian write in Latin too (tests/helpers/latin-words.ts).
 * No baseline: any word found fails.
 */
import { describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith, submitSignIn } from '../helpers/browser';
import { untranslatedWords } from '../helpers/latin-words';
import { visibleTexts } from '../helpers/page-text';
import { totpAt } from '../../src/lib/server/auth/totp';

// The app starts with the demo seed: on a loaded machine that takes longer than the default hook time.
vi.setConfig({ hookTimeout: 330_000 });
const app = useE2eApp();
/** A message key shown instead of its text (`ops_password_title`, `admin_users`). */
const RAW_KEY = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/;
/** Each language enrols a user of its own, so the second-factor pages start afresh. */
const ENROLS = { kk: 'registrar', ru: 'reviewer' } as const;
/** The keys they enrolled, for their next sign-ins. */
const keys = new Map<string, Uint8Array>();

async function context(lang: string): Promise<BrowserContext> {
	const ctx = await app.browser.newContext({ locale: 'en-GB', viewport: { width: 1600, height: 1000 } });
	await ctx.addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url: app.server.url }]);
	return ctx;
}

async function ready(page: Page) {
	await page.waitForFunction(() => performance.getEntriesByName('merzim:interactive').length > 0);
	await page.waitForTimeout(150);
}

async function open(page: Page, path: string) {
	const res = await page.goto(`${app.server.url}${path}`);
	expect(res?.status(), path).toBeLessThan(400);
	await ready(page);
}

/** What the page shows that is not kk/ru text: `where: words`, or nothing. */
async function offenders(page: Page, lang: string, where: string): Promise<string[]> {
	expect(await page.locator('html').getAttribute('lang'), where).toBe(lang);
	const found = new Set<string>();
	for (const text of await visibleTexts(page, lang)) {
		for (const w of untranslatedWords(text)) found.add(w);
		const key = RAW_KEY.exec(text);
		if (key) found.add(`key:${key[0]}`);
	}
	return found.size ? [`${where}: ${[...found].join(' ')}`] : [];
}

/** Sends `form` with the browser's own checks off (the server's answer is under test), then waits for `shown`. */
async function submitInvalid(page: Page, form: string, shown: string, fill: Record<string, string> = {}) {
	const f = page.locator(form).first();
	await f.evaluate((el) => {
		el.setAttribute('novalidate', '');
		const details = el.closest('details');
		if (details) details.open = true;
	});
	for (const [field, value] of Object.entries(fill)) await f.locator(`[name="${field}"]`).fill(value);
	await f.locator('button').last().click();
	await page.locator(shown).first().waitFor();
	await page.waitForTimeout(150);
}

describe.each(['kk', 'ru'] as const)('in %s', (lang) => {
	it('second-factor enrolment: QR code, a wrong code, the recovery codes; then its sign-in', async () => {
		const username = ENROLS[lang];
		const found: string[] = [];
		const ctx = await context(lang);
		const page = await ctx.newPage();
		await signInWith(page, app.server.url, username);
		await open(page, '/login/two-factor/setup');
		const qr = page.getByTestId('totp-qr');
		expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
		found.push(...(await offenders(page, lang, 'setup')));

		await page.locator('#current').fill('merzim-demo');
		await submitInvalid(page, 'form:has(#code)', '.error[role="alert"]', { code: '000000' });
		found.push(...(await offenders(page, lang, 'setup, wrong code')));

		const key = decodeBase32IgnorePadding((await page.getByTestId('totp-key').innerText()).trim());
		keys.set(lang, key);
		await page.locator('#current').fill('merzim-demo');
		await page.locator('#code').fill(totpAt(key, new Date()));
		await page.locator('form:has(#code) button[type="submit"]').click();
		await page.getByTestId('recovery-codes').waitFor();
		expect(await page.getByTestId('recovery-codes').locator('li').count()).toBeGreaterThanOrEqual(8);
		found.push(...(await offenders(page, lang, 'recovery codes')));
		await ctx.close();

		// Signing in again asks for the code: the page, then a wrong code.
		const again = await context(lang);
		const second = await again.newPage();
		await submitSignIn(second, app.server.url, username);
		await second.waitForURL('**/login/two-factor');
		await ready(second);
		found.push(...(await offenders(second, lang, 'two-factor')));
		await submitInvalid(second, 'form:has(#code)', '.error[role="alert"]', { code: '111111' });
		found.push(...(await offenders(second, lang, 'two-factor, wrong code')));
		await again.close();
		expect(found).toEqual([]);
	});

	it('the account page, a wrong current password and a refused removal of the second factor', async () => {
		const ctx = await context(lang);
		const page = await ctx.newPage();
		await signInWith(page, app.server.url, 'officer');
		await open(page, '/account');
		const found = await offenders(page, lang, '/account');
		await submitInvalid(
			page,
			'form[action="?/changePassword"]',
			'section:has(form[action="?/changePassword"]) [role="status"]',
			{
				current: 'not-the-password',
				next: 'lantern-quarry-mosaic-ferry',
				repeat: 'lantern-quarry-mosaic-ferry'
			}
		);
		found.push(...(await offenders(page, lang, '/account, wrong current password')));
		await ctx.close();

		// The enrolled user's account shows the removal form; a wrong answer is refused.
		const enrolled = await context(lang);
		const p2 = await enrolled.newPage();
		await submitSignIn(p2, app.server.url, ENROLS[lang]);
		await p2.waitForURL('**/login/two-factor');
		await p2.locator('#code').fill(totpAt(keys.get(lang)!, new Date()));
		await p2.locator('form:has(#code) button[type="submit"]').click();
		await p2.waitForURL((url) => !url.pathname.startsWith('/login'));
		await open(p2, '/account');
		found.push(...(await offenders(p2, lang, '/account with a second factor')));
		await submitInvalid(p2, 'form[action="?/removeSecondFactor"]', 'p[role="status"]', { current: 'not-the-password' });
		found.push(...(await offenders(p2, lang, '/account, removal refused')));
		await enrolled.close();
		expect(found).toEqual([]);
	});

	it('every admin page, each with a form error', { timeout: 300_000 }, async () => {
		const ctx = await context(lang);
		const page = await ctx.newPage();
		await signInWith(page, app.server.url, 'admin');
		const found: string[] = [];

		await open(page, '/admin');
		found.push(...(await offenders(page, lang, '/admin')));
		await submitInvalid(page, 'form[action="?/createUser"]', 'form[action="?/createUser"] .error', {
			username: 'Жаңа қолданушы',
			displayName: '',
			password: 'short'
		});
		found.push(...(await offenders(page, lang, '/admin, new user refused')));

		// A user's own edit form: a blank name is refused beside that user.
		await open(page, '/admin');
		await submitInvalid(page, 'form[action="?/setProfile"]', 'form[action="?/setProfile"] .error', {
			displayName: ''
		});
		found.push(...(await offenders(page, lang, '/admin, profile refused')));

		// A lost second factor's reset needs a reason (the enrolled users have one).
		await open(page, '/admin');
		await submitInvalid(page, 'form[action="?/resetSecondFactor"]', '.error[role="alert"]', { reason: 'ой' });
		found.push(...(await offenders(page, lang, '/admin, reset without a reason')));

		for (const [path, form, shown, fill] of [
			['/admin/tokens', 'form[action="?/issue"]', '.issue .error', { name: '' }],
			['/admin/webhooks', 'form[action="?/create"]', '.create .error', { url: 'бұл-сілтеме-емес' }],
			['/admin/signers', 'form[action="?/upload"]', '.error[role="alert"]', { passphrase: 'құпия' }],
			['/admin/calendar', 'form[action="?/preview"]', 'form[action="?/preview"] .error', { date: '', reason: '' }]
		] as const) {
			await open(page, path);
			found.push(...(await offenders(page, lang, path)));
			await submitInvalid(page, form, shown, fill);
			found.push(...(await offenders(page, lang, `${path}, form refused`)));
		}
		await ctx.close();
		expect(found).toEqual([]);
	});
});
