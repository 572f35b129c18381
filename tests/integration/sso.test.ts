/**
 * Single sign-on against a real OpenID provider (the oidc-provider package, started here on port 0)
 * through the real server: sign-in with roles and unit from the directory's claims, sign-out at both
 * ends, and every forged or replayed response refused with nothing signed in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { eq } from 'drizzle-orm';
import { CLIENT_IP_HEADER, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { users } from '../../src/lib/server/db/schema';
import { decodePending, encodePending } from '../../src/lib/server/auth/oidc';
import { untranslatedWords } from '../helpers/latin-words';

const CLIENT_ID = 'merzim-test';
const CLIENT_SECRET = 'ops-sso-client-secret-0123456789';
/** The directory: login name → claims. */
const DIRECTORY: Record<string, Record<string, unknown>> = {
	'ops-sso-officer': { roles: ['merzim-heads', 'unrelated-group'], department: 'Dual-use goods', name: 'Aigerim S.' },
	'ops-sso-stranger': { roles: ['merzim-officers'], department: 'Export control', name: 'Not In Merzim' },
	'ops-sso-disabled': { roles: ['merzim-officers'] },
	'ops-sso-norole': { roles: ['staff-canteen'] }
};

let app: TestApp;
let idp: Server;
let issuer = '';
/** When set, the provider's token answers get their ID token's payload rewritten (signature kept). */
let tamper: ((payload: Record<string, unknown>) => void) | null = null;

beforeAll(async () => {
	idp = createServer();
	await new Promise<void>((ok) => idp.listen(0, '127.0.0.1', ok));
	issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
	app = await startTestApp({
		OIDC_ISSUER: issuer,
		OIDC_CLIENT_ID: CLIENT_ID,
		OIDC_CLIENT_SECRET: CLIENT_SECRET,
		OIDC_ROLE_MAP: 'merzim-heads=head, merzim-officers=officer',
		OIDC_ALLOW_HTTP: 'true',
		LOCAL_PASSWORD_DISABLED_ROLES: 'supervisor'
	});
	await app.createUser('ops-sso-officer', ['officer']);
	const disabled = await app.createUser('ops-sso-disabled', ['officer']);
	await app.ctx.users.setDisabled(disabled, true, { userId: null, label: 'test' });
	await app.createUser('ops-sso-norole', ['officer']);
	await app.createUser('ops-sso-super', ['supervisor']);

	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: CLIENT_ID,
				client_secret: CLIENT_SECRET,
				redirect_uris: [`${app.url}/login/sso/callback`],
				post_logout_redirect_uris: [`${app.url}/login`],
				grant_types: ['authorization_code'],
				response_types: ['code']
			}
		],
		claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'roles', 'department'] },
		conformIdTokenClaims: false,
		pkce: { required: () => true },
		features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
		cookies: { keys: ['ops-sso-cookie-key'] },
		findAccount: (_ctx, id) => ({
			accountId: id,
			claims: () => ({ sub: id, preferred_username: id, ...DIRECTORY[id] })
		})
	});
	const callback = provider.callback();
	idp.on('request', (req: IncomingMessage, res: ServerResponse) => {
		if (tamper && req.url?.startsWith('/token')) rewriteIdToken(res, tamper);
		void callback(req, res);
	});
});

afterAll(async () => {
	await app?.close();
	idp?.closeAllConnections();
	await new Promise((ok) => idp?.close(ok));
});

/** A browser's cookie jar over both origins (cookies do not tell ports apart). */
class Browser {
	jar = new Map<string, string>();
	async go(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
		const headers: Record<string, string> = { [CLIENT_IP_HEADER]: '10.21.4.1', ...init.headers };
		if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const res = await fetch(url, { method: init.method ?? 'GET', body: init.body, headers, redirect: 'manual' });
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const i = pair!.indexOf('=');
			const name = pair!.slice(0, i).trim();
			const value = pair!.slice(i + 1);
			const gone = value === '' || attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a));
			if (gone) this.jar.delete(name);
			else this.jar.set(name, value);
		}
		return res;
	}
}

const locationOf = (res: Response, base: string) => new URL(res.headers.get('location')!, base).href;

/** Goes through the provider as `login` up to the moment it sends the browser back; returns that URL. */
async function throughProvider(browser: Browser, login: string): Promise<{ authorizeUrl: URL; callbackUrl: string }> {
	const start = await browser.go(`${app.url}/login/sso`);
	expect(start.status).toBe(302);
	const authorizeUrl = new URL(locationOf(start, app.url));
	let url = authorizeUrl.href;
	for (let step = 0; step < 12; step++) {
		if (url.startsWith(`${app.url}/login/sso/callback`)) return { authorizeUrl, callbackUrl: url };
		const res = await browser.go(url);
		if (res.status >= 300 && res.status < 400) {
			url = locationOf(res, url);
			continue;
		}
		const html = await res.text();
		expect(res.status, html).toBe(200);
		const action = new URL(/action="([^"]+)"/.exec(html)![1]!, url).href;
		const prompt = /name="prompt" value="(\w+)"/.exec(html)![1]!;
		const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
		const posted = await browser.go(action, {
			method: 'POST',
			body: body.toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		url = locationOf(posted, action);
	}
	throw new Error('the provider did not send the browser back');
}

const me = (browser: Browser) => browser.go(`${app.url}/api/v1/me`, { headers: { accept: 'application/json' } });

describe('single sign-on', () => {
	it('asks the provider with PKCE (S256), state and nonce', async () => {
		const { authorizeUrl } = await throughProvider(new Browser(), 'ops-sso-officer');
		expect(authorizeUrl.origin).toBe(issuer);
		expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
		expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(authorizeUrl.searchParams.get('state')).toBeTruthy();
		expect(authorizeUrl.searchParams.get('nonce')).toBeTruthy();
	});

	it('signs in, taking roles and unit from the directory', async () => {
		const browser = new Browser();
		const { callbackUrl } = await throughProvider(browser, 'ops-sso-officer');
		const back = await browser.go(callbackUrl);
		expect(back.status).toBe(303);
		expect(back.headers.get('location')).toBe('/');
		const res = await me(browser);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { username: string; roles: string[] };
		expect(body.username).toBe('ops-sso-officer');
		expect(body.roles).toEqual(['head']); // merzim-heads → head; the unmapped group ignored
		const [row] = await app.ctx.db.select().from(users).where(eq(users.username, 'ops-sso-officer'));
		expect(row!.unit).toBe('Dual-use goods');

		// Replaying the same callback: its cookie is spent, nothing is exchanged.
		const again = await browser.go(callbackUrl);
		expect(again.status).toBe(400);
		expect(((await again.json()) as { code: string }).code).toBe('no-pending-sign-in');
	});

	it('signs out here and sends the browser to end the session at the provider', async () => {
		const browser = new Browser();
		expect((await browser.go((await throughProvider(browser, 'ops-sso-officer')).callbackUrl)).status).toBe(303);
		expect((await me(browser)).status).toBe(200);
		const out = await browser.go(`${app.url}/logout/sso`, { method: 'POST', headers: { origin: app.url } });
		expect(out.status).toBe(200);
		const target = new URL(/url=([^"]+)"/.exec(await out.text())![1]!.replace(/&amp;/g, '&'));
		expect(target.origin).toBe(issuer);
		expect(target.searchParams.get('client_id')).toBe(CLIENT_ID);
		expect(target.searchParams.get('post_logout_redirect_uri')).toBe(`${app.url}/login`);
		expect((await me(browser)).status).toBe(401);
		expect((await browser.go(target.href)).status).toBe(200); // the provider's own sign-out page
	});

	it('refuses a replayed callback even with the pending-sign-in cookie copied from the first browser', async () => {
		const first = new Browser();
		const { callbackUrl } = await throughProvider(first, 'ops-sso-officer');
		const stolen = new Map(first.jar);
		expect((await first.go(callbackUrl)).status).toBe(303);
		// Another browser replays the same answer (state, code) with the cookie as it was: the code is spent.
		const thief = new Browser();
		thief.jar = stolen;
		const again = await thief.go(callbackUrl);
		expect(again.status).toBe(403);
		expect(((await again.json()) as { code: string }).code).toBe('invalid-response');
		expect((await me(thief)).status).toBe(401);
	});

	it('refuses a tampered ID token (its signature no longer matches)', async () => {
		const browser = new Browser();
		const { callbackUrl } = await throughProvider(browser, 'ops-sso-norole');
		tamper = (p) => {
			p.preferred_username = 'ops-sso-officer';
		};
		try {
			const back = await browser.go(callbackUrl);
			expect(back.status).toBe(403);
			expect(((await back.json()) as { code: string }).code).toBe('invalid-response');
		} finally {
			tamper = null;
		}
		expect((await me(browser)).status).toBe(401);
	});

	it('refuses a response whose state, nonce or PKCE verifier does not match what was sent', async () => {
		for (const forge of ['state', 'nonce', 'verifier'] as const) {
			const browser = new Browser();
			const { callbackUrl } = await throughProvider(browser, 'ops-sso-officer');
			const pending = decodePending(browser.jar.get('merzim_sso'))!;
			if (forge === 'state') {
				const url = new URL(callbackUrl);
				url.searchParams.set('state', 'forged-state');
				const back = await browser.go(url.href);
				expect(back.status, forge).toBe(403);
			} else {
				const other = forge === 'nonce' ? { nonce: 'forged-nonce' } : { verifier: 'x'.repeat(43) };
				browser.jar.set('merzim_sso', encodePending({ ...pending, ...other }));
				const back = await browser.go(callbackUrl);
				expect(back.status, forge).toBe(403);
			}
			expect((await me(browser)).status, forge).toBe(401);
		}
	});

	it('refuses someone without a Merzim account (no JIT provisioning), a deactivated account and no mapped role', async () => {
		for (const [login, code] of [
			['ops-sso-stranger', 'no-account'],
			['ops-sso-disabled', 'disabled'],
			['ops-sso-norole', 'no-role']
		] as const) {
			const browser = new Browser();
			const back = await browser.go((await throughProvider(browser, login)).callbackUrl);
			expect(back.status, login).toBe(403);
			expect(((await back.json()) as { code: string }).code).toBe(code);
			expect((await me(browser)).status).toBe(401);
		}
		expect(await app.ctx.db.select().from(users).where(eq(users.username, 'ops-sso-stranger'))).toEqual([]);
	});

	it('refuses in Kazakh or Russian (locale cookie, or Accept-Language), keeping the code', async () => {
		const seen = new Map<string, string>();
		for (const [login, code, lang, via] of [
			['ops-sso-stranger', 'no-account', 'kk', 'cookie'],
			['ops-sso-norole', 'no-role', 'ru', 'accept-language'],
			['ops-sso-disabled', 'disabled', 'kk', 'accept-language']
		] as const) {
			const browser = new Browser();
			if (via === 'cookie') browser.jar.set('PARAGLIDE_LOCALE', lang);
			const headers: Record<string, string> =
				via === 'accept-language' ? { 'accept-language': `${lang},en;q=0.5` } : {};
			const { callbackUrl } = await throughProvider(browser, login);
			const back = await browser.go(callbackUrl, { headers });
			expect(back.status, login).toBe(403);
			expect(back.headers.get('cache-control')).toBe('no-store');
			const body = (await back.json()) as { code: string; message: string; error: string };
			expect(body.code).toBe(code);
			expect(body.message).toMatch(/\p{Script=Cyrillic}/u);
			expect(untranslatedWords(body.message), body.message).toEqual([]);
			expect(body.message).not.toContain(login); // the details go to the log only
			expect(body.error).toBe(body.message);
			seen.set(`${code} ${lang}`, body.message);
			// The callback again: its pending sign-in is spent, refused in the same language.
			const again = (await (await browser.go(callbackUrl, { headers })).json()) as { code: string; message: string };
			expect(again.code).toBe('no-pending-sign-in');
			expect(untranslatedWords(again.message), again.message).toEqual([]);
			seen.set(`no-pending-sign-in ${lang}`, again.message);
			expect((await me(browser)).status).toBe(401);
		}
		// Each language its own text, and English without the locale.
		expect(seen.get('no-pending-sign-in kk')).not.toBe(seen.get('no-pending-sign-in ru'));
		const english = new Browser();
		const { callbackUrl } = await throughProvider(english, 'ops-sso-stranger');
		const body = (await (await english.go(callbackUrl, { headers: { 'accept-language': 'en' } })).json()) as {
			code: string;
			message: string;
		};
		expect(body).toMatchObject({ code: 'no-account', message: expect.stringMatching(/^The directory knows you/) });
	});

	it('keeps a role whose local passwords are off from signing in with a password', async () => {
		const http = new HttpClient(app.url, '10.21.3.1');
		const res = await http.signIn('ops-sso-super', TEST_PASSWORD);
		expect(res.status).toBe(403);
		expect(((await res.json()) as { error: string }).error).toMatch(/single sign-on/);
		expect((await new HttpClient(app.url, '10.21.3.2').signIn('ops-sso-officer', TEST_PASSWORD)).status).toBe(201);
	});
});

/** Rewrites the ID token in a token endpoint answer: payload changed, header and signature kept. */
function rewriteIdToken(res: ServerResponse, change: (payload: Record<string, unknown>) => void) {
	const end = res.end.bind(res);
	const chunks: Buffer[] = [];
	const write = res.write.bind(res);
	res.write = ((chunk: Buffer | string) => {
		chunks.push(Buffer.from(chunk));
		return true;
	}) as typeof res.write;
	res.end = ((chunk?: Buffer | string) => {
		if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id_token?: string };
		if (body.id_token) {
			const [h, p, s] = body.id_token.split('.');
			const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
			change(payload);
			body.id_token = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
		}
		const out = Buffer.from(JSON.stringify(body));
		if (!res.headersSent) res.setHeader('content-length', out.length);
		void write;
		return end(out);
	}) as typeof res.end;
}
