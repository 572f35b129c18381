/**
 * Case events on real sockets: each committed event reaches exactly the viewers who may see it, in
 * id order, shaped for them; a rolled-back transaction sends nothing; a client that was away gets
 * what it missed by replay, without duplicates; bad requests get an error ack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { RecoveryAdapter } from '../../server/recovery-adapter';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import { cases, organisations } from '../../src/lib/server/db/schema';
import type { CaseEventEnvelope, ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/contract';
import { CASE_EVENT_TYPES } from '../../src/lib/realtime/contract';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let app: TestApp;
const sockets: ClientSocket[] = [];
const ids: Record<string, number> = {};
let mineCase: string;
let otherUnitCase: string;

beforeAll(async () => {
	app = await startTestApp();
	const mk = (
		username: string,
		roles: Parameters<TestApp['createUser']>[1],
		unit: string | null,
		agencyCode?: string
	) =>
		app.ctx.users.create(
			{ username, displayName: username, password: TEST_PASSWORD, roles, unit, agencyCode },
			{ userId: null, label: 'test' }
		);
	ids.olga = await mk('olga', ['officer'], 'U1');
	ids.boris = await mk('boris', ['officer'], 'U2');
	ids.sue = await mk('sue', ['supervisor'], null);
	ids.nsc = await mk('nsc-liaison', ['agency_liaison'], null, 'nsc');
	ids.mod = await mk('mod-liaison', ['agency_liaison'], null, 'mod');
	ids.wall = await mk('wall', ['wallboard'], null);
	const [org] = await app.ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Сокет»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const now = app.clock.now();
	const base = {
		service: 'export-licence',
		stage: 'consultation',
		applicantId: org!.id,
		receivedAt: now,
		registeredOn: '2026-03-02',
		application: {},
		createdAt: now,
		updatedAt: now
	};
	const [a] = await app.ctx.db
		.insert(cases)
		.values({ ...base, number: 'EL-S-1', assigneeId: ids.olga, unit: 'U1' })
		.returning();
	const [b] = await app.ctx.db
		.insert(cases)
		.values({ ...base, number: 'EL-S-2', assigneeId: ids.boris, unit: 'U2' })
		.returning();
	mineCase = a!.id;
	otherUnitCase = b!.id;
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	await app.close();
});

/** A signed-in socket that records every case event it receives. */
async function client(username: string) {
	const http = new HttpClient(app.url, `10.8.${sockets.length}.1`);
	expect((await http.signIn(username, TEST_PASSWORD)).status).toBe(201);
	const socket: ClientSocket = connect(app.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie: http.cookieHeader(), origin: app.url },
		forceNew: true
	});
	sockets.push(socket);
	const received: CaseEventEnvelope[] = [];
	for (const type of CASE_EVENT_TYPES) socket.on(type, (e) => received.push(e));
	await new Promise<void>((ok, fail) => {
		socket.once('session:welcomed', () => ok());
		socket.once('connect_error', fail);
	});
	return { socket, received, cookie: http.cookieHeader() };
}

async function commit(caseId: string, type: string, after: Record<string, unknown>) {
	return app.ctx.db.transaction((tx) =>
		appendCaseEvent(tx, caseId, { type, actor: { userId: null, label: 'system' }, at: app.clock.now(), after })
	);
}

const until = async (check: () => boolean, ms = 5_000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
};

describe('case events over sockets', () => {
	it('reach exactly the viewers who may see them, shaped for each', async () => {
		const [olga, boris, sue, nsc, mod, wall] = await Promise.all([
			client('olga'),
			client('boris'),
			client('sue'),
			client('nsc-liaison'),
			client('mod-liaison'),
			client('wall')
		]);
		const assigned = await commit(mineCase, 'case:assigned', {
			assignee: 'olga',
			restricted: { note: 'ground 9 basis' }
		});
		const answered = await commit(otherUnitCase, 'consultation:answered', {
			agency: 'nsc',
			decision: 'approve',
			restricted: { memo: 'x' }
		});
		await until(
			() =>
				sue.received.length === 2 &&
				olga.received.length === 1 &&
				boris.received.length === 1 &&
				nsc.received.length === 1 &&
				wall.received.length === 2
		);
		await new Promise((r) => setTimeout(r, 300)); // and nothing more arrives

		expect(sue.received.map((e) => e.id)).toEqual([assigned.id, answered.id]);
		expect(sue.received[0]!.payload).toEqual({ assignee: 'olga', restricted: { note: 'ground 9 basis' } });
		expect(olga.received).toEqual([
			expect.objectContaining({ id: assigned.id, type: 'case:assigned', caseNumber: 'EL-S-1' })
		]);
		expect(boris.received.map((e) => e.type)).toEqual(['consultation:answered']);
		// The liaison sees its own agency's answer, without the restricted part; the other agency nothing.
		expect(nsc.received).toEqual([
			expect.objectContaining({ id: answered.id, payload: { agency: 'nsc', decision: 'approve' } })
		]);
		expect(mod.received).toEqual([]);
		// The wall board gets summaries without data.
		expect(wall.received.map((e) => e.id)).toEqual([assigned.id, answered.id]);
		expect(wall.received.every((e) => !('payload' in e))).toBe(true);
	});

	it('sends nothing for a transaction that rolled back, and keeps order across concurrent commits', async () => {
		const sue = await client('sue');
		await expect(
			app.ctx.db.transaction(async (tx) => {
				await appendCaseEvent(tx, mineCase, {
					type: 'case:stage-changed',
					actor: { userId: null, label: 'system' },
					at: app.clock.now(),
					after: { stage: 'never' }
				});
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		const committed = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				commit(i % 2 ? mineCase : otherUnitCase, 'case:stage-changed', { stage: `s${i}` })
			)
		);
		await until(() => sue.received.length === 12);
		const got = sue.received.map((e) => e.id);
		expect(got).toEqual([...got].sort((a, b) => a - b));
		expect(new Set(got)).toEqual(new Set(committed.map((c) => c.id)));
		expect(sue.received.some((e) => e.payload?.stage === 'never')).toBe(false);
	});

	it('replays what a client missed while away, after its last id, without duplicates', async () => {
		const olga = await client('olga');
		const seen = await commit(mineCase, 'clock:warning', { kind: 'service-term' });
		await until(() => olga.received.length === 1);
		olga.socket.disconnect();
		const missed = [
			await commit(mineCase, 'clock:breached', { kind: 'service-term' }),
			await commit(otherUnitCase, 'clock:breached', {}),
			await commit(mineCase, 'case:decided', { outcome: 'grant' })
		];
		await new Promise((r) => setTimeout(r, 400)); // published while she was away
		olga.socket.connect();
		await new Promise<void>((ok) => olga.socket.once('session:welcomed', () => ok()));
		const replay = await olga.socket.emitWithAck('events:replay', { afterId: seen.id });
		expect('data' in replay).toBe(true);
		const events = 'data' in replay ? replay.data.events : [];
		// Only her own case's events: the other unit's breach is not hers to see.
		expect(events.map((e) => e.id)).toEqual([missed[0]!.id, missed[2]!.id]);
		const live = await commit(mineCase, 'case:stage-changed', { stage: 'after' });
		await until(() => olga.received.some((e) => e.id === live.id));
		const all = [...olga.received.map((e) => e.id), ...events.map((e) => e.id)];
		expect(all.filter((id) => id === missed[0]!.id)).toHaveLength(1);
	});

	it('recovers short gaps with the adapter that keeps case events but not drafting messages (recovery-adapter.test.ts)', () => {
		expect(app.server.io.of('/').adapter).toBeInstanceOf(RecoveryAdapter);
	});

	it('answers malformed requests with an error and changes nothing', async () => {
		const sue = await client('sue');
		for (const bad of [
			{ afterId: 'x' },
			{ afterId: -1 },
			{ afterId: 1, upTo: 2.5 },
			{ afterId: 1, extra: true },
			null,
			'afterId=1'
		]) {
			const ack = await sue.socket.emitWithAck('events:replay', bad as never);
			expect(ack).toEqual({ code: 'replay-invalid', error: expect.stringContaining('afterId') });
		}
		expect(sue.socket.connected).toBe(true);
	});
});
