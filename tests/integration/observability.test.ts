/**
 * Request ids, metrics, health and readiness of a real server (built handler, real database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { openSocket } from '../helpers/draft-clients';
import { auditEvents } from '../../src/lib/server/db/schema';
import { createReadiness } from '../../server/readiness';
import type { AppContext } from '../../src/lib/server/context';

const TOKEN = 'ops-metrics-token-0123456789';
let app: TestApp;
let officerId: number;

beforeAll(async () => {
	app = await startTestApp({ METRICS_TOKEN: TOKEN }, { metricsPort: 0 });
	officerId = await app.createUser('ops-officer', ['officer']);
});
afterAll(() => app?.close());

describe('request ids', () => {
	it('answers every request with an X-Request-Id, and the audit rows it wrote carry it', async () => {
		const http = new HttpClient(app.url, '10.21.0.1');
		const res = await http.signIn('ops-officer', TEST_PASSWORD);
		expect(res.status).toBe(201);
		const id = res.headers.get('x-request-id');
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		const rows = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `user:${officerId}`), eq(auditEvents.type, 'signed-in')));
		expect(rows.map((r) => r.requestId)).toContain(id);
		expect((await http.get('/queue')).headers.get('x-request-id')).not.toBe(id);
	});

	it("keeps a proxy's plain request id and replaces one that is not plain", async () => {
		const given = await fetch(app.url + '/healthz', { headers: { 'x-request-id': 'lb-7f3a.42' } });
		expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42');
		const odd = await fetch(app.url + '/healthz', { headers: { 'x-request-id': 'a b<script>' } });
		expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('health and readiness', () => {
	it('/healthz says the process is alive', async () => {
		const res = await fetch(app.url + '/healthz');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: 'alive' });
	});

	it('/readyz checks the database and its migrations, and the scheduler', async () => {
		const res = await fetch(app.url + '/readyz');
		const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; detail?: string }> };
		expect(res.status).toBe(200);
		expect(body.checks.database!.ok).toBe(true);
		expect(body.checks.database!.detail).toMatch(/migrations applied/);
		expect(body.checks.scheduler!.ok).toBe(true);
	});

	it('/readyz checks Redis when it is configured: ready while it answers, not ready naming it when not', async () => {
		// The same checks with REDIS_URL set (the server's own config has none here).
		const withRedis = (redisUrl: string) =>
			createReadiness({ ...app.ctx, config: { ...app.ctx.config, redisUrl } } as AppContext, {
				schedulerExpected: true,
				draining: () => false
			});
		const up = withRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
		try {
			const ready = await up.check();
			expect(ready.checks.redis).toEqual({ ok: true });
			expect(ready.ready).toBe(true);
		} finally {
			await up.close();
		}
		const down = withRedis('redis://127.0.0.1:9'); // nothing listens on the discard port
		try {
			const notReady = await down.check();
			expect(notReady.ready).toBe(false);
			expect(notReady.checks.redis!.ok).toBe(false);
			expect(notReady.checks.redis!.detail).toMatch(/^unreachable/);
			expect(notReady.checks.database!.ok).toBe(true);
		} finally {
			await down.close();
		}
	});

	it('/readyz answers 503 naming the scheduler when it stopped', async () => {
		await app.ctx.scheduler.stop();
		try {
			const res = await fetch(app.url + '/readyz');
			expect(res.status).toBe(503);
			const body = (await res.json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
			expect(body.checks.scheduler).toEqual({ ok: false, detail: 'not running' });
		} finally {
			app.ctx.scheduler.start();
		}
	});
});

describe('metrics', () => {
	it('are refused on the main port without the token, or with a wrong one', async () => {
		const none = await fetch(app.url + '/metrics');
		expect(none.status).toBe(401);
		expect(((await none.json()) as { code: string }).code).toBe('metrics_token_required');
		const wrong = await fetch(app.url + '/metrics', {
			headers: { authorization: 'Bearer ops-metrics-token-0123456788' }
		});
		expect(wrong.status).toBe(401);
	});

	it('are served with the token: request durations by route and status, sockets by role, clocks, lag', async () => {
		const http = new HttpClient(app.url, '10.21.0.2');
		expect((await http.signIn('ops-officer', TEST_PASSWORD)).status).toBe(201);
		expect((await http.get('/api/v1/me')).status).toBe(200);
		const socket = openSocket(app.url, http.cookieHeader());
		await new Promise<void>((ok, fail) => {
			socket.once('connect', () => ok());
			socket.once('connect_error', fail);
		});
		try {
			const res = await fetch(app.url + '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
			expect(res.status).toBe(200);
			const text = await res.text();
			expect(text).toMatch(
				/merzim_http_request_duration_seconds_count\{route="\/api\/v1\/me",method="GET",status="200"\} 1/
			);
			expect(text).toMatch(/merzim_sockets_connected\{role="officer"\} 1/);
			expect(text).toMatch(/merzim_open_clocks\{band="green"\} \d+/);
			expect(text).toMatch(/merzim_outbox_lag_events \d+/);
			expect(text).toMatch(/merzim_scheduler_pending \d+/);
			expect(text).toMatch(/merzim_db_connections \d+/);
			expect(text).toMatch(/nodejs_eventloop_lag_seconds/);
		} finally {
			socket.disconnect();
		}
	});

	it('are served without a token on METRICS_PORT, and nothing else is', async () => {
		const url = app.server.ops.metricsUrl!;
		expect(url).toMatch(/\/metrics$/);
		const res = await fetch(url);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('merzim_http_request_duration_seconds');
		expect((await fetch(url.replace('/metrics', '/queue'))).status).toBe(404);
	});
});
