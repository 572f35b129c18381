/**
 * A socket keeps only the rights its user has now, not those of its handshake: a disabled user's
 * sockets are closed, a demoted user's sockets get the new audience at once (live events, the
 * restricted part, drafts), sign-out ends the sockets at once, and every replay and draft join
 * reads the session and the user again. The sweep is made slow here (60 s) so that what is tested
 * is the push, not the backstop. Real sockets on port 0, the built app, a real database; Redis for
 * the cross-process case.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { seedCase } from '../helpers/draft-clients';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, publishAppContext, type AppContext } from '../../src/lib/server/context';
import { startServer, type RunningServer } from '../../server/app';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import { cases, userRoles, users } from '../../src/lib/server/db/schema';
import {
	CASE_EVENT_TYPES,
	type CaseEventEnvelope,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/realtime/contract';
import type { Role } from '../../src/lib/domain/access/roles';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Emit = (event: string, payload: unknown) => Promise<{ data?: unknown; error?: string }>;

const SLOW_SWEEP = { sweepMs: 60_000 };
let app: TestApp;
const sockets: ClientSocket[] = [];
const nodes: { ctx: AppContext; server: RunningServer }[] = [];
let ip = 0;

beforeAll(async () => {
	app = await startTestApp({}, SLOW_SWEEP);
	await app.createUser('ada', ['admin']);
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	for (const n of nodes) await n.server.close().catch(() => {});
	await app.close();
});

async function signedIn(username: string, url = app.url) {
	const http = new HttpClient(url, `10.44.${++ip}.1`);
	expect((await http.signIn(username, TEST_PASSWORD)).status).toBe(201);
	return http;
}

/** A signed-in socket that records the case events it receives and how it ended. */
async function client(username: string, url = app.url, cookie?: string) {
	cookie ??= (await signedIn(username, url)).cookieHeader();
	const socket: ClientSocket = connect(url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie, origin: url },
		forceNew: true,
		reconnection: false
	});
	sockets.push(socket);
	const received: CaseEventEnvelope[] = [];
	for (const type of CASE_EVENT_TYPES) socket.on(type, (e) => received.push(e));
	const ended = new Promise<{ reason: string }>((r) => socket.once('session:ended', r));
	await new Promise<void>((ok, fail) => {
		socket.once('session:welcomed', () => ok());
		socket.once('connect_error', fail);
	});
	const emit = socket.emitWithAck.bind(socket) as unknown as Emit;
	return { socket, received, ended, emit, cookie };
}

const within = <T>(p: Promise<T>, ms: number, what: string) =>
	Promise.race([
		p,
		new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no ${what} within ${ms} ms`)), ms))
	]);

const until = async (check: () => boolean, ms = 3_000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
};

async function commit(caseId: string, after: Record<string, unknown>) {
	return app.ctx.db.transaction((tx) =>
		appendCaseEvent(tx, caseId, {
			type: 'case:stage-changed',
			actor: { userId: null, label: 'system' },
			at: app.clock.now(),
			after
		})
	);
}

/** Changes roles in the database only, as another process without Redis (or a hand edit) would: no push. */
async function setRolesBehindTheBack(userId: number, roles: Role[]) {
	await app.ctx.db.delete(userRoles).where(eq(userRoles.userId, userId));
	await app.ctx.db.insert(userRoles).values(roles.map((role) => ({ userId, role })));
}

describe('a disabled user', () => {
	it('has every socket closed at once when an admin disables them', async () => {
		const sam = await app.createUser('sam', ['supervisor']);
		const [a, b] = [await client('sam'), await client('sam')];
		const admin = await signedIn('ada');
		const res = await admin.postForm('/admin?/setDisabled', { userId: String(sam), disabled: 'true' });
		expect((await actionResult(res)).type).toBe('success');
		expect(await within(Promise.all([a.ended, b.ended]), 3_000, 'session:ended')).toEqual([
			{ reason: 'disabled' },
			{ reason: 'disabled' }
		]);
		await until(() => !a.socket.connected && !b.socket.connected);
	});

	it('is refused a replay even when no change was pushed (read again on each replay)', async () => {
		const rex = await app.createUser('rex', ['supervisor']);
		const caseId = await seedCase(app.ctx.db, { number: 'EL-RIGHTS-R1', assigneeId: null });
		const s = await client('rex');
		await commit(caseId, { stage: 'one' });
		await until(() => s.received.length === 1);
		await app.ctx.db.update(users).set({ disabled: true }).where(eq(users.id, rex));
		const ack = await s.emit('events:replay', { afterId: 0 });
		expect(ack).toMatchObject({ code: 'session-ended', error: expect.stringMatching(/session has ended/) });
		expect(ack.data).toBeUndefined();
		expect(await within(s.ended, 2_000, 'session:ended')).toEqual({ reason: 'disabled' });
	});
});

describe('a demoted user', () => {
	it('gets the new audience at once: no events of cases now out of reach, no restricted part', async () => {
		const dora = await app.createUser('dora', ['supervisor']);
		const boris = await app.createUser('boris-r', ['officer']);
		const open = await seedCase(app.ctx.db, { number: 'EL-RIGHTS-D1', assigneeId: null });
		const borisCase = await seedCase(app.ctx.db, { number: 'EL-RIGHTS-D2', assigneeId: boris });
		await app.ctx.db.update(cases).set({ unit: 'U-boris' }).where(eq(cases.id, borisCase));
		const s = await client('dora');
		const secret = { restricted: { basis: 'a confidential source' } };
		await commit(open, { stage: 'before', ...secret });
		await until(() => s.received.length === 1);
		expect(s.received[0]!.payload).toMatchObject(secret);

		await app.ctx.users.setRoles(dora, ['registrar'], { userId: null, label: 'test' });
		await new Promise((r) => setTimeout(r, 100)); // the push is applied on the next turns
		await commit(borisCase, { stage: 'not for a registrar of another unit' });
		await commit(open, { stage: 'after', ...secret });
		await until(() => s.received.length === 2);
		await new Promise((r) => setTimeout(r, 300));
		expect(s.received.map((e) => e.payload?.stage)).toEqual(['before', 'after']);
		expect(s.received[1]!.payload).not.toHaveProperty('restricted');
		expect(s.socket.connected).toBe(true);
		// A replay after the demotion is filtered by the new rights too.
		const replay = await s.emit('events:replay', { afterId: 0 });
		const events = (replay.data as { events: CaseEventEnvelope[] }).events.filter(
			(e) => e.caseId === open || e.caseId === borisCase
		);
		expect(events.map((e) => e.payload?.stage)).toEqual(['before', 'after']);
		expect(events.every((e) => !e.payload || !('restricted' in e.payload))).toBe(true);
	});

	it('loses a draft’s edit access at once, and cannot join a draft on rights lost behind its back', async () => {
		const hank = await app.createUser('hank', ['head']);
		const hedda = await app.createUser('hedda', ['head']);
		const caseId = await seedCase(app.ctx.db, { number: 'EL-RIGHTS-DRAFT', assigneeId: null });
		const h = await client('hank');
		const joined = await h.emit('draft:join', { caseId });
		expect((joined.data as { access: string }).access).toBe('edit');
		const changed = new Promise((r) => h.socket.once('draft:access-changed', r));
		await app.ctx.users.setRoles(hank, ['registrar'], { userId: null, label: 'test' });
		expect(await within(changed, 3_000, 'draft:access-changed')).toMatchObject({ access: null });

		const d = await client('hedda');
		await setRolesBehindTheBack(hedda, ['registrar']);
		expect(await d.emit('draft:join', { caseId })).toEqual({ error: expect.any(String), code: 'draft-forbidden' });
	});
});

describe('sign-out', () => {
	it('ends the session’s sockets at once, not at the next sweep', async () => {
		await app.createUser('sigrid', ['supervisor']);
		const http = await signedIn('sigrid');
		const s = await client('sigrid', app.url, http.cookieHeader());
		const res = await http.request('/logout', { method: 'POST' });
		expect(res.status).toBe(303);
		expect(await within(s.ended, 3_000, 'session:ended')).toEqual({ reason: 'revoked' });
	});

	it('“sign out everywhere” ends the sockets of every session of the user', async () => {
		await app.createUser('selma', ['supervisor']);
		const [one, two] = [await client('selma'), await client('selma')];
		const [row] = await app.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'selma'));
		await app.ctx.sessions.invalidateAllForUser(row!.id);
		expect(await within(Promise.all([one.ended, two.ended]), 3_000, 'session:ended')).toEqual([
			{ reason: 'revoked' },
			{ reason: 'revoked' }
		]);
	});
});

describe('several processes (Redis)', () => {
	it('a user disabled through one process loses the sockets held by another at once', async () => {
		const key = `merzim-test-sockets-${randomUUID()}`;
		const node = async () => {
			const ctx = await createAppContext(
				loadConfig({ MERZIM_DATA_DIR: '/nonexistent', REDIS_URL: 'redis://127.0.0.1:6379' }),
				{ clock: app.clock, dbHandle: app.ctx.dbHandle }
			);
			const server = await startServer(ctx, {
				port: 0,
				host: '127.0.0.1',
				publishEveryMs: 50,
				gapWaitMs: 300,
				redisKey: key,
				scheduler: false,
				...SLOW_SWEEP
			});
			const n = { ctx, server };
			nodes.push(n);
			return n;
		};
		const [a, b] = [await node(), await node()];
		publishAppContext(app.ctx); // the pages of the main app keep the main context
		const vera = await app.createUser('vera', ['supervisor']);
		const s = await client('vera', b.server.url);
		await a.ctx.users.setDisabled(vera, true, { userId: null, label: 'test' });
		expect(await within(s.ended, 3_000, 'session:ended')).toEqual({ reason: 'disabled' });
	});
});
