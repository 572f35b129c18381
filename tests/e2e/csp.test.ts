/**
 * Content-Security-Policy in Chromium: every page of every role — the refusal editor (Tiptap, Yjs,
 * carets) and the supervisor's charts (chart.js) included — loads and runs with no violation
 * reported, under a policy that has no 'unsafe-inline' script and forbids framing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';
import { caseAwaitingLetter } from '../helpers/letter-case';

const app = useE2eApp({ database: 'merzim_e2e_ops_csp' });
let caseId: string;

beforeAll(async () => {
	caseId = await caseAwaitingLetter(app, '10.21.5');
});

/** A page that records every CSP violation the browser reports (the listener is added before any script of ours). */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<string[]> }> {
	const context = await app.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
	const page = await context.newPage();
	const fromConsole: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text());
	});
	await page.addInitScript(() => {
		const w = window as unknown as { __csp: string[] };
		w.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__csp.push(
				`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`
			)
		);
	});
	const violations = async () => [
		...fromConsole,
		...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []))
	];
	return { page, violations };
}

const PAGES: Record<string, string[]> = {
	officer: ['/queue', '/cases', '/cases/{id}', '/cases/{id}/draft', '/board', '/account'],
	supervisor: ['/supervisor', '/complaints', '/queue'],
	admin: ['/admin', '/admin/calendar', '/admin/signers', '/admin/tokens'],
	'liaison-nsc': ['/consultations'],
	board: ['/board']
};

describe('Content-Security-Policy', () => {
	it('is sent with a nonce for scripts, no unsafe-inline script, and no framing', async () => {
		const res = await fetch(app.server.url + '/login');
		const csp = res.headers.get('content-security-policy') ?? '';
		const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
		expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
		expect(scriptSrc).not.toContain('unsafe-inline');
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
	});

	it('the sign-in page runs without a violation', async () => {
		const { page, violations } = await watchedPage();
		await signInWith(page, app.server.url, 'officer');
		expect(await violations()).toEqual([]);
		await page.context().close();
	});

	for (const [username, paths] of Object.entries(PAGES)) {
		it(`every page of ${username} runs without a violation`, async () => {
			const { page, violations } = await watchedPage();
			await signInWith(page, app.server.url, username);
			for (const path of paths) {
				const res = await page.goto(app.server.url + path.replace('{id}', caseId));
				expect(res?.status(), path).toBeLessThan(400);
				if (path.endsWith('/draft')) await page.locator('.status[data-phase="synced"]').waitFor({ timeout: 15_000 });
				if (path === '/supervisor') await page.locator('section.chart canvas').first().waitFor();
				await page.waitForLoadState('networkidle');
				expect(await violations(), path).toEqual([]);
			}
			await page.context().close();
		});
	}

	it('the editor takes typing (its scripts run) without a violation', async () => {
		const { page, violations } = await watchedPage();
		await signInWith(page, app.server.url, 'officer');
		await page.goto(`${app.server.url}/cases/${caseId}/draft`);
		await page.locator('.status[data-phase="synced"]').waitFor({ timeout: 15_000 });
		const box = page.getByRole('textbox', { name: 'Refusal text' });
		await box.click();
		await page.keyboard.type(' CSP ');
		await expect.poll(() => box.textContent()).toContain('CSP');
		expect(await violations()).toEqual([]);
		await page.context().close();
	});
});
