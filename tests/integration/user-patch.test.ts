/**
 * PATCH /api/v1/users/{id}: an admin edits another user's name, unit, roles and active state in one
 * audited change; bad input, a non-admin and the last active admin are refused with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { auditEvents, userRoles, users } from '../../src/lib/server/db/schema';

let app: TestApp;
let admin: HttpClient;
let adminId: number;
let ip = 0;

async function signedIn(username: string) {
	const c = new HttpClient(app.url, `10.21.7.${++ip}`);
	expect((await c.signIn(username, TEST_PASSWORD)).status).toBe(201);
	return c;
}
const patch = (c: HttpClient, id: number, body: unknown) =>
	c.request(`/api/v1/users/${id}`, {
		method: 'PATCH',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json' }
	});
async function row(id: number) {
	const [u] = await app.ctx.db.select().from(users).where(eq(users.id, id));
	const rs = await app.ctx.db.select().from(userRoles).where(eq(userRoles.userId, id));
	return { ...u!, roles: rs.map((r) => r.role).sort() };
}
const updates = (id: number) =>
	app.ctx.db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.stream, `user:${id}`), eq(auditEvents.type, 'user-updated')));

beforeAll(async () => {
	app = await startTestApp();
	adminId = await app.createUser('patch-admin', ['admin']);
	admin = await signedIn('patch-admin');
});
afterAll(() => app?.close());

describe('PATCH /api/v1/users/{id}', () => {
	it('changes name, unit and roles together, with one audit row naming the admin', async () => {
		const id = await app.createUser('patch-officer', ['officer']);
		const res = await patch(admin, id, { displayName: 'Айгүл Сейітова', unit: 'Export licences', roles: ['head'] });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			id,
			displayName: 'Айгүл Сейітова',
			unit: 'Export licences',
			roles: ['head']
		});
		const after = await row(id);
		expect(after).toMatchObject({ displayName: 'Айгүл Сейітова', unit: 'Export licences', roles: ['head'] });
		const audit = await updates(id);
		expect(audit).toHaveLength(1);
		expect(audit[0]!.actorId).toBe(adminId);
		expect(audit[0]!.before).toMatchObject({ roles: ['officer'], unit: null });
		expect(audit[0]!.after).toMatchObject({ roles: ['head'], unit: 'Export licences' });

		// Empty unit clears it; fields not named stay.
		expect((await patch(admin, id, { unit: '' })).status).toBe(200);
		expect(await row(id)).toMatchObject({ unit: null, displayName: 'Айгүл Сейітова', roles: ['head'] });
	});

	it('deactivating ends the sessions at once; reactivating lets the user in again', async () => {
		const id = await app.createUser('patch-leaver', ['officer']);
		const leaver = await signedIn('patch-leaver');
		expect((await patch(admin, id, { active: false })).status).toBe(200);
		expect((await leaver.get('/api/v1/me')).status).toBe(401);
		expect((await row(id)).disabled).toBe(true);
		expect((await patch(admin, id, { active: true })).status).toBe(200);
		await signedIn('patch-leaver');
	});

	it('refuses bad input naming the field, changing nothing', async () => {
		const id = await app.createUser('patch-bad', ['officer']);
		const before = await row(id);
		for (const body of [
			{},
			{ displayName: '' },
			{ roles: ['emperor'] },
			{ active: 'no' },
			{ displayName: 'X', password: 'sneaky-new-password' },
			{ unit: 'u'.repeat(81) }
		]) {
			const res = await patch(admin, id, body);
			expect(res.status, JSON.stringify(body)).toBe(422);
		}
		const bad = (await (await patch(admin, id, { roles: ['emperor'] })).json()) as { fields?: Record<string, string> };
		expect(Object.keys(bad.fields ?? {}).join()).toMatch(/roles/);
		// A liaison needs an agency: the whole patch is refused, including the name.
		const liaison = await patch(admin, id, { displayName: 'Changed', roles: ['agency_liaison'] });
		expect(liaison.status).toBe(422);
		expect(await row(id)).toEqual(before);
		expect(await updates(id)).toHaveLength(0);
		expect((await patch(admin, 999_999, { displayName: 'Nobody' })).status).toBe(404);
	});

	it('is for admins only', async () => {
		const id = await app.createUser('patch-plain', ['officer']);
		const plain = await signedIn('patch-plain');
		expect((await patch(plain, id, { displayName: 'Me, promoted', roles: ['admin'] })).status).toBe(403);
		expect((await patch(new HttpClient(app.url, '10.21.7.250'), id, { displayName: 'Anon' })).status).toBe(401);
		expect(await row(id)).toMatchObject({
			displayName: expect.not.stringMatching(/promoted|Anon/),
			roles: ['officer']
		});
	});

	it('keeps the last active admin an active admin, changing nothing else in the same patch', async () => {
		const before = await row(adminId);
		const demote = await patch(admin, adminId, { displayName: 'Demoted', roles: ['officer'] });
		expect(demote.status).toBe(409);
		expect(((await demote.json()) as { error: string }).error).toMatch(/last active admin/);
		expect((await patch(admin, adminId, { active: false })).status).toBe(409);
		expect(await row(adminId)).toEqual(before);

		const second = await app.createUser('patch-admin2', ['admin']);
		expect((await patch(admin, adminId, { roles: ['admin', 'supervisor'] })).status).toBe(200);
		expect((await patch(admin, second, { active: false })).status).toBe(200);
		expect((await patch(admin, adminId, { roles: ['supervisor'] })).status).toBe(409);
	});
});
