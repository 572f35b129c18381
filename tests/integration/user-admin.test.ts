/**
 * User administration through the API on a real server: deactivation ends sessions at once, a lost
 * second factor is reset with its reason on record and the user must enrol again, the last admin
 * cannot be removed, and a user's own password change checks length and the breached list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { newTotpKey } from '../../src/lib/server/auth/totp';
import { auditEvents, users } from '../../src/lib/server/db/schema';

let app: TestApp;
let admin: HttpClient;
let adminId: number;
let ip = 0;

async function signedIn(username: string, password = TEST_PASSWORD) {
	const c = new HttpClient(app.url, `10.21.6.${++ip}`);
	expect((await c.signIn(username, password)).status).toBe(201);
	return c;
}

beforeAll(async () => {
	app = await startTestApp();
	adminId = await app.createUser('ops-admin', ['admin']);
	admin = await signedIn('ops-admin');
});
afterAll(() => app?.close());

describe('user administration', () => {
	it('deactivating a user ends their sessions at once; their history stays', async () => {
		const id = await app.createUser('ops-leaver', ['officer']);
		const leaver = await signedIn('ops-leaver');
		expect((await leaver.get('/api/v1/me')).status).toBe(200);
		const res = await admin.postJson(`/api/v1/admin/users/${id}/deactivate`, {});
		expect(res.status).toBe(200);
		expect((await leaver.get('/api/v1/me')).status).toBe(401);
		expect((await new HttpClient(app.url, '10.21.6.200').signIn('ops-leaver', TEST_PASSWORD)).status).toBe(401);
		const history = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.stream, `user:${id}`));
		expect(history.map((h) => h.type)).toEqual(expect.arrayContaining(['user-created', 'signed-in', 'user-disabled']));
	});

	it('resets a lost second factor with a reason; the user signs in and must enrol again', async () => {
		const id = await app.createUser('ops-lostphone', ['officer']);
		await app.ctx.users.setTotpKey(id, newTotpKey(), { userId: null, label: 'test' });
		const before = await new HttpClient(app.url, '10.21.6.201').signIn('ops-lostphone', TEST_PASSWORD);
		expect(((await before.json()) as { secondFactor: string }).secondFactor).toBe('verify');

		const noReason = await admin.postJson(`/api/v1/admin/users/${id}/second-factor-reset`, { reason: 'lost' });
		expect(noReason.status).toBe(422);
		const res = await admin.postJson(`/api/v1/admin/users/${id}/second-factor-reset`, {
			reason: 'Phone lost on 2 March, identity checked in person'
		});
		expect(res.status).toBe(200);
		const [row] = await app.ctx.db.select().from(users).where(eq(users.id, id));
		expect(row!.totpKey).toBeNull();
		const [audit] = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `user:${id}`), eq(auditEvents.type, 'second-factor-reset')));
		expect(audit!.actorId).toBe(adminId);
		expect(audit!.after).toMatchObject({ reason: 'Phone lost on 2 March, identity checked in person' });
		// Again: nothing left to reset.
		expect(
			(await admin.postJson(`/api/v1/admin/users/${id}/second-factor-reset`, { reason: 'twice, by mistake' })).status
		).toBe(409);
		// Its role requires a second factor: the next sign-in goes to enrolment, not to the old code.
		await app.ctx.users.setRoleMfaRequired('officer', true, { userId: null, label: 'test' });
		try {
			const after = await new HttpClient(app.url, '10.21.6.202').signIn('ops-lostphone', TEST_PASSWORD);
			expect(((await after.json()) as { secondFactor: string }).secondFactor).toBe('setup');
		} finally {
			await app.ctx.users.setRoleMfaRequired('officer', false, { userId: null, label: 'test' });
		}
	});

	it('refuses to demote or deactivate the last active admin, changing nothing', async () => {
		const demote = await admin.request(`/api/v1/admin/users/${adminId}/roles`, {
			method: 'PUT',
			body: JSON.stringify({ roles: ['officer'] }),
			headers: { 'content-type': 'application/json' }
		});
		expect(demote.status).toBe(409);
		expect(((await demote.json()) as { error: string }).error).toMatch(/last active admin/);
		expect((await admin.postJson(`/api/v1/admin/users/${adminId}/deactivate`, {})).status).toBe(409);
		const [row] = await app.ctx.db.select().from(users).where(eq(users.id, adminId));
		expect(row!.disabled).toBe(false);
		expect((await admin.get('/api/v1/admin/users')).status).toBe(200);

		// With a second admin, the first may step down.
		const second = await app.createUser('ops-admin2', ['admin']);
		const ok = await admin.request(`/api/v1/admin/users/${adminId}/roles`, {
			method: 'PUT',
			body: JSON.stringify({ roles: ['admin', 'supervisor'] }),
			headers: { 'content-type': 'application/json' }
		});
		expect(ok.status).toBe(200);
		expect((await admin.postJson(`/api/v1/admin/users/${second}/deactivate`, {})).status).toBe(200);
		expect((await admin.postJson(`/api/v1/admin/users/${adminId}/deactivate`, {})).status).toBe(409);
	});

	it('refuses admin actions to a non-admin', async () => {
		await app.createUser('ops-plain', ['officer']);
		const plain = await signedIn('ops-plain');
		expect((await plain.postJson(`/api/v1/admin/users/${adminId}/deactivate`, {})).status).toBe(403);
	});

	it('changes the own password: the current one, 12+ characters, not on the breached list; other sessions end', async () => {
		await app.createUser('ops-changer', ['officer']);
		const here = await signedIn('ops-changer');
		const elsewhere = await signedIn('ops-changer');
		const put = (current: string, next: string) =>
			here.request('/api/v1/me/password', {
				method: 'PUT',
				body: JSON.stringify({ current, next }),
				headers: { 'content-type': 'application/json' }
			});
		expect((await put('wrong password here', 'tundra-kettle-orbit-violin')).status).toBe(403);
		expect((await put(TEST_PASSWORD, 'short-one')).status).toBe(422);
		const breached = await put(TEST_PASSWORD, 'qwerty123456');
		expect(breached.status).toBe(422);
		expect(((await breached.json()) as { error: string }).error).toMatch(/breached/);
		expect((await put(TEST_PASSWORD, 'password2024!!')).status).toBe(422);
		expect((await put(TEST_PASSWORD, 'tundra-kettle-orbit-violin')).status).toBe(204);
		expect((await here.get('/api/v1/me')).status).toBe(200);
		expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
		expect((await new HttpClient(app.url, '10.21.6.203').signIn('ops-changer', TEST_PASSWORD)).status).toBe(401);
		await signedIn('ops-changer', 'tundra-kettle-orbit-violin');
	});
});
