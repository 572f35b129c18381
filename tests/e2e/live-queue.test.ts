/**
 * A change committed elsewhere appears in an open queue without a reload, highlighted. The built
 * server runs on PostgreSQL here so that this test can commit a change through its own connection,
 * as another server process would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';
import { createDb, type DbHandle } from '../../src/lib/server/db/client';
import { cases, clocks, organisations } from '../../src/lib/server/db/schema';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import { decideElsewhere } from '../helpers/decide-elsewhere';

const app = useE2eApp({ database: 'merzim_e2e' });
let db: DbHandle;

beforeAll(async () => {
	db = await createDb({ url: app.databaseUrl });
});
afterAll(async () => {
	await db?.close();
});

describe('live queue', () => {
	it('shows a case registered elsewhere without a reload, highlighted', async () => {
		const page = await app.browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signInWith(page, app.server.url, 'supervisor');
		await page.goto(`${app.server.url}/queue?tab=all`);
		await page.waitForFunction(() => performance.getEntriesByName('merzim:queue-interactive').length > 0);
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
		await page.waitForTimeout(1000); // the socket is live

		// Another process registers a case whose completeness check ends first.
		const [org] = await db.db.select().from(organisations).limit(1);
		const now = new Date();
		const started = { type: 'started', at: now.toISOString() };
		await db.db.transaction(async (tx) => {
			const [c] = await tx
				.insert(cases)
				.values({
					number: 'EL-LIVE-00001',
					service: 'export-licence',
					stage: 'completeness-check',
					applicantId: org!.id,
					unit: 'Export control',
					receivedAt: now,
					registeredOn: now.toISOString().slice(0, 10),
					application: {},
					createdAt: now,
					updatedAt: now
				})
				.returning();
			await tx.insert(clocks).values({
				caseId: c!.id,
				kind: 'completeness',
				unit: 'working_days',
				length: 2,
				citation: '001 p.15 para 1',
				events: [started],
				state: 'running',
				dueAt: null
			});
			await appendCaseEvent(tx, c!.id, {
				type: 'case:created',
				actor: { userId: null, label: 'portal' },
				at: now,
				citation: '001 p.14',
				after: { stage: 'completeness-check' }
			});
		});

		const row = page.locator('table.queue tbody tr', { hasText: 'EL-LIVE-00001' });
		await row.waitFor({ timeout: 10_000 });
		expect(await row.getAttribute('class')).toContain('fresh');
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
		await page.screenshot({ path: 'tests/e2e/screenshots/queue-live.png' });
		await page.close();
	});

	it('moves focus to the next row and says why when the focused row leaves the queue', async () => {
		const page = await app.browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signInWith(page, app.server.url, 'supervisor');
		await page.goto(`${app.server.url}/queue?tab=all`);
		await page.waitForFunction(() => performance.getEntriesByName('merzim:queue-interactive').length > 0);
		await page.waitForTimeout(1000); // the socket is live
		const links = page.locator('table.queue tbody a.case-link');
		const [first, second] = [(await links.nth(0).textContent())!, (await links.nth(1).textContent())!];
		await page.keyboard.press('j'); // the keyboard user is on the first row
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(first);

		// Another process decides that case: it leaves the open queue.
		await decideElsewhere(db.db, first);

		await page.locator('table.queue tbody a.case-link', { hasText: first }).waitFor({ state: 'detached' });
		await page.waitForFunction((n) => document.activeElement?.textContent === n, second, { timeout: 5_000 });
		const status = page.getByTestId('queue-removal');
		expect(await status.getAttribute('aria-live')).toBe('polite');
		expect(await status.textContent()).toContain(first);
		// j continues from where focus now is.
		await page.keyboard.press('j');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(await links.nth(1).textContent());
		await page.close();
	});

	it('shows a certificate presentation term started elsewhere in the section after the decision, nearest due first (ADR-084)', async () => {
		const page = await app.browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signInWith(page, app.server.url, 'supervisor');
		await page.goto(`${app.server.url}/queue?tab=all`);
		await page.waitForFunction(() => performance.getEntriesByName('merzim:queue-interactive').length > 0);
		await page.waitForTimeout(1000); // the socket is live

		// Another process signs a granted certificate whose term (000 Annex 4) is due before any other.
		const [org] = await db.db.select().from(organisations).limit(1);
		const now = new Date();
		const signedAt = new Date(now.getTime() - 182 * 86_400_000);
		await db.db.transaction(async (tx) => {
			const [c] = await tx
				.insert(cases)
				.values({
					number: 'EUC-LIVE-00001',
					service: 'end-user-certificate',
					stage: 'granted',
					applicantId: org!.id,
					unit: 'Export control',
					receivedAt: signedAt,
					registeredOn: signedAt.toISOString().slice(0, 10),
					application: {},
					decision: { outcome: 'granted' },
					decidedAt: signedAt,
					createdAt: signedAt,
					updatedAt: now
				})
				.returning();
			await tx.insert(clocks).values({
				caseId: c!.id,
				kind: 'certificate-presentation',
				unit: 'months',
				length: 6,
				citation: '000 Annex 4 form 1 item 12; form 2 item 9',
				events: [{ type: 'started', at: signedAt.toISOString() }],
				state: 'running',
				dueAt: new Date(now.getTime() + 3_600_000)
			});
			await appendCaseEvent(tx, c!.id, {
				type: 'clock:started',
				actor: { userId: null, label: 'head' },
				at: now,
				citation: '000 Annex 4 form 1 item 12; form 2 item 9',
				after: { kind: 'certificate-presentation' }
			});
		});

		const section = page.getByTestId('presentation-terms');
		const row = section.locator('tbody tr', { hasText: 'EUC-LIVE-00001' });
		await row.waitFor({ timeout: 10_000 });
		expect(await row.getAttribute('class')).toContain('fresh');
		expect(await section.locator('tbody tr').first().getAttribute('data-case')).toBe('EUC-LIVE-00001');
		expect(await page.locator('table.queue tbody tr', { hasText: 'EUC-LIVE-00001' }).count()).toBe(0);
		await section.scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'tests/e2e/screenshots/queue-presentation-terms.png' });
		await page.close();
	});
});
