/**
 * Sign-in, sessions, throttling, second factor and role checks, over real HTTP against the built
 * app and a real database (PGlite, or PostgreSQL when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { sessions, users } from '../../src/lib/server/db/schema';
import { totpAt } from '../../src/lib/server/auth/totp';
import { hashSecret, parseToken } from '../../src/lib/server/auth/token';
import { startServer } from '../../server/app';

let app: TestApp;
const MIN = 60_000;

beforeAll(async () => {
	app = await startTestApp();
	await app.createUser('olga', ['officer']);
	await app.createUser('aidos', ['officer']);
	await app.createUser('admin1', ['admin']);
	await app.createUser('wall', ['wallboard']);
	await app.createUser('head1', ['head']);
});
afterAll(() => app.close());

const client = (ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) =>
	new HttpClient(app.url, ip);

describe('sign-in page', () => {
	it('shows English fields labelled Username and Password and a Sign in button', async () => {
		const html = await (await fetch(`${app.url}/login`, { headers: { 'x-test-client-ip': '1.1.1.1' } })).text();
		expect(html).toMatch(/<label for="username">Username<\/label>/);
		expect(html).toMatch(/<label for="password">Password<\/label>/);
		expect(html).toMatch(/<button type="submit">Sign in<\/button>/);
	});

	it('signs in through the form and sets an HttpOnly SameSite=Lax cookie holding <id>.<secret>', async () => {
		const c = client();
		const res = await c.postForm('/login', { username: 'olga', password: TEST_PASSWORD });
		const cookie = res.headers.getSetCookie().join('\n');
		expect(cookie).toMatch(/merzim_session=[a-z2-9]{24}\.[a-z2-9]{24}/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		expect((await actionResult(res)).location).toBe('/');
		const me = await c.get('/api/v1/me');
		expect(me.status).toBe(200);
		expect(await me.json()).toMatchObject({ username: 'olga', roles: ['officer'] });
	});

	it('stores only the SHA-256 of the secret', async () => {
		const c = client();
		await c.signIn('olga', TEST_PASSWORD);
		const token = parseToken(c.cookies.get('merzim_session'))!;
		const [row] = await app.ctx.db.select().from(sessions).where(eq(sessions.id, token.id));
		expect(Buffer.from(row!.secretHash).equals(Buffer.from(hashSecret(token.secret)))).toBe(true);
		expect(JSON.stringify(row)).not.toContain(token.secret);
	});

	it('refuses a wrong password and an unknown user alike, with 400 and no cookie', async () => {
		for (const [username, password] of [
			['olga', 'wrong password!'],
			['nobody', TEST_PASSWORD]
		] as const) {
			const c = client();
			const res = await c.postForm('/login', { username, password });
			const result = await actionResult(res);
			expect(result.status).toBe(400);
			expect(result.data).toMatchObject({ message: 'Wrong username or password.' });
			expect(c.cookies.size).toBe(0);
		}
	});

	it('answers the JSON sign-in with 401 for bad credentials and 422 for a malformed body', async () => {
		expect((await client().signIn('olga', 'nope')).status).toBe(401);
		const bad = await client().postJson('/api/v1/session', { username: 'olga' });
		expect(bad.status).toBe(422);
		expect(await bad.json()).toMatchObject({
			fields: { password: { code: expect.any(String), message: expect.any(String) } }
		});
	});
});

describe('sessions', () => {
	it('rejects a forged or tampered token with 401 and clears the cookie', async () => {
		const c = client();
		await c.signIn('olga', TEST_PASSWORD);
		const real = c.cookies.get('merzim_session')!;
		const [id] = real.split('.');
		for (const forged of [`${id}.${'a'.repeat(24)}`, 'garbage', `${'b'.repeat(24)}.${'c'.repeat(24)}`]) {
			c.cookies.set('merzim_session', forged);
			const res = await c.get('/api/v1/me');
			expect(res.status).toBe(401);
			expect(c.cookies.has('merzim_session')).toBe(false);
		}
	});

	it('answers 401 without a session', async () => {
		expect((await client().get('/api/v1/me')).status).toBe(401);
		const page = await client().get('/cases');
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/login?next=%2Fcases');
	});

	it('ends after 30 minutes idle, but not while in use', async () => {
		const c = client();
		await c.signIn('aidos', TEST_PASSWORD);
		app.clock.advance(29 * MIN);
		expect((await c.get('/api/v1/me')).status).toBe(200);
		app.clock.advance(29 * MIN);
		expect((await c.get('/api/v1/me')).status).toBe(200);
		app.clock.advance(31 * MIN);
		expect((await c.get('/api/v1/me')).status).toBe(401);
	});

	it('ends 12 hours after sign-in even when always in use', async () => {
		const c = client();
		await c.signIn('aidos', TEST_PASSWORD);
		for (let i = 0; i < 35; i++) {
			app.clock.advance(20 * MIN);
			expect((await c.get('/api/v1/me')).status).toBe(200);
		}
		app.clock.advance(20 * MIN); // 12 h 0 min after sign-in
		expect((await c.get('/api/v1/me')).status).toBe(401);
	});

	it('gives the wall board a kiosk session that lasts a 12-hour shift and reads only the board', async () => {
		const c = client();
		const res = await c.signIn('wall', TEST_PASSWORD);
		expect(await res.json()).toMatchObject({ kiosk: true });
		app.clock.advance(3 * 60 * MIN); // no idle limit for a kiosk
		expect((await c.get('/board')).status).toBe(200);
		expect((await c.get('/cases')).status).toBe(403);
		expect((await c.get('/api/v1/admin/users')).status).toBe(403);
		app.clock.advance(9 * 60 * MIN);
		expect((await c.get('/api/v1/me')).status).toBe(401);
	});

	it('signs out on the server: the old cookie no longer works', async () => {
		const c = client();
		await c.signIn('olga', TEST_PASSWORD);
		const token = c.cookies.get('merzim_session')!;
		const res = await c.request('/logout', { method: 'POST' });
		expect(res.status).toBe(303);
		const replay = new HttpClient(app.url, c.ip);
		replay.cookies.set('merzim_session', token);
		expect((await replay.get('/api/v1/me')).status).toBe(401);
	});

	it('signs out everywhere', async () => {
		const a = client();
		const b = client();
		await a.signIn('head1', TEST_PASSWORD);
		await b.signIn('head1', TEST_PASSWORD);
		const res = await a.postForm('/account?/signOutEverywhere', {});
		expect((await actionResult(res)).location).toBe('/login');
		expect((await b.get('/api/v1/me')).status).toBe(401);
		expect((await a.get('/api/v1/me')).status).toBe(401);
	});
});

describe('CSRF and origin checks', () => {
	it('refuses a state-changing request from another origin or with no Origin', async () => {
		const evil = new HttpClient(app.url, '10.9.9.9', 'https://evil.example');
		expect((await evil.signIn('olga', TEST_PASSWORD)).status).toBe(403);
		const none = new HttpClient(app.url, '10.9.9.8', null);
		expect((await none.signIn('olga', TEST_PASSWORD)).status).toBe(403);
	});

	it('accepts its own origin on a second server started in the same process (a restart, the drafting bench)', async () => {
		// The first server marks each request's real protocol through an env header it sets once; a
		// second one found that header set and stopped marking, so the handler assumed https and
		// refused every plain-HTTP form as cross-site.
		const second = await startServer(app.ctx, { port: 0, host: '127.0.0.1' });
		try {
			expect((await new HttpClient(second.url, '10.9.9.7').signIn('olga', TEST_PASSWORD)).status).toBe(201);
			expect(
				(await new HttpClient(second.url, '10.9.9.6', 'https://evil.example').signIn('olga', TEST_PASSWORD)).status
			).toBe(403);
		} finally {
			await second.io.close();
			second.http.closeAllConnections();
		}
	});
});

describe('login throttling', () => {
	it('holds back unknown browsers after 5 failures of an account, even with the right password, for a while', async () => {
		await app.createUser('victim', ['officer']);
		for (let i = 0; i < 5; i++) expect((await client().signIn('victim', 'wrong-password')).status).toBe(401);
		const locked = await client().signIn('victim', TEST_PASSWORD);
		expect(locked.status).toBe(429);
		expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
		const form = await actionResult(await client().postForm('/login', { username: 'victim', password: TEST_PASSWORD }));
		expect(form.status).toBe(429);
		app.clock.advance(16 * MIN);
		expect((await client().signIn('victim', TEST_PASSWORD)).status).toBe(201);
	});

	it('limits failures per IP address across accounts', async () => {
		const ip = '10.77.0.1';
		for (let i = 0; i < 20; i++) await new HttpClient(app.url, ip).signIn(`nobody${i}`, 'x');
		expect((await new HttpClient(app.url, ip).signIn('olga', TEST_PASSWORD)).status).toBe(429);
		expect((await new HttpClient(app.url, '10.77.0.2').signIn('olga', TEST_PASSWORD)).status).toBe(201);
		app.clock.advance(16 * MIN);
	});

	it('never throttles successful sign-ins', async () => {
		const c = new HttpClient(app.url, '10.55.0.1');
		for (let i = 0; i < 30; i++) expect((await c.signIn('olga', TEST_PASSWORD)).status).toBe(201);
	});
});

describe('roles', () => {
	it('lets an admin create a user and refuses an officer with 403', async () => {
		const officer = client();
		await officer.signIn('olga', TEST_PASSWORD);
		const body = { username: 'newbie', displayName: 'New Officer', password: 'long enough pw', roles: ['officer'] };
		expect((await officer.postJson('/api/v1/admin/users', body)).status).toBe(403);
		expect((await officer.get('/admin')).status).toBe(403);
		const admin = client();
		await admin.signIn('admin1', TEST_PASSWORD);
		const res = await admin.postJson('/api/v1/admin/users', body);
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ username: 'newbie', roles: ['officer'] });
		expect((await admin.postJson('/api/v1/admin/users', body)).status).toBe(409);
	});

	it('answers bad bodies with 400/413/415/422 and writes nothing', async () => {
		const admin = client();
		await admin.signIn('admin1', TEST_PASSWORD);
		const before = (await app.ctx.db.select().from(users)).length;
		const raw = (body: string, type = 'application/json') =>
			admin.request('/api/v1/admin/users', { method: 'POST', body, headers: { 'content-type': type } });
		expect((await raw('{"username": ')).status).toBe(400);
		expect((await raw('x'.repeat(70_000))).status).toBe(413);
		expect((await raw('username=x', 'text/plain')).status).toBe(415);
		const unknownKey = await admin.postJson('/api/v1/admin/users', {
			username: 'zz',
			displayName: 'Z',
			password: 'long enough pw',
			roles: ['officer'],
			isRoot: true
		});
		expect(unknownKey.status).toBe(422);
		const badRole = await admin.postJson('/api/v1/admin/users', {
			username: 'zz',
			displayName: 'Z',
			password: 'long enough pw',
			roles: ['emperor']
		});
		expect(badRole.status).toBe(422);
		expect(Object.keys(((await badRole.json()) as { fields: object }).fields)).toContain('roles.0');
		const liaison = await admin.postJson('/api/v1/admin/users', {
			username: 'zz',
			displayName: 'Z',
			password: 'long enough pw',
			roles: ['agency_liaison']
		});
		expect(liaison.status).toBe(422);
		expect((await app.ctx.db.select().from(users)).length).toBe(before);
	});
});

describe('second factor', () => {
	it('when an admin makes it mandatory for a role, sign-in requires enrolment, then a code every time', async () => {
		await app.createUser('tot', ['complaint_reviewer']);
		const admin = client();
		await admin.signIn('admin1', TEST_PASSWORD);
		const set = await actionResult(
			await admin.postForm('/admin?/setRoleMfa', { role: 'complaint_reviewer', required: 'true' })
		);
		expect(set.type).toBe('success');

		const c = client();
		expect(await (await c.signIn('tot', TEST_PASSWORD)).json()).toMatchObject({ secondFactor: 'setup' });
		expect((await c.get('/api/v1/me')).status).toBe(401);
		const page = await c.get('/cases');
		expect(page.headers.get('location')).toBe('/login/two-factor/setup');

		const html = await (await c.request('/login/two-factor/setup', { headers: { accept: 'text/html' } })).text();
		const keyText = /data-testid="totp-key"[^>]*>([A-Z2-7]+)</.exec(html)![1]!;
		const { decodeBase32IgnorePadding } = await import('@oslojs/encoding');
		const key = decodeBase32IgnorePadding(keyText);
		const wrong = await actionResult(
			await c.postForm('/login/two-factor/setup', {
				key: keyText,
				code: '000000' === totpAt(key, app.clock.now()) ? '111111' : '000000'
			})
		);
		expect(wrong.status).toBe(400);
		const ok = await actionResult(
			await c.postForm('/login/two-factor/setup', { key: keyText, code: totpAt(key, app.clock.now()) })
		);
		expect(ok.type).toBe('success');
		expect((ok.data as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
		expect((await c.get('/api/v1/me')).status).toBe(200);

		const again = client();
		expect(await (await again.signIn('tot', TEST_PASSWORD)).json()).toMatchObject({ secondFactor: 'verify' });
		expect((await again.get('/api/v1/me')).status).toBe(401);
		const bad = await actionResult(await again.postForm('/login/two-factor', { code: 'abcdef' }));
		expect(bad.status).toBe(400);
		const good = await actionResult(await again.postForm('/login/two-factor', { code: totpAt(key, app.clock.now()) }));
		expect(good.location).toBe('/');
		expect((await again.get('/api/v1/me')).status).toBe(200);
	});
});
