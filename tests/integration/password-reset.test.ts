/**
 * An admin's password reset on a real server: the temporary password is in the admin's answer only,
 * the user's sessions end, and after signing in with it nothing but the change form answers (pages
 * redirect there, API calls are 403 `password_change_required`) until the user picks their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { auditEvents, users } from '../../src/lib/server/db/schema';

let app: TestApp;
let admin: HttpClient;
let adminId: number;
let ip = 0;

function client() {
	return new HttpClient(app.url, `10.21.7.${++ip}`);
}

async function signedIn(username: string, password = TEST_PASSWORD) {
	const c = client();
	expect((await c.signIn(username, password)).status).toBe(201);
	return c;
}

beforeAll(async () => {
	app = await startTestApp();
	adminId = await app.createUser('ops-reset-admin', ['admin']);
	admin = await signedIn('ops-reset-admin');
});
afterAll(() => app?.close());

describe('admin password reset', () => {
	it('gives a temporary password once; the user must change it before anything else', async () => {
		const id = await app.createUser('ops-forgetful', ['officer']);
		const old = await signedIn('ops-forgetful');

		const res = await admin.postJson(`/api/v1/admin/users/${id}/password-reset`, {});
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toContain('no-store');
		const { temporaryPassword, mustChangePassword } = (await res.json()) as {
			temporaryPassword: string;
			mustChangePassword: boolean;
		};
		expect(mustChangePassword).toBe(true);
		expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);

		// The old session and the old password are gone.
		expect((await old.get('/api/v1/me')).status).toBe(401);
		expect((await client().signIn('ops-forgetful', TEST_PASSWORD)).status).toBe(401);

		// Neither the hash nor any audit row carries the temporary password.
		const [row] = await app.ctx.db.select().from(users).where(eq(users.id, id));
		expect(row!.mustChangePassword).toBe(true);
		expect(row!.passwordHash).not.toContain(temporaryPassword);
		const audit = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.stream, `user:${id}`));
		const reset = audit.find((a) => a.type === 'password-reset');
		expect(reset?.actorId).toBe(adminId);
		expect(JSON.stringify(audit)).not.toContain(temporaryPassword);

		// Signed in with the temporary password: only the change form answers.
		const user = await signedIn('ops-forgetful', temporaryPassword);
		const api = await user.get('/api/v1/me');
		expect(api.status).toBe(403);
		expect(((await api.json()) as { code: string }).code).toBe('password_change_required');
		const page = await user.request('/', { headers: { accept: 'text/html' } });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/account');
		expect((await user.request('/account', { headers: { accept: 'text/html' } })).status).toBe(200);
		// Other account actions stay closed.
		expect((await user.postForm('/account?/removeSecondFactor', { current: temporaryPassword })).status).toBe(403);

		// The same password again is refused; a new one of the user's own opens everything.
		const same = await actionResult(
			await user.postForm('/account?/changePassword', {
				current: temporaryPassword,
				next: temporaryPassword,
				repeat: temporaryPassword
			})
		);
		expect(same.data).toMatchObject({ passwordCode: 'same' });
		const changed = await actionResult(
			await user.postForm('/account?/changePassword', {
				current: temporaryPassword,
				next: 'lantern-quarry-mosaic-ferry',
				repeat: 'lantern-quarry-mosaic-ferry'
			})
		);
		expect(changed.data).toMatchObject({ passwordCode: 'changed' });
		expect((await user.get('/api/v1/me')).status).toBe(200);
		const [after] = await app.ctx.db.select().from(users).where(eq(users.id, id));
		expect(after!.mustChangePassword).toBe(false);
		const changedRows = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `user:${id}`), eq(auditEvents.type, 'password-changed')));
		expect(changedRows).toHaveLength(1);
		expect((await client().signIn('ops-forgetful', temporaryPassword)).status).toBe(401);
	});

	it('lets the password API through while the change is owed', async () => {
		const id = await app.createUser('ops-forgetful-api', ['officer']);
		const res = await admin.postJson(`/api/v1/admin/users/${id}/password-reset`, {});
		const { temporaryPassword } = (await res.json()) as { temporaryPassword: string };
		const user = await signedIn('ops-forgetful-api', temporaryPassword);
		const put = await user.request('/api/v1/me/password', {
			method: 'PUT',
			body: JSON.stringify({ current: temporaryPassword, next: 'harbor-violet-tundra-quill' }),
			headers: { 'content-type': 'application/json' }
		});
		expect(put.status).toBe(204);
		expect((await user.get('/api/v1/me')).status).toBe(200);
	});

	it('is refused to a non-admin and for an unknown user, changing nothing', async () => {
		const id = await app.createUser('ops-reset-plain', ['officer']);
		const plain = await signedIn('ops-reset-plain');
		expect((await plain.postJson(`/api/v1/admin/users/${adminId}/password-reset`, {})).status).toBe(403);
		const [row] = await app.ctx.db.select().from(users).where(eq(users.id, adminId));
		expect(row!.mustChangePassword).toBe(false);
		expect((await admin.postJson('/api/v1/admin/users/999999/password-reset', {})).status).toBe(404);
		expect((await admin.postJson(`/api/v1/admin/users/${id}/password-reset`, { password: 'mine' })).status).toBe(422);
	});
});
