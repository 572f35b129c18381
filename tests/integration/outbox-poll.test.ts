/**
 * The outbox poll of a running server (server/realtime.ts) with its production settings: this
 * process's commits are read at once (the commit signal), so the poll is only a safety net and
 * reads once a second at rest (a 150 ms poll was most of the CPU at rest on PGlite); stopped at a
 * missing id it reads every 150 ms until the id commits or the wait ends, then publishes past it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, insertConsultationCase } from '../helpers/test-db';
import type { DbHandle } from '../../src/lib/server/db/client';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { loadConfig } from '../../src/lib/server/config';
import { startServer, type RunningServer } from '../../server/app';

let handle: DbHandle;
let ctx: AppContext;
let server: RunningServer;
let caseId: string;

beforeAll(async () => {
	handle = await createTestDb();
	ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), { dbHandle: handle });
	caseId = await insertConsultationCase(ctx.db, 'EL-P-1', 'ТОО «Опрос»');
	server = await startServer(ctx, { port: 0, host: '127.0.0.1', scheduler: false, gapWaitMs: 2_000 });
});
afterAll(async () => {
	await server.close();
	await handle.close();
});

const event = (stage: string) => ({
	type: 'case:stage-changed',
	actor: { userId: null, label: 'test' },
	at: new Date(),
	after: { stage }
});
const readsDuring = async (ms: number) => {
	const before = server.io.publisher.stats.reads;
	await new Promise((r) => setTimeout(r, ms));
	return server.io.publisher.stats.reads - before;
};

describe('the outbox poll of a running server', () => {
	it('reads at once after a commit, about once a second at rest, and does not wait at a rolled-back id', async () => {
		const committed = await ctx.db.transaction((tx) => appendCaseEvent(tx, caseId, event('read at once')));
		const until = Date.now() + 500;
		while (server.io.publisher.lastId < committed.id && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
		expect(server.io.publisher.lastId).toBe(committed.id); // long before the next poll

		// At rest: a 150 ms poll would read 10 times in 1.5 s.
		expect(await readsDuring(1_500)).toBeLessThanOrEqual(2);

		// A transaction takes an id and rolls back; the next event does not wait behind the dead id (the
		// gap rule knows it can no longer commit; outbox-gap.test.ts has the open and killed writers).
		await ctx.db
			.transaction((tx) =>
				appendCaseEvent(tx, caseId, event('rolled back')).then(() => Promise.reject(new Error('roll back')))
			)
			.catch(() => {});
		const behind = await ctx.db.transaction((tx) => appendCaseEvent(tx, caseId, event('behind the gap')));
		// Long before the old 2 s wait ended (a second read at most, 150 ms later, on a busy PostgreSQL).
		const end = Date.now() + 1_000;
		while (server.io.publisher.lastId < behind.id && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
		expect(server.io.publisher.lastId).toBe(behind.id);
		expect(server.io.publisher.waitingAtGap).toBe(false);
		expect(await readsDuring(1_500)).toBeLessThanOrEqual(2);
	});
});
