/**
 * Hardening of sign-in and request authentication, over real HTTP against the built app and a real
 * database (PGlite, or PostgreSQL when DATABASE_URL is set): redirects after sign-in, the Origin
 * check and its exemption for bearer tokens, guessing of passwords and codes without locking the
 * owner out, and changes of the second factor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { users } from '../../src/lib/server/db/schema';
import { newTotpKey, totpAt, totpKeyText } from '../../src/lib/server/auth/totp';

let app: TestApp;
let portalToken: string;

beforeAll(async () => {
	app = await startTestApp();
	await app.createUser('sec-officer', ['officer']);
	await app.createUser('sec-admin', ['admin']);
	portalToken = (await app.ctx.tokens.issue({ name: 'test portal', kind: 'portal' }, { userId: null, label: 'test' }))
		.token;
});
afterAll(() => app.close());

let ipCounter = 0;
const client = (origin?: string | null) => new HttpClient(app.url, `10.20.${++ipCounter % 250}.${ipCounter}`, origin);

describe('redirect after sign-in', () => {
	// A TAB or newline inside the path is dropped by browsers, so "/\t/evil.example" becomes
	// "//evil.example", another host.
	const hostile = [
		'/\t/evil.example',
		'/\n/evil.example',
		'//evil.example',
		'/\\evil.example',
		'https://evil.example/'
	];

	it('follows no `next` that leaves the origin, from the sign-in form', async () => {
		for (const next of hostile) {
			const res = await client().postForm(`/login?next=${encodeURIComponent(next)}`, {
				username: 'sec-officer',
				password: TEST_PASSWORD
			});
			expect((await actionResult(res)).location, JSON.stringify(next)).toBe('/');
		}
	});

	it('follows no `next` that leaves the origin, for a user already signed in', async () => {
		const c = client();
		await c.signIn('sec-officer', TEST_PASSWORD);
		for (const next of hostile) {
			const res = await c.get(`/login?next=${encodeURIComponent(next)}`);
			expect(res.status).toBe(303);
			expect(res.headers.get('location'), JSON.stringify(next)).toBe('/');
		}
	});

	it('still follows a same-origin path with its query', async () => {
		const res = await client().postForm(`/login?next=${encodeURIComponent('/cases?status=open')}`, {
			username: 'sec-officer',
			password: TEST_PASSWORD
		});
		expect((await actionResult(res)).location).toBe('/cases?status=open');
	});
});

describe('Origin check and bearer tokens', () => {
	const newUser = (username: string) => ({
		username,
		displayName: 'Made cross-site',
		password: 'long enough pw',
		roles: ['officer']
	});
	const userExists = async (username: string) =>
		(await app.ctx.db.select().from(users).where(eq(users.username, username))).length > 0;

	it('refuses a cross-site write with the session cookie even when it carries a junk bearer header', async () => {
		const admin = client();
		await admin.signIn('sec-admin', TEST_PASSWORD);
		admin.origin = 'https://evil.example';
		const res = await admin.postJson('/api/v1/admin/users', newUser('csrf-junk'), { authorization: 'Bearer junk' });
		expect(res.status).toBe(403);
		expect(await userExists('csrf-junk')).toBe(false);
	});

	it('refuses a cross-site write with the session cookie even when it carries a valid token', async () => {
		const admin = client();
		await admin.signIn('sec-admin', TEST_PASSWORD);
		admin.origin = 'https://evil.example';
		const res = await admin.postJson('/api/v1/admin/users', newUser('csrf-valid'), {
			authorization: `Bearer ${portalToken}`
		});
		expect(res.status).toBe(403);
		expect(await userExists('csrf-valid')).toBe(false);
	});

	it('answers an integration call without any credentials with 401 "a bearer token is required"', async () => {
		const res = await client(null).postJson('/api/v1/applications', {});
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toBe('Bearer');
		expect(((await res.json()) as { error: string }).error).toMatch(/a bearer token is required/i);
	});

	it('answers an invalid token without a cookie with 401, from any origin', async () => {
		for (const origin of [null, 'https://evil.example']) {
			const res = await client(origin).postJson('/api/v1/applications', {}, { authorization: 'Bearer junk' });
			expect(res.status).toBe(401);
		}
	});

	it('lets a valid token without a cookie through without an Origin header', async () => {
		const res = await client(null).postJson('/api/v1/applications', {}, { authorization: `Bearer ${portalToken}` });
		// Past authentication: the empty body is refused by the schema, not by the Origin check.
		expect(res.status).toBe(422);
	});

	it('still refuses a sign-in from another origin (login CSRF)', async () => {
		expect((await client('https://evil.example').signIn('sec-officer', TEST_PASSWORD)).status).toBe(403);
		const form = await client('https://evil.example').postForm('/login', {
			username: 'sec-officer',
			password: TEST_PASSWORD
		});
		expect(form.status).toBe(403);
	});
});

const MIN = 60_000;

/** Gives `username` an authenticator app directly in the database; returns its key. */
async function enrolTotp(username: string): Promise<Uint8Array> {
	const [u] = await app.ctx.db.select().from(users).where(eq(users.username, username));
	const key = newTotpKey();
	await app.ctx.users.setTotpKey(u!.id, key, { userId: null, label: 'test' });
	return key;
}

/** Signs in with password and code; returns the client with a fully verified session. */
async function signInWithCode(username: string, key: Uint8Array) {
	const c = client();
	expect(await (await c.signIn(username, TEST_PASSWORD)).json()).toMatchObject({ secondFactor: 'verify' });
	const res = await actionResult(await c.postForm('/login/two-factor', { code: totpAt(key, app.clock.now()) }));
	expect(res.location).toBe('/');
	return c;
}

const wrongCode = (key: Uint8Array) => {
	const right = totpAt(key, app.clock.now());
	return right === '000000' ? '111111' : '000000';
};

describe('second-factor guessing', () => {
	it('counts wrong codes across sign-ins (a correct password does not reset them) and locks after 5', async () => {
		await app.createUser('sec-totp', ['officer']);
		const key = await enrolTotp('sec-totp');
		const statuses: number[] = [];
		let last: { status: number; data?: unknown } = { status: 0 };
		for (let i = 0; i < 7; i++) {
			const c = client();
			expect((await c.signIn('sec-totp', TEST_PASSWORD)).status).toBe(201);
			last = await actionResult(await c.postForm('/login/two-factor', { code: wrongCode(key) }));
			statuses.push(last.status);
		}
		expect(statuses).toEqual([400, 400, 400, 400, 429, 429, 429]);
		// The user is told why, and for how long.
		expect(last.data).toMatchObject({ message: expect.stringMatching(/locked for \d+ minute/) });

		// While locked, even the right code is refused, on a new sign-in too.
		const c = client();
		await c.signIn('sec-totp', TEST_PASSWORD);
		const refused = await actionResult(await c.postForm('/login/two-factor', { code: totpAt(key, app.clock.now()) }));
		expect(refused.status).toBe(429);
		expect((await c.get('/api/v1/me')).status).toBe(401);

		app.clock.advance(16 * MIN);
		await signInWithCode('sec-totp', key);
	});
});

describe('lockout as a weapon', () => {
	it('a browser that signed in before still gets in while others guess the password', async () => {
		await app.createUser('sec-head', ['head']);
		const owner = client();
		expect((await owner.signIn('sec-head', TEST_PASSWORD)).status).toBe(201);
		expect(owner.cookies.has('merzim_device')).toBe(true);
		owner.cookies.delete('merzim_session');

		for (let i = 0; i < 12; i++) await client().signIn('sec-head', 'guessed wrong');
		// An unknown browser, even with the right password, waits …
		const stranger = await client().signIn('sec-head', TEST_PASSWORD);
		expect(stranger.status).toBe(429);
		// … the owner's browser does not.
		expect((await owner.signIn('sec-head', TEST_PASSWORD)).status).toBe(201);
		app.clock.advance(31 * MIN);
	});

	it('makes unknown browsers wait longer with each failure past the limit, not a fixed lockout', async () => {
		await app.createUser('sec-grow', ['officer']);
		for (let i = 0; i < 5; i++) expect((await client().signIn('sec-grow', 'wrong')).status).toBe(401);
		const first = await client().signIn('sec-grow', TEST_PASSWORD);
		expect(first.status).toBe(429);
		expect(Number(first.headers.get('retry-after'))).toBeLessThanOrEqual(60);
		app.clock.advance(61_000);
		expect((await client().signIn('sec-grow', 'wrong')).status).toBe(401);
		const second = Number((await client().signIn('sec-grow', TEST_PASSWORD)).headers.get('retry-after'));
		expect(second).toBeGreaterThan(60);
		expect(second).toBeLessThanOrEqual(120);
		app.clock.advance(121_000);
		expect((await client().signIn('sec-grow', TEST_PASSWORD)).status).toBe(201);
	});

	it('does not refuse a known browser behind an IP address that failed many times', async () => {
		const ip = '10.99.0.1';
		const owner = new HttpClient(app.url, ip);
		expect((await owner.signIn('sec-officer', TEST_PASSWORD)).status).toBe(201);
		owner.cookies.delete('merzim_session');
		for (let i = 0; i < 25; i++) await new HttpClient(app.url, ip).signIn(`nobody-${i}`, 'x');
		expect((await new HttpClient(app.url, ip).signIn('sec-officer', TEST_PASSWORD)).status).toBe(429);
		expect((await owner.signIn('sec-officer', TEST_PASSWORD)).status).toBe(201);
		app.clock.advance(31 * MIN);
	});

	it('locks a known browser that itself fails too often, leaving it an unknown one', async () => {
		await app.createUser('sec-dev', ['officer']);
		const owner = client();
		await owner.signIn('sec-dev', TEST_PASSWORD);
		owner.cookies.delete('merzim_session');
		for (let i = 0; i < 5; i++) expect((await owner.signIn('sec-dev', 'wrong')).status).toBe(401);
		expect((await owner.signIn('sec-dev', TEST_PASSWORD)).status).toBe(429);
		app.clock.advance(31 * MIN);
	});
});

describe('changing or removing the second factor', () => {
	it('removing needs the password or a current code, and ends the other sessions', async () => {
		await app.createUser('sec-rm', ['officer']);
		const key = await enrolTotp('sec-rm');
		const here = await signInWithCode('sec-rm', key);
		const elsewhere = await signInWithCode('sec-rm', key);
		const hasTotp = async () =>
			(await app.ctx.db.select().from(users).where(eq(users.username, 'sec-rm')))[0]!.totpKey !== null;

		expect((await actionResult(await here.postForm('/account?/removeSecondFactor', {}))).status).toBe(400);
		const wrong = await here.postForm('/account?/removeSecondFactor', { current: 'not my password' });
		expect((await actionResult(wrong)).status).toBe(400);
		expect(await hasTotp()).toBe(true);

		const ok = await actionResult(await here.postForm('/account?/removeSecondFactor', { current: TEST_PASSWORD }));
		expect(ok.type).toBe('success');
		expect(await hasTotp()).toBe(false);
		expect((await here.get('/api/v1/me')).status).toBe(200);
		expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
	});

	it('replacing the authenticator needs the password or a current code, and ends the other sessions', async () => {
		await app.createUser('sec-swap', ['officer']);
		const key = await enrolTotp('sec-swap');
		const here = await signInWithCode('sec-swap', key);
		const elsewhere = await signInWithCode('sec-swap', key);
		const next = newTotpKey();
		const form = { key: totpKeyText(next), code: totpAt(next, app.clock.now()) };
		const storedKey = async () =>
			Buffer.from((await app.ctx.db.select().from(users).where(eq(users.username, 'sec-swap')))[0]!.totpKey!);

		const refused = await actionResult(await here.postForm('/login/two-factor/setup', form));
		expect(refused.status).toBe(400);
		expect((await storedKey()).equals(Buffer.from(key))).toBe(true);

		const ok = await actionResult(
			await here.postForm('/login/two-factor/setup', { ...form, current: totpAt(key, app.clock.now()) })
		);
		expect(ok.type).toBe('success');
		expect((ok.data as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
		expect((await storedKey()).equals(Buffer.from(next))).toBe(true);
		expect((await here.get('/api/v1/me')).status).toBe(200);
		expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
	});
});

describe('what answers give away', () => {
	it('marks token-authenticated answers Cache-Control: no-store', async () => {
		const mfa = (await app.ctx.tokens.issue({ name: 'test mfa', kind: 'mfa' }, { userId: null, label: 'test' })).token;
		const list = await client(null).request('/api/v1/mfa-checks?status=pending', {
			headers: { authorization: `Bearer ${mfa}` }
		});
		expect(list.status).toBe(200);
		expect(list.headers.get('cache-control')).toMatch(/no-store/);
		const write = await client(null).postJson('/api/v1/applications', {}, { authorization: `Bearer ${portalToken}` });
		expect(write.headers.get('cache-control')).toMatch(/no-store/);
	});

	it("does not show the admin's override reasons to anonymous callers of the calendar", async () => {
		const admin = client();
		await admin.signIn('sec-admin', TEST_PASSWORD);
		const secret = 'Internal memo 17/3: server room move';
		const set = await admin.request('/api/v1/calendar/overrides/2026-03-27', {
			method: 'PUT',
			body: JSON.stringify({ kind: 'day_off', reason: secret }),
			headers: { 'content-type': 'application/json' }
		});
		expect(set.status).toBe(200);
		const anonymous = await client(null).get('/api/v1/calendar/2026');
		expect(anonymous.status).toBe(200);
		const body = (await anonymous.json()) as { nonWorkingDays: { date: string; kind: string }[] };
		expect(JSON.stringify(body)).not.toContain(secret);
		expect(body.nonWorkingDays).toContainEqual(expect.objectContaining({ date: '2026-03-27', kind: 'override' }));
		expect(await (await admin.get('/api/v1/calendar/2026')).text()).toContain(secret);
	});
});
