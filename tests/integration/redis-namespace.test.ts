/**
 * Two deployments — each its own database — on one Redis. Neither may see the other's case events,
 * and neither may lose its own: a forwarded outbox run from the other database, whose ids collide
 * with ours, once delivered the other deployment's `case:created` to our supervisor and then made
 * our own event with the same id look already sent. By default each deployment's channels are
 * named after its database; with one prefix given to both by mistake, the runs are refused by
 * their origin. Always PostgreSQL and Redis (two databases, several processes' worth of servers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { dropDatabase, insertConsultationCase, recreateDatabase } from '../helpers/test-db';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { createDb } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/server/clock';
import { startServer, type RunningServer } from '../../server/app';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import {
	CASE_EVENT_TYPES,
	type CaseEventEnvelope,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/realtime/contract';
import { sessionCookieName } from '../../src/lib/server/auth/cookie';
import { TEST_PASSWORD, CLIENT_IP_HEADER } from '../helpers/test-app';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const databases: string[] = [];
const nodes: { ctx: AppContext; server: RunningServer }[] = [];
const sockets: ClientSocket[] = [];

interface Deployment {
	ctx: AppContext;
	server: RunningServer;
	caseId: string;
	supervisor: number;
}

/** A deployment of its own: a fresh database, one server joined to the shared Redis, a supervisor and a case. */
async function deployment(label: string, redisKey?: string): Promise<Deployment> {
	const name = `merzim_ns_${label}_${process.pid}`;
	databases.push(name);
	const url = await recreateDatabase(adminUrl, name);
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent', REDIS_URL: redisUrl }), {
		clock: new ManualClock(new Date('2026-03-02T04:00:00Z')),
		dbHandle: await createDb({ url, poolSize: 4 })
	});
	const server = await startServer(ctx, {
		port: 0,
		host: '127.0.0.1',
		publishEveryMs: 50,
		gapWaitMs: 300,
		scheduler: false,
		...(redisKey ? { redisKey } : {})
	});
	nodes.push({ ctx, server });
	const supervisor = await ctx.users.create(
		{ username: 'sue', displayName: 'Sue', password: TEST_PASSWORD, roles: ['supervisor'] },
		{ userId: null, label: 'test' }
	);
	const caseId = await insertConsultationCase(ctx.db, `EL-NS-${label}`, 'ТОО «Соседи»');
	return { ctx, server, caseId, supervisor };
}

/**
 * A supervisor's socket on a deployment. The session is made in that deployment's database (not
 * by signing in over HTTP: the built pages serve the app context started last in this process).
 */
async function supervisorOn(d: Deployment) {
	const { token } = await d.ctx.sessions.create(d.supervisor, { kind: 'staff', twoFactorVerified: true });
	const socket: ClientSocket = connect(d.server.url, {
		transports: ['websocket'],
		extraHeaders: { cookie: `${sessionCookieName(false)}=${token}`, origin: d.server.url },
		forceNew: true,
		reconnection: false
	});
	sockets.push(socket);
	const received: CaseEventEnvelope[] = [];
	for (const type of CASE_EVENT_TYPES) socket.on(type, (e) => received.push(e));
	await new Promise<void>((ok, fail) => {
		socket.once('session:welcomed', () => ok());
		socket.once('connect_error', fail);
	});
	return received;
}

const commit = (d: Deployment, type: string, after: Record<string, unknown>) =>
	d.ctx.db.transaction((tx) =>
		appendCaseEvent(tx, d.caseId, { type, actor: { userId: null, label: 'test' }, at: new Date(), after })
	);

const until = async (check: () => boolean, ms = 5_000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
};

beforeAll(() => {
	process.env.ADDRESS_HEADER = CLIENT_IP_HEADER;
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	for (const n of nodes) {
		await n.server.close().catch(() => {});
		await n.ctx.dbHandle.close().catch(() => {});
	}
	for (const name of databases) await dropDatabase(adminUrl, name);
});

/** The other deployment's event does not arrive; ours, with the very same outbox id, does. */
async function neitherLeaksNorLoses(first: Deployment, second: Deployment) {
	const onFirst = await supervisorOn(first);
	const onSecond = await supervisorOn(second);
	const theirs = await commit(second, 'case:created', { deployment: 'second' });
	await until(() => onSecond.length === 1);
	await new Promise((r) => setTimeout(r, 500)); // time enough for a forwarded run to arrive
	expect(onFirst).toEqual([]);
	const ours = await commit(first, 'case:created', { deployment: 'first' });
	expect(ours.id).toBe(theirs.id); // the two outboxes' ids collide, as they would in production
	await until(() => onFirst.length === 1);
	expect(onFirst[0]!.payload).toEqual({ deployment: 'first' });
}

describe('two deployments on one Redis', () => {
	it('each gets channels of its own by default, named after its database', async () => {
		const first = await deployment('a');
		const second = await deployment('b');
		await neitherLeaksNorLoses(first, second);
		// The adapter sees only its own deployment's sockets.
		expect((await first.server.io.fetchSockets()).length).toBe(1);
	});

	it('refuse each other’s forwarded outbox runs when given one prefix by mistake', async () => {
		const shared = `merzim-test-ns-${process.pid}-${Date.now()}`;
		const first = await deployment('c', shared);
		const second = await deployment('d', shared);
		await neitherLeaksNorLoses(first, second);
	});
});
