/**
 * The production server as an operator runs it (node dist/server.js, a child process): SIGTERM
 * during a slow request and during a draft save loses and cuts nothing, and the whole log of the
 * run — every line of every process started here, at LOG_LEVEL=debug — holds no password, token,
 * cookie or case data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';
import { logLines, opsEnv, startOpsServer, withContext, type OpsServer } from '../helpers/ops-server';
import { draftClient, seedCase } from '../helpers/draft-clients';
import { HttpClient } from '../helpers/http-client';
import { annex1Application } from '../helpers/import-application';
import { BODY_FIELD } from '../../src/lib/server/drafting/draft-state';
import { cases } from '../../src/lib/server/db/schema';
import { thermalImagingModule } from '../helpers/goods-lines';

const PASSWORD = 'Ops-lifecycle-passw0rd!';
const APPLICANT = 'ТОО «Секретный Заявитель Опс»';
const END_USER = 'Restricted End User Ops Holdings';
const DRAFT_TEXT = 'Мұқият жасырын мәтін ops';
const METRICS_TOKEN = 'ops-lifecycle-metrics-secret-42';

const dataDir = mkdtempSync(join(tmpdir(), 'merzim-ops-'));
const dbName = `merzim_ops_lifecycle_${process.pid}`;
let env: Record<string, string>;
let portalToken = '';
let caseId = '';
const secrets: string[] = [PASSWORD, APPLICANT, END_USER, DRAFT_TEXT, METRICS_TOKEN];
const outputs: string[] = [];
let server: OpsServer | null = null;

async function start() {
	server = await startOpsServer({ ...env, SHUTDOWN_GRACE_SECONDS: '10', METRICS_TOKEN });
	return server;
}

async function stop(sig: NodeJS.Signals = 'SIGTERM') {
	if (!server) return null;
	server.signal(sig);
	const code = await server.exited;
	outputs.push(server.output());
	server = null;
	return code;
}

beforeAll(async () => {
	const databaseUrl = usingPostgres ? await recreateDatabase(process.env.DATABASE_URL!, dbName) : undefined;
	env = opsEnv({ dataDir, databaseUrl });
	await withContext(env, async (ctx) => {
		const officer = await ctx.users.create(
			{ username: 'ops-officer', displayName: 'Ops Officer', password: PASSWORD, roles: ['officer'] },
			{ userId: null, label: 'test' }
		);
		portalToken = (await ctx.tokens.issue({ name: 'portal', kind: 'portal' }, { userId: null, label: 'test' })).token;
		secrets.push(portalToken, portalToken.split('.').pop()!);
		caseId = await seedCase(ctx.db, { number: 'OPS-1', assigneeId: officer });
	});
}, 120_000);

afterAll(async () => {
	await stop('SIGKILL');
	if (usingPostgres) await dropDatabase(process.env.DATABASE_URL!, dbName);
	rmSync(dataDir, { recursive: true, force: true });
});

describe('graceful shutdown', () => {
	it('lets a slow request started before SIGTERM finish, and refuses nothing it accepted', async () => {
		const s = await start();
		const body = JSON.stringify(
			annex1Application({
				service: 'export-licence',
				externalId: 'EGOV-OPS-SLOW-1',
				receivedAt: new Date(),
				applicant: { name: APPLICANT, legalAddress: 'Астана, пр. Мангилик Ел, 55' },
				goodsLine: thermalImagingModule,
				party: { name: END_USER, country: 'AE' },
				firstExportToCounterparty: false
			})
		);
		const answer = new Promise<{ status: number; text: string }>((ok, fail) => {
			const req = request(
				s.url + '/api/v1/applications',
				{
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
						authorization: `Bearer ${portalToken}`,
						'idempotency-key': 'ops-slow-1'
					}
				},
				(res) => {
					let text = '';
					res.on('data', (c: Buffer) => (text += c.toString()));
					res.on('end', () => ok({ status: res.statusCode!, text }));
				}
			);
			req.on('error', fail);
			// Half the body now, SIGTERM, the rest 1.5 s later: the request is in flight throughout.
			const bytes = Buffer.from(body);
			req.write(bytes.subarray(0, 200));
			setTimeout(() => s.signal('SIGTERM'), 300);
			setTimeout(() => req.end(bytes.subarray(200)), 1800);
		});
		const { status, text } = await answer;
		expect(status, text).toBe(201);
		expect(await s.exited).toBe(0);
		outputs.push(s.output());
		server = null;
		const out = outputs.at(-1)!;
		expect(out).toMatch(/"msg":"shutting down"/);
		expect(out).toMatch(/"msg":"stopped cleanly"/);
		await withContext(env, async (ctx) => {
			const rows = await ctx.db.select().from(cases).where(eq(cases.externalId, 'EGOV-OPS-SLOW-1'));
			expect(rows).toHaveLength(1);
		});
	});

	it('stores a draft edit sent just before SIGTERM, and tells the socket to reconnect', async () => {
		const s = await start();
		const http = new HttpClient(s.url, '10.21.9.1');
		const signedIn = await http.signIn('ops-officer', PASSWORD);
		expect(signedIn.status).toBe(201);
		const cookie = http.cookieHeader();
		secrets.push(...[...http.cookies.values()]);
		const client = await draftClient(s.url, cookie, caseId, 'officer');
		const reason = new Promise<string>((ok) => client.socket.once('disconnect', (r) => ok(r)));
		const body = client.doc.getXmlFragment(BODY_FIELD);
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText(DRAFT_TEXT)]);
		body.insert(0, [p]);
		// Within the save's 40 ms debounce: the update is held in memory when the signal arrives.
		await new Promise((r) => setTimeout(r, 5));
		s.signal('SIGTERM');
		expect(await s.exited).toBe(0);
		outputs.push(s.output());
		server = null;
		// A transport close, not a server-side disconnect: socket.io clients reconnect on their own.
		expect(await reason).toBe('transport close');
		expect(client.acked.length).toBeGreaterThan(0);
		client.close();

		const again = await start();
		const http2 = new HttpClient(again.url, '10.21.9.2');
		expect((await http2.signIn('ops-officer', PASSWORD)).status).toBe(201);
		secrets.push(...[...http2.cookies.values()]);
		const reader = await draftClient(again.url, http2.cookieHeader(), caseId, 'reader');
		expect(reader.text()).toContain(DRAFT_TEXT);
		reader.close();
		// Metrics on the main port, with the token: its value must not reach the log either.
		expect(
			(await fetch(again.url + '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status
		).toBe(200);
		expect(await stop()).toBe(0);
	});
});

describe('the log of the whole run', () => {
	it('is JSON, one request line per request with id, route, status and duration', () => {
		const lines = logLines(outputs.join('\n'));
		const requests = lines.filter((l) => l.msg === 'request');
		expect(requests.length).toBeGreaterThan(3);
		const session = requests.find((l) => l.route === '/api/v1/session' && l.status === 201);
		expect(session).toMatchObject({ method: 'POST', component: 'http' });
		// Each key once: JSON.parse keeps the last of a repeated key, so count them in the raw line.
		const raw = outputs
			.join('\n')
			.split('\n')
			.find((l) => l.includes('"msg":"request"'));
		expect(raw?.match(/"component":/g)).toHaveLength(1);
		expect(typeof session!.reqId).toBe('string');
		expect(typeof session!.ms).toBe('number');
		expect(requests.some((l) => l.route === '/api/v1/applications' && l.status === 201)).toBe(true);
		expect(lines.some((l) => l.msg === 'socket connected' && typeof l.userId === 'number')).toBe(true);
		expect(lines.some((l) => l.msg === 'socket disconnected')).toBe(true);
	});

	it('holds no password, token, cookie, case or draft data', () => {
		const all = outputs.join('\n');
		expect(all.length).toBeGreaterThan(1000);
		expect(secrets.length).toBeGreaterThan(8);
		for (const s of secrets) expect(all.includes(s), `the log contains a secret (${s.slice(0, 4)}…)`).toBe(false);
		expect(all).not.toMatch(/mzt_[A-Za-z0-9]/); // any integration token
		expect(all.toLowerCase()).not.toMatch(/set-cookie|"cookie":|"authorization":/);
	});
});
