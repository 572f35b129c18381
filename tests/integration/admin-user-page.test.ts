/**
 * The /admin page's user actions on a real server: a password reset answers with the temporary
 * password for the admin to hand over; a second-factor reset needs a reason; non-admins are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { newTotpKey } from '../../src/lib/server/auth/totp';
import { auditEvents, users } from '../../src/lib/server/db/schema';

let app: TestApp;
let admin: HttpClient;
let ip = 0;

async function signedIn(username: string, password = TEST_PASSWORD) {
	const c = new HttpClient(app.url, `10.21.9.${++ip}`);
	expect((await c.signIn(username, password)).status).toBe(201);
	return c;
}

beforeAll(async () => {
	app = await startTestApp();
	await app.createUser('ops-page-admin', ['admin']);
	admin = await signedIn('ops-page-admin');
});
afterAll(() => app?.close());

describe('/admin user actions', () => {
	it('resets a password and shows the temporary one to the admin', async () => {
		const id = await app.createUser('ops-page-user', ['officer']);
		const res = await actionResult(await admin.postForm('/admin?/resetPassword', { userId: String(id) }));
		expect(res.type).toBe('success');
		const data = res.data as { temporaryPassword: string; username: string };
		expect(data.username).toBe('ops-page-user');
		const user = await signedIn('ops-page-user', data.temporaryPassword);
		expect((await user.get('/api/v1/me')).status).toBe(403);
		const [row] = await app.ctx.db.select().from(users).where(eq(users.id, id));
		expect(row!.mustChangePassword).toBe(true);
	});

	it('resets a second factor only with a reason, on record', async () => {
		const id = await app.createUser('ops-page-2fa', ['officer']);
		await app.ctx.users.setTotpKey(id, newTotpKey(), { userId: null, label: 'test' });
		const short = await actionResult(
			await admin.postForm('/admin?/resetSecondFactor', { userId: String(id), reason: 'lost' })
		);
		expect(short.status).toBe(422);
		expect((await app.ctx.db.select().from(users).where(eq(users.id, id)))[0]!.totpKey).not.toBeNull();
		const ok = await actionResult(
			await admin.postForm('/admin?/resetSecondFactor', { userId: String(id), reason: 'Phone stolen, seen in person' })
		);
		expect(ok.type).toBe('success');
		expect((await app.ctx.db.select().from(users).where(eq(users.id, id)))[0]!.totpKey).toBeNull();
		const [audit] = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `user:${id}`), eq(auditEvents.type, 'second-factor-reset')));
		expect(audit!.after).toMatchObject({ reason: 'Phone stolen, seen in person' });
	});

	it('edits the name and the unit, audited; an empty name is refused', async () => {
		const id = await app.createUser('ops-page-edit', ['officer']);
		const empty = await actionResult(
			await admin.postForm('/admin?/setProfile', { userId: String(id), displayName: ' ', unit: 'X' })
		);
		expect(empty.status).toBe(422);
		const ok = await actionResult(
			await admin.postForm('/admin?/setProfile', {
				userId: String(id),
				displayName: 'Айгүл Сейітова',
				unit: 'Licensing, dual-use'
			})
		);
		expect(ok.type).toBe('success');
		const [row] = await app.ctx.db.select().from(users).where(eq(users.id, id));
		expect(row).toMatchObject({ displayName: 'Айгүл Сейітова', unit: 'Licensing, dual-use' });
		const [audit] = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `user:${id}`), eq(auditEvents.type, 'user-updated')));
		expect(audit!.after).toMatchObject({ displayName: 'Айгүл Сейітова', unit: 'Licensing, dual-use' });
		await admin.postForm('/admin?/setProfile', { userId: String(id), displayName: 'Aigul Seitova', unit: '' });
		const [cleared] = await app.ctx.db.select().from(users).where(eq(users.id, id));
		expect(cleared!.unit).toBeNull();
	});

	it('refuses both to a non-admin', async () => {
		const id = await app.createUser('ops-page-plain', ['officer']);
		const plain = await signedIn('ops-page-plain');
		const res = await plain.postForm('/admin?/resetPassword', { userId: String(id) });
		expect([403, 404]).toContain(res.status === 200 ? (await actionResult(res)).status : res.status);
		const [row] = await app.ctx.db.select().from(users).where(eq(users.id, id));
		expect(row!.mustChangePassword).toBe(false);
	});
});
