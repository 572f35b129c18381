/**
 * Drafting across two server processes on one PostgreSQL joined by Redis (ADR-015): editors on
 * different processes converge under seeded random concurrent edits, see each other's presence,
 * and both processes store the updates idempotently (one stored copy of the document).
 * (Two processes cannot share an embedded PGlite, so this always runs on PostgreSQL + Redis.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, recreateDatabase } from '../helpers/test-db';
import * as Y from 'yjs';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { createDb } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/server/clock';
import { startServer, type RunningServer } from '../../server/app';
import { createRng } from '../../src/lib/domain/reference/prng';
import { findCurrentDraft, loadEncodedState } from '../../src/lib/server/drafting/draft.repository';
import { bodyText } from '../../src/lib/server/drafting/draft-state';
import { TEST_PASSWORD, CLIENT_IP_HEADER } from '../helpers/test-app';
import {
	contains,
	converged,
	cookieFor,
	draftClient,
	randomEdit,
	seedCase,
	type DraftClient
} from '../helpers/draft-clients';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const name = `merzim_draftscale_${process.pid}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
const key = `merzim-draft-test-${process.pid}-${Date.now()}`;
const nodes: { ctx: AppContext; server: RunningServer }[] = [];
const clients: DraftClient[] = [];
let caseId: string;
const cookies: Record<string, string> = {};

async function node() {
	const clock = new ManualClock(new Date('2026-03-02T04:00:00Z'));
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent', REDIS_URL: redisUrl }), {
		clock,
		dbHandle: await createDb({ url, poolSize: 4 })
	});
	const server = await startServer(ctx, {
		port: 0,
		host: '127.0.0.1',
		publishEveryMs: 50,
		gapWaitMs: 300,
		redisKey: key
	});
	nodes.push({ ctx, server });
	return { ctx, server };
}

beforeAll(async () => {
	process.env.ADDRESS_HEADER = CLIENT_IP_HEADER;
	await recreateDatabase(adminUrl, name);
	const a = await node();
	await node();
	const create = (username: string, roles: ('officer' | 'head' | 'supervisor')[]) =>
		a.ctx.users.create(
			{ username, displayName: username, password: TEST_PASSWORD, roles },
			{ userId: null, label: 'test' }
		);
	const olga = await create('olga', ['officer']);
	await create('hank', ['head']);
	await create('hedda', ['head']);
	await create('sue', ['supervisor']);
	for (const u of ['olga', 'hank', 'hedda', 'sue']) cookies[u] = await cookieFor(a.server.url, u);
	caseId = await seedCase(a.ctx.db, { number: 'EL-SCALE-1', assigneeId: olga });
});
afterAll(async () => {
	for (const c of clients) c.close();
	for (const n of nodes) {
		await n.server.close().catch(() => {});
		await n.ctx.dbHandle.close().catch(() => {});
	}
	await dropDatabase(adminUrl, name);
});

describe('two processes with Redis', () => {
	it('editors on different processes converge, see each other, and one copy of the document is stored', async () => {
		const [a, b] = nodes;
		const on = async (user: string, n: { server: RunningServer }) => {
			const c = await draftClient(n.server.url, cookies[user]!, caseId, `${user}@${n === a ? 'A' : 'B'}`);
			clients.push(c);
			return c;
		};
		const editors = [await on('olga', a!), await on('hank', b!), await on('hedda', b!)];
		const reader = await on('sue', a!);
		const rng = createRng('drafting-two-processes');
		for (let round = 0; round < 30; round++) {
			for (const e of editors) for (let k = rng.int(1, 3); k > 0; k--) randomEdit(e.doc, rng);
			if (rng.chance(0.3)) await new Promise((r) => setTimeout(r, rng.int(0, 20)));
		}
		await converged([...editors, reader]);
		expect(reader.text().length).toBeGreaterThan(20);

		// Presence crosses processes too: olga (on A) sees hank (on B) with the name the server gave him.
		editors[1]!.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
		const until = Date.now() + 5_000;
		const names = () =>
			[...editors[0]!.provider.awareness.getStates().values()].map(
				(s) => (s as { user?: { name?: string } }).user?.name
			);
		while (!names().includes('hank') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
		expect(names()).toContain('hank');

		for (;;) {
			if (editors.every((e) => e.provider.state.unsaved === 0)) break;
			await new Promise((r) => setTimeout(r, 20));
		}
		await Promise.all(nodes.map((n) => n.ctx.drafting.flush(editors[0]!.provider.state.draftId!)));
		const draft = await findCurrentDraft(a!.ctx.db, caseId);
		const stored = new Y.Doc();
		Y.applyUpdate(stored, await loadEncodedState(a!.ctx.db, draft!.id));
		expect(bodyText(stored)).toBe(editors[0]!.text());
		expect(
			contains(
				stored,
				editors.flatMap((e) => e.acked)
			)
		).toBe(true);
		// Both processes held the document in memory and applied the other's updates.
		for (const n of nodes) {
			const live = await n.ctx.drafting.loaded(draft!.id);
			expect(live && bodyText(live.doc)).toBe(editors[0]!.text());
		}
	});
});
