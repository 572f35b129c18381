/**
 * The header bell in a real browser (ADR-060): a notification made for the signed-in officer — a
 * head assigns her a case, through the API — shows in the bell without a reload (the count, and
 * the item once opened); opening the bell marks it read; /notifications lists it. A notification
 * for another officer never shows. The built server runs on PostgreSQL with the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';
import { HttpClient } from '../helpers/http-client';
import { createDb, type DbHandle } from '../../src/lib/server/db/client';
import { cases, notifications, users } from '../../src/lib/server/db/schema';

const app = useE2eApp({ database: 'merzim_e2e_bell' });
let db: DbHandle;
let head: HttpClient;

beforeAll(async () => {
	db = await createDb({ url: app.databaseUrl });
	head = new HttpClient(app.server.url, '10.31.0.1');
	expect((await head.signIn('head', 'merzim-demo')).status).toBe(201);
});
afterAll(async () => {
	await db?.close();
});

/** Two open, unassigned export licence applications of the demo. */
async function unassignedCases() {
	const rows = await db.db
		.select({ id: cases.id, number: cases.number })
		.from(cases)
		.where(and(isNull(cases.assigneeId), isNull(cases.decidedAt), eq(cases.service, 'export-licence')))
		.limit(2);
	expect(rows).toHaveLength(2);
	return rows as [{ id: string; number: string }, { id: string; number: string }];
}

const assign = async (caseId: string, username: string) => {
	const res = await head.postJson(`/api/v1/cases/${caseId}/actions/assign`, { username });
	expect(res.status, await res.text()).toBe(200);
};

describe('the notification bell', () => {
	it('shows the officer’s own notification live, marks it read when opened, and never another’s', async () => {
		const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
		await signInWith(page, app.server.url, 'officer');
		// Start from nothing unread, whatever the demo left.
		const cleared = await page.request.patch(`${app.server.url}/api/v1/me/notifications`, {
			data: { all: true },
			headers: { origin: app.server.url }
		});
		expect(cleared.status()).toBe(200);
		await page.goto(`${app.server.url}/queue`);
		const bell = page.locator('button.bell');
		await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
		await page.waitForTimeout(1000); // the socket is live

		const [theirs, mine] = await unassignedCases();
		// Another officer's notification: nothing moves in this bell.
		await assign(theirs.id, 'officer2');
		await page.waitForTimeout(1500);
		expect(await bell.getAttribute('data-unread')).toBe('0');

		await assign(mine.id, 'officer');
		await expect.poll(() => bell.getAttribute('data-unread'), { timeout: 10_000 }).toBe('1');
		await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications: 1 unread');
		// Without a reload: the page's own state is still there.
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);

		// Opened: the item, linked to its case; marked read at once.
		await bell.click();
		const panel = page.locator('#bell-panel');
		const item = panel.getByRole('link', { name: `Case ${mine.number} was assigned to you` });
		await expect.poll(() => item.count()).toBe(1);
		expect(await item.getAttribute('href')).toBe(`/cases/${mine.id}`);
		expect(await panel.textContent()).not.toContain(theirs.number);
		await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
		const [officer] = await db.db.select({ id: users.id }).from(users).where(eq(users.username, 'officer'));
		const [row] = await db.db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, officer!.id), eq(notifications.caseId, mine.id)));
		expect(row!.readAt).not.toBeNull();
		// Escape closes it.
		await page.keyboard.press('Escape');
		expect(await panel.count()).toBe(0);

		// The full list has it, read; never the other officer's.
		await panel.page().goto(`${app.server.url}/notifications`);
		const list = await page.locator('main').textContent();
		expect(list).toContain(`Case ${mine.number} was assigned to you`);
		expect(list).not.toContain(theirs.number);
		await page.close();
	});
});
