/**
 * Webhooks end to end over real HTTP, on the test's database (PGlite, or PostgreSQL with
 * DATABASE_URL): subscriptions through the admin API (the URL rules, the secret shown once, the
 * audit), deliveries written with their case events and sent by the worker to real receivers on
 * port 0 — failing first, hanging, answering 500, closing the connection — with the signature
 * checked as an integrator would. The worker runs with short timeouts and back-off here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { startProcedureHarness, type Json, type ProcedureHarness } from '../helpers/procedure-harness';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';
import { auditEvents, webhookDeliveries } from '../../src/lib/server/db/schema';
import { appendCaseEvent, systemActor } from '../../src/lib/server/audit/audit.repository';
import { actionResult, HttpClient } from '../helpers/http-client';

let h: ProcedureHarness;
const receivers: Receiver[] = [];
let portalTokenId: string;
const METRICS_TOKEN = 'webhook-metrics-token-0123456789';

const PORTAL_EVENTS = [
	'case.registered',
	'case.incompleteness-refused',
	'case.hearing-notice',
	'case.decided',
	'document.signed',
	'complaint.extended',
	'complaint.decided'
];

beforeAll(async () => {
	h = await startProcedureHarness('10.19.0', {
		env: { MERZIM_WEBHOOK_KEY: randomBytes(32).toString('hex'), METRICS_TOKEN },
		context: {
			webhooks: { timeoutMs: 1500, maxSleepMs: 200, retry: { baseMs: 100, maxMs: 400, windowMs: 60_000 } }
		}
	});
	portalTokenId = (await h.app.ctx.tokens.list()).find((t) => t.kind === 'portal')!.id;
}, 120_000);
afterAll(async () => {
	await h?.close();
	for (const r of receivers) await r.close();
});

async function receiver(answer?: Receiver['answer']) {
	const r = await startReceiver(answer);
	receivers.push(r);
	return r;
}

async function subscribe(url: string, events: string[], tokenId = portalTokenId) {
	const res = await h.staff.admin!.postJson('/api/v1/admin/webhooks', { tokenId, url, events });
	return { status: res.status, body: (await res.json()) as Json };
}

/** Subscribes the receiver and tells it the secret, so it checks every signature. */
async function subscribed(r: Receiver, events = PORTAL_EVENTS, tokenId = portalTokenId) {
	const s = await subscribe(r.url, events, tokenId);
	expect(s.status).toBe(201);
	r.secret = s.body.secret as string;
	return s.body.id as string;
}

/** Three deliveries, each received at least twice (a first attempt and a retry). */
const eachTwice = (r: Receiver) => {
	const n = new Map<string, number>();
	for (const x of r.received) n.set(x.id, (n.get(x.id) ?? 0) + 1);
	return n.size === 3 && [...n.values()].every((k) => k >= 2);
};

async function until(pred: () => Promise<boolean>, ms = 10_000) {
	const started = Date.now();
	while (!(await pred())) {
		if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
		await new Promise((ok) => setTimeout(ok, 50));
	}
}

const deliveriesOf = (subscriptionId: string) =>
	h.app.ctx.db
		.select()
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.subscriptionId, subscriptionId))
		.orderBy(webhookDeliveries.seq);

describe('webhook subscriptions (admin API)', () => {
	it('refuses a URL that is not http(s) or is this server, allows private and loopback addresses', async () => {
		const own = new URL(h.app.url);
		for (const url of [
			'ftp://portal.gov.kz/hooks',
			'not a url',
			'javascript:alert(1)',
			`${h.app.url}/api/v1/hooks`,
			`http://localhost:${own.port}/hooks`,
			'http://user:pass@portal.gov.kz/hooks'
		]) {
			const r = await subscribe(url, ['case.registered']);
			expect(r.status, url).toBe(422);
			expect(Object.keys(r.body.fields as Json)).toEqual(['url']);
		}
		for (const url of ['http://10.20.30.40:8080/hooks', `http://127.0.0.1:${Number(own.port) + 1}/x`]) {
			const r = await subscribe(url, ['case.registered']);
			expect(r.status, url).toBe(201);
			expect((await h.staff.admin!.request(`/api/v1/admin/webhooks/${r.body.id}`, { method: 'DELETE' })).status).toBe(
				204
			);
		}
	});

	it('lets a token subscribe only to the events of its kind', async () => {
		const agency = await h.app.ctx.tokens.issue({ name: 'nsc', kind: 'agency', agencyCode: 'nsc' }, systemActor);
		const r = await subscribe('http://10.0.0.9/hooks', ['case.decided'], agency.principal.id);
		expect(r.status).toBe(422);
		expect((r.body.fields as Json).events.message).toContain('consultation.requested');
		expect((await subscribe('http://10.0.0.9/hooks', ['case.decided'], 'no-such-token')).status).toBe(422);
		expect((await subscribe('http://10.0.0.9/hooks', ['case.exploded'])).status).toBe(422);
	});

	it('shows the secret once, audits without it, pauses, deletes; only an admin', async () => {
		const created = await subscribe('http://10.0.0.7/hooks', ['case.registered', 'case.decided']);
		expect(created.status).toBe(201);
		const secret = created.body.secret as string;
		expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
		const id = created.body.id as string;

		const listed = (await (await h.staff.admin!.get('/api/v1/admin/webhooks')).json()) as Json;
		const mine = (listed.webhooks as Json[]).find((w) => w.id === id)!;
		expect(mine).toMatchObject({ url: 'http://10.0.0.7/hooks', events: ['case.registered', 'case.decided'] });
		expect(JSON.stringify(listed)).not.toContain(secret);

		const patch = (paused: boolean) =>
			h.staff.admin!.request(`/api/v1/admin/webhooks/${id}`, {
				method: 'PATCH',
				body: JSON.stringify({ paused }),
				headers: { 'content-type': 'application/json' }
			});
		expect((await patch(true)).status).toBe(200);
		expect((await patch(false)).status).toBe(200);
		expect((await h.staff.admin!.request(`/api/v1/admin/webhooks/${id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await h.staff.admin!.request(`/api/v1/admin/webhooks/${id}`, { method: 'DELETE' })).status).toBe(404);

		const audit = await h.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.stream, 'webhooks'));
		const types = audit.filter((a) => JSON.stringify(a).includes(id)).map((a) => a.type);
		expect(types).toEqual(['webhook-created', 'webhook-paused', 'webhook-resumed', 'webhook-deleted']);
		expect(JSON.stringify(audit)).not.toContain(secret);
		const stored = await h.app.ctx.db.execute(sql`select secret_sealed::text as s from webhook_subscriptions`);
		expect(JSON.stringify(stored)).not.toContain(Buffer.from(secret).toString('hex'));

		const officer = await h.signedIn('webhook-officer', ['officer']);
		expect((await officer.get('/api/v1/admin/webhooks')).status).toBe(403);
		const anon = new HttpClient(h.app.url, '10.19.9.9');
		expect(
			(await anon.postJson('/api/v1/admin/webhooks', { tokenId: portalTokenId, url: 'http://x/', events: [] })).status
		).toBe(401);
	});
});

/** The samples of /metrics as `name{labels}` → value (scraped with the token, as Prometheus would). */
async function scrape(): Promise<Map<string, number>> {
	const res = await fetch(h.app.url + '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
	expect(res.status).toBe(200);
	const samples = new Map<string, number>();
	for (const line of (await res.text()).split('\n')) {
		const m = /^(merzim_webhook_\w+(?:\{[^}]*\})?) (\S+)$/.exec(line);
		if (m) samples.set(m[1]!, Number(m[2]));
	}
	return samples;
}

describe('webhook metrics', () => {
	it('count the attempts, outcomes, lag and queue depth of a delivery to a real receiver', async () => {
		let release!: () => void;
		const gate = new Promise<void>((ok) => (release = ok));
		const r = await receiver(async ({ nth }) => {
			if (nth > 1) return 200;
			await gate;
			return 503;
		});
		const sub = await subscribed(r, ['case.registered']);
		const before = await scrape();
		const at = (s: Map<string, number>, k: string) => s.get(k) ?? 0;
		await h.submit();
		// The first attempt is held by the receiver: the delivery is queued (leased, still pending).
		await until(async () => at(await scrape(), 'merzim_webhook_queue_depth{status="pending"}') === 1);
		release();
		await r.waitFor(() => r.accepted().length === 1);
		await until(async () => at(await scrape(), 'merzim_webhook_deliveries_total{outcome="delivered"}') > 0, 5_000);
		const after = await scrape();
		const delta = (k: string) => at(after, k) - at(before, k);
		expect(delta('merzim_webhook_deliveries_total{outcome="retrying"}')).toBe(1);
		expect(delta('merzim_webhook_deliveries_total{outcome="delivered"}')).toBe(1);
		expect(delta('merzim_webhook_deliveries_total{outcome="failed"}')).toBe(0);
		expect(delta('merzim_webhook_attempts_total')).toBe(2);
		expect(delta('merzim_webhook_attempt_number_count')).toBe(1);
		expect(delta('merzim_webhook_attempt_number_sum')).toBe(2);
		expect(delta('merzim_webhook_delivery_lag_seconds_count')).toBe(1);
		// At least the held first attempt and the back-off lie between the enqueue and the delivery.
		expect(delta('merzim_webhook_delivery_lag_seconds_sum')).toBeGreaterThan(0.05);
		expect(at(after, 'merzim_webhook_delivery_lag_seconds_bucket{le="0.05"}')).toBe(
			at(before, 'merzim_webhook_delivery_lag_seconds_bucket{le="0.05"}')
		);
		expect(at(after, 'merzim_webhook_queue_depth{status="pending"}')).toBe(0);
		expect(after.has('merzim_webhook_queue_depth{status="failed"}')).toBe(true);
		expect((await h.staff.admin!.request(`/api/v1/admin/webhooks/${sub}`, { method: 'DELETE' })).status).toBe(204);
	});
});

describe('delivery', () => {
	it('retries a receiver that fails at first; each event is then received once, signed, in case order', async () => {
		const r = await receiver(({ nth }) => (nth <= 2 ? 500 : 200));
		const sub = await subscribed(r);
		const a = (await h.submit()).body;
		const b = (await h.submit({ service: 'import-licence', firstExportToCounterparty: undefined })).body;
		expect((await h.action('head', b.id, 'assign', { username: 'officer' })).status).toBe(200);
		// b's incompleteness refusal: prepared by the officer, signed by the head (001 p.15 para 2).
		expect((await h.action('officer', b.id, 'complete-check', { complete: false, missing: ['Contract'] })).status).toBe(
			200
		);
		expect((await h.action('head', b.id, 'sign-incompleteness-refusal', {})).status).toBe(200);

		const rows = await deliveriesOf(sub);
		expect(rows.map((d) => `${d.caseId === a.id ? 'a' : 'b'}:${d.type}`)).toEqual([
			'a:case.registered',
			'b:case.registered',
			'b:case.incompleteness-refused'
		]);
		await r.waitFor(() => r.accepted().length === rows.length);
		for (const d of rows) {
			const got = r.received.filter((x) => x.id === d.id);
			expect(got.map((x) => x.answer)).toEqual([500, 500, 200]); // the same delivery, three times
			expect(new Set(got.map((x) => x.body))).toEqual(new Set([d.body])); // byte for byte
			expect(got.every((x) => x.signed === true)).toBe(true);
			const body = JSON.parse(got[0]!.body) as Json;
			expect(Object.keys(body)).toEqual(['id', 'type', 'createdAt', 'data']);
			expect(body).toMatchObject({ id: d.id, type: d.type });
		}
		// In the order of the case's events, though each waited out two failures.
		const accepted = r.accepted().map((x) => x.id);
		expect(accepted.indexOf(rows[1]!.id)).toBeLessThan(accepted.indexOf(rows[2]!.id));
		const refused = JSON.parse(rows[2]!.body) as Json;
		expect(refused.data).toMatchObject({
			caseId: b.id,
			status: 'returned-incomplete',
			details: { missing: ['Contract'] }
		});
		// The applicant's words only: no staff usernames, no internal event trail.
		expect(refused.data).not.toHaveProperty('actor');

		const log = (await (await h.staff.officer!.get(`/api/v1/cases/${b.id}/webhook-deliveries`)).json()) as Json;
		const entry = (log.deliveries as Json[]).find((d) => d.id === rows[2]!.id)!;
		expect(entry).toMatchObject({ status: 'delivered', attempts: 3, type: 'case.incompleteness-refused' });
		expect((entry.attemptLog as Json[]).map((x) => x.statusCode)).toEqual([500, 500, 200]);
	});

	it('writes nothing for a transaction that rolls back', async () => {
		const r = await receiver();
		const sub = await subscribed(r, ['case.decided']);
		const c = (await h.submit()).body;
		const decided = (tx: Parameters<typeof appendCaseEvent>[0]) =>
			appendCaseEvent(tx, c.id, {
				type: 'case:decided',
				actor: systemActor,
				at: h.app.ctx.clock.now(),
				after: { outcome: 'granted' }
			});
		await expect(
			h.app.ctx.db.transaction(async (tx) => {
				await decided(tx);
				expect(
					(await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, sub))).length
				).toBe(1);
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		expect(await deliveriesOf(sub)).toEqual([]);
		await h.app.ctx.db.transaction((tx) => decided(tx)); // the control: committed, it is delivered
		await r.waitFor(() => r.accepted().length === 1);
		await new Promise((ok) => setTimeout(ok, 300));
		expect(r.received).toHaveLength(1);
	});

	it('retries a hanging, a failing and a connection-closing receiver without holding up the others', async () => {
		const hang = await receiver(() => 'hang');
		const fail = await receiver(() => 500);
		const close = await receiver(() => 'close');
		const healthy = await receiver();
		const subs = {
			hang: await subscribed(hang, ['case.registered']),
			fail: await subscribed(fail, ['case.registered']),
			close: await subscribed(close, ['case.registered']),
			healthy: await subscribed(healthy, ['case.registered'])
		};
		const started = Date.now();
		for (let i = 0; i < 3; i++) await h.submit();
		await healthy.waitFor(() => healthy.accepted().length === 3, 3_000);
		// Each broken receiver got each of the three, and again after its back-off.
		for (const r of [hang, fail, close]) await r.waitFor(() => eachTwice(r), 10_000);
		expect(Date.now() - started).toBeLessThan(10_000);
		const last = async (s: string) => (await deliveriesOf(s)).map((d) => [d.status, d.lastStatusCode, d.lastError]);
		for (const row of await last(subs.hang)) expect(row).toEqual(['pending', null, 'no answer within 1500 ms']);
		for (const row of await last(subs.fail)) expect(row).toEqual(['pending', 500, 'HTTP 500']);
		for (const row of await last(subs.close)) {
			expect(row[0]).toBe('pending');
			expect(row[2]).toMatch(/^connection failed/);
		}
		for (const row of await last(subs.healthy)) expect(row).toEqual(['delivered', 200, null]);
		for (const s of Object.values(subs))
			await h.staff.admin!.request(`/api/v1/admin/webhooks/${s}`, { method: 'DELETE' });
	});

	it('fails a delivery after its retry window, lists it for the admin and resends it with the same id', async () => {
		let up = false;
		const r = await receiver(() => (up ? 200 : 503));
		const sub = await subscribed(r, ['case.registered']);
		await h.submit();
		await r.waitFor(() => r.received.length >= 1);
		// The 24-hour window (here 60 s) is over.
		await h.app.ctx.db
			.update(webhookDeliveries)
			.set({ retryFrom: new Date(Date.now() - 86_400_000) })
			.where(eq(webhookDeliveries.subscriptionId, sub));
		await until(async () => (await deliveriesOf(sub))[0]!.status === 'failed');
		const [failed] = await deliveriesOf(sub);
		expect(failed).toMatchObject({ status: 'failed', lastStatusCode: 503 });
		const before = r.received.length;
		await new Promise((ok) => setTimeout(ok, 600));
		expect(r.received.length).toBe(before); // failed: no more attempts

		const listed = (await (await h.staff.admin!.get('/api/v1/admin/webhooks')).json()) as Json;
		expect((listed.failed as Json[]).map((f) => f.id)).toContain(failed!.id);
		up = true;
		const resend = await h.staff.admin!.postJson(`/api/v1/admin/webhooks/deliveries/${failed!.id}/resend`, {});
		expect(resend.status).toBe(202);
		await r.waitFor(() => r.accepted().length === 1);
		expect(r.accepted()[0]!.id).toBe(failed!.id);
		expect(r.accepted()[0]!.body).toBe(failed!.body);
		await until(async () => (await deliveriesOf(sub))[0]!.status === 'delivered');
		expect((await h.staff.admin!.postJson(`/api/v1/admin/webhooks/deliveries/${failed!.id}/resend`, {})).status).toBe(
			404
		);
	});

	it('tells an agency of the consultations addressed to it only, as its consultation view', async () => {
		const issue = async (code: 'nsc' | 'mod' | 'moh') =>
			await h.app.ctx.tokens.issue({ name: `agency ${code}`, kind: 'agency', agencyCode: code }, systemActor);
		const nsc = await issue('nsc');
		const mod = await issue('mod');
		const moh = await issue('moh');
		const rx = { nsc: await receiver(), mod: await receiver(), moh: await receiver() };
		await subscribed(rx.nsc, ['consultation.requested'], nsc.principal.id);
		await subscribed(rx.mod, ['consultation.requested'], mod.principal.id);
		await subscribed(rx.moh, ['consultation.requested'], moh.principal.id);
		const c = (await h.submit()).body;
		expect((await h.action('head', c.id, 'assign', { username: 'officer' })).status).toBe(200);
		expect((await h.action('officer', c.id, 'complete-check', { complete: true })).status).toBe(200);
		expect((await h.action('officer', c.id, 'request-consultations', { agencies: ['nsc', 'mod'] })).status).toBe(200);
		await rx.nsc.waitFor(() => rx.nsc.accepted().length === 1);
		await rx.mod.waitFor(() => rx.mod.accepted().length === 1);
		const body = JSON.parse(rx.nsc.accepted()[0]!.body) as Json;
		expect(body.type).toBe('consultation.requested');
		// The same view its API gives it.
		const pending = (await (
			await fetch(`${h.app.url}/api/v1/consultations?status=pending`, {
				headers: { authorization: `Bearer ${nsc.token}` }
			})
		).json()) as Json;
		const mine = (pending.consultations as Json[]).find((x) => x.caseId === c.id)!;
		expect(body.data).toMatchObject({ id: mine.id, caseId: c.id, agency: 'nsc', dueAt: mine.dueAt });
		expect(Object.keys(body.data as Json).sort()).toEqual(
			expect.arrayContaining(['application', 'caseNumber', 'requestedAt'])
		);
		expect(JSON.stringify(body.data)).not.toContain('ТОО'); // not the applicant's identity
		expect((JSON.parse(rx.mod.accepted()[0]!.body) as Json).data.agency).toBe('mod');
		await new Promise((ok) => setTimeout(ok, 400));
		expect(rx.moh.received).toEqual([]);
		const rows = await h.app.ctx.db
			.select()
			.from(webhookDeliveries)
			.where(and(eq(webhookDeliveries.caseId, c.id), eq(webhookDeliveries.type, 'consultation.requested')));
		expect(rows).toHaveLength(2);
	});
});

describe('pause and revocation', () => {
	it('writes nothing for a paused subscription, and sends nothing more for a revoked token', async () => {
		const r = await receiver();
		const sub = await subscribed(r, ['case.registered']);
		const patch = (paused: boolean) =>
			h.staff.admin!.request(`/api/v1/admin/webhooks/${sub}`, {
				method: 'PATCH',
				body: JSON.stringify({ paused }),
				headers: { 'content-type': 'application/json' }
			});
		expect((await patch(true)).status).toBe(200);
		await h.submit();
		expect(await deliveriesOf(sub)).toEqual([]);
		expect((await patch(false)).status).toBe(200);
		await h.submit();
		await r.waitFor(() => r.accepted().length === 1);

		const other = await h.app.ctx.tokens.issue({ name: 'portal two', kind: 'portal' }, systemActor);
		const failing = await receiver(() => 500);
		const sub2 = await subscribed(failing, ['case.registered'], other.principal.id);
		await h.submit();
		await failing.waitFor(() => failing.received.length >= 1);
		await h.app.ctx.tokens.revoke(other.principal.id, systemActor);
		await new Promise((ok) => setTimeout(ok, 500)); // an attempt in flight may still end
		const seen = failing.received.length;
		await new Promise((ok) => setTimeout(ok, 1_000)); // back-off is 100–400 ms here
		expect(failing.received.length).toBe(seen);
		expect((await deliveriesOf(sub2))[0]!.status).toBe('pending');
	});
});

describe('the pages', () => {
	it('lets an admin subscribe on /admin/webhooks (secret once, bad URL named) and shows staff the case log', async () => {
		const r = await receiver(({ nth }) => (nth === 1 ? 502 : 200));
		const bad = await actionResult(
			await h.staff.admin!.postForm('/admin/webhooks?/create', {
				tokenId: portalTokenId,
				url: `${h.app.url}/hooks`,
				events: ['case.registered']
			})
		);
		expect(bad).toMatchObject({ type: 'failure', status: 422, data: { fields: ['url'] } });
		const made = await actionResult(
			await h.staff.admin!.postForm('/admin/webhooks?/create', {
				tokenId: portalTokenId,
				url: r.url,
				events: ['case.registered']
			})
		);
		expect(made.type).toBe('success');
		const created = (made.data as Json).created as Json;
		expect(created.secret).toMatch(/^whsec_/);
		r.secret = created.secret as string;

		const page = await h.staff.admin!.request('/admin/webhooks', {
			headers: { accept: 'text/html', 'accept-language': 'ru' }
		});
		const html = await page.text();
		expect(html).toContain(r.url);
		expect(html).toContain('Вебхуки');
		expect(html).not.toContain(created.secret as string);

		const c = (await h.submit()).body;
		await r.waitFor(() => r.accepted().length === 1);
		await until(async () => {
			const log = (await (await h.staff.officer!.get(`/api/v1/cases/${c.id}/webhook-deliveries`)).json()) as Json;
			return (log.deliveries as Json[]).some((d) => d.status === 'delivered');
		});
		const casePage = await (
			await h.staff.officer!.request(`/cases/${c.id}`, { headers: { accept: 'text/html', 'accept-language': 'kk' } })
		).text();
		expect(casePage).toContain('Вебхук жеткізулері');
		expect(casePage).toMatch(/<strong>502<\/strong>/);
		expect(casePage).toMatch(/<strong>200<\/strong>/);
		expect(r.accepted()[0]!.signed).toBe(true);
	});
});
