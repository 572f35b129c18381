/**
 * OpenTelemetry traces of the production server (node dist/server.js) sent by OTLP/HTTP to a real
 * collector the test runs on port 0 (it decodes the JSON encoding the exporter sends): one request
 * gives a server span named by its route with its database spans as children; the log line of the
 * request names the same trace; a webhook delivery's attempt span joins the trace of the request
 * that wrote its event (ADR-073) and carries its `traceparent` to the receiver; and no span
 * attribute holds the password, the session token or case data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';
import { logLines, opsEnv, startOpsServer, withContext, type OpsServer } from '../helpers/ops-server';
import { seedCase } from '../helpers/draft-clients';
import { HttpClient } from '../helpers/http-client';
import { annex1Application } from '../helpers/import-application';
import { thermalImagingModule } from '../helpers/goods-lines';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';

const PASSWORD = 'Trace-passw0rd-not-in-spans';
const APPLICANT = 'ТОО «Трассировка Тайный Заявитель»';
const BIN = '000740001307';

interface OtlpSpan {
	traceId: string;
	spanId: string;
	parentSpanId?: string;
	name: string;
	kind: number;
	attributes: Record<string, unknown>;
}

/** A collector: POST /v1/traces with OTLP JSON (ExportTraceServiceRequest). */
async function startCollector() {
	const spans: OtlpSpan[] = [];
	const raw: string[] = [];
	const server: Server = createServer((req: IncomingMessage, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			if (req.url !== '/v1/traces' || !String(req.headers['content-type']).includes('json')) {
				res.writeHead(415).end();
				return;
			}
			raw.push(text);
			type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
			const body = JSON.parse(text) as {
				resourceSpans: {
					scopeSpans: {
						spans: (Omit<OtlpSpan, 'attributes'> & { attributes?: { key: string; value: AnyValue }[] })[];
					}[];
				}[];
			};
			for (const rs of body.resourceSpans)
				for (const ss of rs.scopeSpans)
					for (const s of ss.spans)
						spans.push({
							...s,
							parentSpanId: s.parentSpanId || undefined,
							attributes: Object.fromEntries(
								(s.attributes ?? []).map((a) => [
									a.key,
									a.value.stringValue ?? a.value.intValue ?? a.value.boolValue ?? a.value.doubleValue
								])
							)
						});
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, spans, raw, close: () => new Promise((ok) => server.close(ok)) };
}

async function until(pred: () => boolean, ms = 15_000) {
	const started = Date.now();
	while (!pred()) {
		if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
		await new Promise((ok) => setTimeout(ok, 50));
	}
}

const dataDir = mkdtempSync(join(tmpdir(), 'merzim-trace-'));
const dbName = `merzim_ops_tracing_${process.pid}`;
let collector: Awaited<ReturnType<typeof startCollector>>;
let receiver: Receiver;
let server: OpsServer;
let portalToken = '';

beforeAll(async () => {
	collector = await startCollector();
	receiver = await startReceiver();
	const databaseUrl = usingPostgres ? await recreateDatabase(process.env.DATABASE_URL!, dbName) : undefined;
	const env = opsEnv({ dataDir, databaseUrl });
	await withContext(env, async (ctx) => {
		const actor = { userId: null, label: 'test' };
		const officer = await ctx.users.create(
			{ username: 'trace-officer', displayName: 'Trace Officer', password: PASSWORD, roles: ['officer'] },
			actor
		);
		await seedCase(ctx.db, { number: 'TRC-1', assigneeId: officer, bin: BIN });
		const portal = await ctx.tokens.issue({ name: 'portal', kind: 'portal' }, actor);
		portalToken = portal.token;
		await ctx.webhooks.create(
			{ tokenId: portal.principal.id, url: receiver.url, events: ['case.registered'] },
			actor,
			[]
		);
	});
	server = await startOpsServer({
		...env,
		OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
		OTEL_BSP_SCHEDULE_DELAY: '100',
		OTEL_SERVICE_NAME: 'merzim-test'
	});
}, 180_000);

afterAll(async () => {
	server?.signal('SIGKILL');
	await server?.exited;
	await collector?.close();
	await receiver?.close();
	if (usingPostgres) await dropDatabase(process.env.DATABASE_URL!, dbName);
	rmSync(dataDir, { recursive: true, force: true });
});

describe('traces', () => {
	it('exports a request as a server span with its database spans as children, named without data', async () => {
		const client = new HttpClient(server.url, '10.68.0.1');
		const signIn = await client.signIn('trace-officer', PASSWORD);
		expect(signIn.status).toBe(201);
		const session = [...client.cookies.values()];
		const search = await client.get(`/api/v1/search?q=${encodeURIComponent(APPLICANT)}`);
		expect(search.status).toBe(200);
		const reqId = search.headers.get('x-request-id');

		await until(() => collector.spans.some((s) => s.name === 'GET /api/v1/search'));
		const root = collector.spans.find((s) => s.name === 'GET /api/v1/search')!;
		expect(root.parentSpanId).toBeUndefined();
		expect(root.kind).toBe(2); // SERVER
		expect(root.attributes).toMatchObject({
			'http.route': '/api/v1/search',
			'http.request.method': 'GET',
			'http.response.status_code': 200
		});
		await until(() => collector.spans.filter((s) => s.traceId === root.traceId).length > 1);
		const trace = collector.spans.filter((s) => s.traceId === root.traceId);
		const ids = new Set(trace.map((s) => s.spanId));
		// Every span of the trace hangs from a span of the same trace, up to the server span.
		for (const s of trace) if (s !== root) expect(ids.has(s.parentSpanId!), s.name).toBe(true);
		const db = trace.filter((s) => s.attributes['db.system.name'] === 'postgresql' && s.name !== 'db.transaction');
		expect(db.length).toBeGreaterThan(0);
		expect(db.some((s) => /^SELECT \w+$/.test(s.name))).toBe(true);
		for (const s of db) expect(Object.keys(s.attributes).sort().join()).toMatch(/^db\.(collection\.name,)?db\./);

		// The request's log line names the trace and the server span.
		const line = logLines(server.output()).find((l) => l.reqId === reqId && l.msg === 'request');
		expect(line).toMatchObject({ traceId: root.traceId, spanId: root.spanId });

		const sign = collector.spans.find((s) => s.name === 'POST /api/v1/session')!;
		expect(sign).toBeTruthy();
		const everything = collector.raw.join('\n');
		for (const secret of [PASSWORD, APPLICANT, encodeURIComponent(APPLICANT), BIN, 'TRC-1', portalToken, ...session])
			expect(everything, 'a span holds a secret or case data').not.toContain(secret);
	});

	it("sends a webhook in the trace of the request that caused it, with its attempt span's traceparent", async () => {
		const res = await fetch(server.url + '/api/v1/applications', {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${portalToken}`,
				'idempotency-key': 'trace-app-1'
			},
			body: JSON.stringify(
				annex1Application({
					service: 'export-licence',
					externalId: 'EGOV-TRACE-1',
					receivedAt: new Date(),
					applicant: { bin: BIN, name: APPLICANT, legalAddress: 'Астана, пр. Мангилик Ел, 55' },
					goodsLine: thermalImagingModule,
					party: { name: 'Trace Counterparty', country: 'AE' },
					firstExportToCounterparty: false
				})
			)
		});
		expect(res.status).toBe(201);
		await receiver.waitFor(() => receiver.accepted().length === 1);
		const got = receiver.received[0]!;
		const traceparent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(got.traceparent ?? '');
		expect(traceparent, got.traceparent).not.toBeNull();
		await until(() => collector.spans.some((s) => s.spanId === traceparent![2]));
		const deliver = collector.spans.find((s) => s.spanId === traceparent![2])!;
		expect(deliver).toMatchObject({ name: 'webhook deliver', traceId: traceparent![1], kind: 3 /* CLIENT */ });
		expect(deliver.attributes).toMatchObject({ 'merzim.webhook.attempt': 1, 'http.response.status_code': 200 });
		// The attempt hangs in the trace of the portal's request that registered the case (ADR-073):
		// the same trace id at the collector and in the receiver's `traceparent`.
		await until(() => collector.spans.some((s) => s.name === 'POST /api/v1/applications'));
		const request = collector.spans.find((s) => s.name === 'POST /api/v1/applications')!;
		expect(request.parentSpanId).toBeUndefined();
		expect(deliver.traceId).toBe(request.traceId);
		expect(traceparent![1]).toBe(request.traceId);
		expect(deliver.parentSpanId).toBeDefined();
		await until(() => collector.spans.some((s) => s.spanId === deliver.parentSpanId));
		expect(collector.spans.find((s) => s.spanId === deliver.parentSpanId)!.traceId).toBe(request.traceId);
		const everything = collector.raw.join('\n');
		for (const secret of [APPLICANT, BIN, 'EGOV-TRACE-1', portalToken, receiver.url])
			expect(everything, 'a span holds a secret or case data').not.toContain(secret);
	});
});
