/**
 * With MERZIM_CLOCK=simulated the training clock moves the legal deadlines only: sessions (and the
 * sign-in throttle and second-factor codes) keep real time, so moving it signs nobody out.
 * Real HTTP against the built app, on PGlite or PostgreSQL (DATABASE_URL).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { startServer, type RunningServer } from '../../server/app';
import { createTestDb } from '../helpers/test-db';
import { CLIENT_IP_HEADER, TEST_PASSWORD } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';

let ctx: AppContext;
let server: RunningServer;
let closeDb: () => Promise<void>;

beforeAll(async () => {
	process.env.ADDRESS_HEADER = CLIENT_IP_HEADER;
	const dbHandle = await createTestDb();
	closeDb = () => dbHandle.close();
	ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent', MERZIM_CLOCK: 'simulated' }), {
		dbHandle
	});
	server = await startServer(ctx, { port: 0, host: '127.0.0.1' });
	await ctx.users.create(
		{ username: 'trainer', displayName: 'Trainer', password: TEST_PASSWORD, roles: ['admin'] },
		{ userId: null, label: 'test' }
	);
});
afterAll(async () => {
	await server.close();
	await closeDb();
});

it('moving the simulated clock days ahead does not end the staff sessions', async () => {
	const admin = new HttpClient(server.url, '10.3.0.1');
	expect((await admin.signIn('trainer', TEST_PASSWORD)).status).toBe(201);
	const trainee = new HttpClient(server.url, '10.3.0.2');
	expect((await trainee.signIn('trainer', TEST_PASSWORD)).status).toBe(201);

	const to = new Date(ctx.clock.now().getTime() + 3 * 24 * 3_600_000).toISOString();
	const moved = await admin.postJson('/api/v1/admin/clock', { now: to });
	expect(moved.status).toBe(200);
	expect(ctx.clock.now().toISOString()).toBe(to);

	expect((await admin.get('/api/v1/me')).status).toBe(200);
	expect((await trainee.get('/api/v1/me')).status).toBe(200);
});
