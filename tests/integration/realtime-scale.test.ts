/**
 * Two server processes on one PostgreSQL, joined by Redis: an event committed through process A
 * reaches a client on process B (forwarded, without a second read of the outbox); the Redis adapter
 * sees the sockets of both; and when A dies while events flow, its client moves to B and ends with
 * exactly the committed events, once each.
 * (Two processes cannot share an embedded PGlite, so this test always runs on PostgreSQL and
 * Redis; `.ci/run` starts both before any leg.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, insertConsultationCase, recreateDatabase } from '../helpers/test-db';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { createDb } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/server/clock';
import { startServer, type RunningServer } from '../../server/app';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import { caseEvents, cases, clocks, organisations } from '../../src/lib/server/db/schema';
import { and, eq } from 'drizzle-orm';
import {
	CASE_EVENT_TYPES,
	type CaseEventEnvelope,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/realtime/contract';
import { HttpClient } from '../helpers/http-client';
import { TEST_PASSWORD, CLIENT_IP_HEADER } from '../helpers/test-app';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const name = `merzim_scale_${process.pid}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
const key = `merzim-test-${process.pid}-${Date.now()}`;
const nodes: { ctx: AppContext; server: RunningServer }[] = [];
const sockets: ClientSocket[] = [];
let caseId: string;
let cookie: string;

async function node(publishEveryMs = 50, opts: { scheduler?: boolean; maxSleepMs?: number } = {}) {
	const clock = new ManualClock(new Date('2026-03-02T04:00:00Z'));
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent', REDIS_URL: redisUrl }), {
		clock,
		dbHandle: await createDb({ url, poolSize: 4 }),
		scheduler: { maxSleepMs: opts.maxSleepMs }
	});
	const server = await startServer(ctx, {
		port: 0,
		host: '127.0.0.1',
		publishEveryMs,
		gapWaitMs: 300,
		redisKey: key,
		scheduler: opts.scheduler,
		socketsPerSession: Infinity // one session stands in for many browsers
	});
	nodes.push({ ctx, server });
	return { ctx, server };
}

beforeAll(async () => {
	process.env.ADDRESS_HEADER = CLIENT_IP_HEADER;
	await recreateDatabase(adminUrl, name);
	const a = await node();
	await node();
	await a.ctx.users.create(
		{ username: 'sue', displayName: 'Sue', password: TEST_PASSWORD, roles: ['supervisor'] },
		{ userId: null, label: 'test' }
	);
	caseId = await insertConsultationCase(a.ctx.db, 'EL-X-1', 'ТОО «Масштаб»');
	const http = new HttpClient(a.server.url, '10.9.0.1');
	expect((await http.signIn('sue', TEST_PASSWORD)).status).toBe(201);
	cookie = http.cookieHeader();
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	for (const n of nodes) {
		await n.server.close().catch(() => {});
		await n.ctx.dbHandle.close().catch(() => {});
	}
	await dropDatabase(adminUrl, name);
});

async function client(server: RunningServer, received: CaseEventEnvelope[]) {
	const socket: ClientSocket = connect(server.url, {
		transports: ['websocket'],
		extraHeaders: { cookie, origin: server.url },
		forceNew: true,
		reconnection: false
	});
	sockets.push(socket);
	for (const type of CASE_EVENT_TYPES) socket.on(type, (e) => received.push(e));
	await new Promise<void>((ok, fail) => {
		socket.once('session:welcomed', () => ok());
		socket.once('connect_error', fail);
	});
	return socket;
}

const commit = (ctx: AppContext, n: number) =>
	ctx.db.transaction((tx) =>
		appendCaseEvent(tx, caseId, {
			type: 'case:stage-changed',
			actor: { userId: null, label: 'system' },
			at: new Date(),
			after: { n }
		})
	);

const until = async (check: () => boolean, ms = 8_000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
};

describe('two processes', () => {
	it('deliver an event committed through A to a client on B, and share sockets through Redis', async () => {
		const [a, b] = nodes;
		const onB: CaseEventEnvelope[] = [];
		const onA: CaseEventEnvelope[] = [];
		await client(b!.server, onB);
		await client(a!.server, onA);
		const e = await commit(a!.ctx, 0);
		await until(() => onB.length === 1 && onA.length === 1);
		expect(onB[0]!.id).toBe(e.id);
		expect(onA[0]!.id).toBe(e.id);
		// The adapter sees the sockets of both processes.
		expect((await a!.server.io.fetchSockets()).length).toBe(2);
	});

	it('a process that does not poll publishes what A read, forwarded through Redis, without reading the outbox', async () => {
		const [a] = nodes;
		const c = await node(3_600_000); // its poll would first run in an hour
		const onC: CaseEventEnvelope[] = [];
		await client(c.server, onC);
		await new Promise((r) => setTimeout(r, 300)); // the handshake's own commits have been read
		const reads = c.server.io.publisher.stats.reads;
		const committed: number[] = [];
		for (let n = 0; n < 5; n++) committed.push((await commit(a!.ctx, 50 + n)).id);
		await until(() => onC.length === 5);
		expect(onC.map((e) => e.id)).toEqual(committed);
		expect(c.server.io.publisher.stats.reads).toBe(reads);
		expect(c.server.io.publisher.stats.forwardedApplied).toBeGreaterThan(0);
	});

	it('when A dies while events flow, its client moves to B and ends with exactly the committed events', async () => {
		const [a, b] = nodes;
		const received: CaseEventEnvelope[] = [];
		let socket = await client(a!.server, received);
		const start = (await commit(b!.ctx, 100)).id;
		await until(() => received.some((e) => e.id === start));
		const committed: number[] = [start];
		let stop = false;
		const writer = (async () => {
			for (let n = 101; !stop; n++) {
				committed.push((await commit(b!.ctx, n)).id);
				await new Promise((r) => setTimeout(r, 15));
			}
		})();
		await new Promise((r) => setTimeout(r, 250));
		const lost = new Promise<void>((r) => socket.once('disconnect', () => r()));
		await a!.server.close(); // process A goes away
		await lost;
		// The client (as a load balancer would send it) reconnects to B and replays after its last id.
		socket = await client(b!.server, received);
		const lastSeen = Math.max(...received.map((e) => e.id));
		const replay = await socket.emitWithAck('events:replay', { afterId: lastSeen });
		if ('data' in replay) received.push(...replay.data.events);
		await new Promise((r) => setTimeout(r, 250));
		stop = true;
		await writer;
		await until(() => committed.every((id) => received.some((e) => e.id === id)));
		const ids = received.map((e) => e.id).filter((id) => id >= start);
		// A client de-duplicates by id (as the browser helper does); nothing committed is missing.
		expect([...new Set(ids)].sort((x, y) => x - y)).toEqual([...committed].sort((x, y) => x - y));
	});

	it('a process re-plans its deadlines when a case event committed on another process reaches it through Redis', async () => {
		for (const n of nodes) await n.ctx.scheduler.stop(); // only the reader below may fire
		const writer = await node(50, { scheduler: false });
		// no outbox poll; asleep for a minute unless woken
		const reader = await node(3_600_000, { maxSleepMs: 60_000 });
		await new Promise((r) => setTimeout(r, 300));
		const now = writer.ctx.clock.now();
		const due = new Date(now.getTime() - 60_000); // already due on every node's clock
		const id = await writer.ctx.db.transaction(async (tx) => {
			const [c] = await tx
				.insert(cases)
				.values({
					number: 'EL-X-WAKE',
					service: 'export-licence',
					stage: 'completeness',
					applicantId: (await tx.select().from(organisations))[0]!.id,
					receivedAt: now,
					registeredOn: '2026-03-02',
					application: {},
					createdAt: now,
					updatedAt: now
				})
				.returning({ id: cases.id });
			await tx.insert(clocks).values({
				caseId: c!.id,
				kind: 'completeness',
				unit: 'working_days',
				length: 2,
				citation: '001 p.15',
				events: [{ type: 'started', at: now.toISOString() }],
				state: 'running',
				dueAt: due,
				warnAt: due,
				warnedFor: due
			});
			await appendCaseEvent(tx, c!.id, {
				type: 'case:stage-changed',
				actor: { userId: null, label: 'system' },
				at: now,
				after: { stage: 'completeness' }
			});
			return c!.id;
		});
		const forwarded = reader.server.io.publisher.stats.forwardedApplied;
		const breach = async () =>
			(
				await reader.ctx.db
					.select()
					.from(caseEvents)
					.where(and(eq(caseEvents.caseId, id), eq(caseEvents.type, 'clock:breached')))
			)[0];
		const end = Date.now() + 8_000;
		while (!(await breach()) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
		expect((await breach())?.at.toISOString()).toBe(due.toISOString());
		// The reader learnt of the event from the writer's forwarded run (it polls the outbox once an hour).
		expect(reader.server.io.publisher.stats.forwardedApplied).toBeGreaterThan(forwarded);
	});
});
