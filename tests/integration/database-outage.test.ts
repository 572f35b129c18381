/**
 * The database out of reach while the server runs: a proxy the test owns stands between the app and
 * its database (PostgreSQL, or the embedded PGlite's socket) and is cut, as a PostgreSQL shutting
 * down is. Every request is then answered 503 with Retry-After and the error model's body
 * (`database-unavailable`, ADR-031) — from a route, from the session hook, for a page and for the
 * portal — and not 500; nothing is registered twice or half; the process survives; once the
 * database is back the same requests succeed without restarting anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { createDb } from '../../src/lib/server/db/client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/lib/server/db/embedded-postgres';
import { cases } from '../../src/lib/server/db/schema';
import { startServer, type RunningServer } from '../../server/app';
import { startCuttableProxy, type CuttableProxy } from '../helpers/cuttable-proxy';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';
import { importApplication } from '../helpers/import-application';

const adminUrl = process.env.DATABASE_URL;
const name = `merzim_outage_${process.pid}`;
let embedded: EmbeddedPostgres | null = null;
let proxy: CuttableProxy;
let ctx: AppContext;
let server: RunningServer;
let cookie: string;
let portal: string;

beforeAll(async () => {
	let db: string;
	if (usingPostgres) {
		const direct = new URL(await recreateDatabase(adminUrl!, name));
		proxy = await startCuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
		db = Object.assign(direct, { hostname: '127.0.0.1', port: String(proxy.port) }).toString();
	} else {
		embedded = await startEmbeddedPostgres('memory://');
		proxy = await startCuttableProxy({ path: `${embedded.socketDir}/.s.PGSQL.${embedded.port}` });
		db = `postgres://postgres@127.0.0.1:${proxy.port}/postgres`;
	}
	// PGlite serves one session at a time: one connection (as createDb gives it).
	const dbHandle = await createDb({ url: db, poolSize: usingPostgres ? 4 : 1 });
	ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), { dbHandle });
	const system = { userId: null, label: 'test' };
	const admin = await ctx.users.create(
		{ username: 'admin', displayName: 'Admin', password: 'outage test password', roles: ['admin'] },
		system
	);
	cookie = `merzim_session=${(await ctx.sessions.create(admin, { kind: 'staff', twoFactorVerified: true })).token}`;
	portal = (await ctx.tokens.issue({ name: 'portal', kind: 'portal' }, system)).token;
	// The scheduler runs too: its reads fail during the outage and must not end the process.
	server = await startServer(ctx, { port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
	await proxy?.restore().catch(() => {});
	await server?.close();
	await ctx?.dbHandle.close();
	await proxy?.close();
	await embedded?.close();
	if (usingPostgres) await dropDatabase(adminUrl!, name);
});

const health = () => fetch(`${server.url}/api/v1/health`, { headers: { accept: 'application/json' } });
const me = () => fetch(`${server.url}/api/v1/me`, { headers: { cookie, accept: 'application/json' } });
const page = () => fetch(`${server.url}/`, { headers: { cookie, accept: 'text/html', 'accept-language': 'ru' } });
const apply = (body: string) =>
	fetch(`${server.url}/api/v1/applications`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${portal}`,
			'content-type': 'application/json',
			'idempotency-key': 'outage-1',
			accept: 'application/json'
		},
		body
	});

async function expectUnavailable(r: Response) {
	expect(r.status).toBe(503);
	expect(r.headers.get('retry-after')).toBe('5');
	return r;
}

describe('a request while the database cannot be reached', () => {
	const application = JSON.stringify(importApplication('OUTAGE-1', new Date()));

	it('is answered as usual while the database answers', async () => {
		expect((await health()).status).toBe(200);
		expect((await me()).status).toBe(200);
	});

	it('is answered 503 with Retry-After and a body in the error model, never 500', async () => {
		await proxy.cut();
		// A route's own query (the health check) and the session read of the hooks.
		const fromRoute = await expectUnavailable(await health());
		expect(await fromRoute.json()).toMatchObject({
			code: 'database-unavailable',
			message: expect.stringContaining('Try again in 5 seconds')
		});
		const fromHook = await expectUnavailable(await me());
		expect(await fromHook.json()).toMatchObject({ code: 'database-unavailable' });
		// A page: the message in the page's language.
		const html = await expectUnavailable(await page());
		expect(html.headers.get('content-type')).toMatch(/text\/html/);
		expect(await html.text()).toContain('База данных сейчас недоступна');
		// The portal's application, authenticated by its token.
		const refused = await expectUnavailable(await apply(application));
		expect(await refused.json()).toMatchObject({ code: 'database-unavailable' });
	});

	it('succeeds again once the database is back, on the same process, nothing registered twice', async () => {
		await new Promise((r) => setTimeout(r, 1500)); // the scheduler's reads fail meanwhile
		await proxy.restore();
		let status = 0;
		for (let i = 0; i < 40 && status !== 200; i++) {
			status = (await health()).status;
			if (status !== 200) await new Promise((r) => setTimeout(r, 250));
		}
		expect(status).toBe(200);
		expect((await me()).status).toBe(200);
		expect((await page()).status).toBeLessThan(400);
		const created = await apply(application);
		expect(created.status).toBe(201);
		const again = await apply(application); // the portal's retry of the same request
		expect(again.status).toBeLessThan(300);
		const rows = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.externalId, 'OUTAGE-1'));
		expect(rows).toHaveLength(1);
	});
});
