/**
 * Forwarded outbox runs (ADR-014, scale-out): the process that read a run of committed events
 * forwards it, with the id it read after, to the other processes; a process publishes a forwarded
 * run without reading the outbox only when the run continues from its own last id, publishes only
 * what it has not sent yet, and reads the outbox itself when the run begins beyond it. A malformed
 * run never reaches a client. Real database (PGlite, or PostgreSQL with DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, insertConsultationCase } from '../helpers/test-db';
import type { DbHandle } from '../../src/lib/server/db/client';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import {
	createOutboxPublisher,
	isOutboxRun,
	readOutbox,
	type OutboxPublisher,
	type OutboxRow
} from '../../server/outbox-publisher';
import type { Viewer } from '../../src/lib/realtime/contract';

let handle: DbHandle;
let caseId: string;
const supervisor: Viewer = { userId: 1, roles: ['supervisor'], unit: null, agencyCode: null, kiosk: false };

beforeAll(async () => {
	handle = await createTestDb();
	caseId = await insertConsultationCase(handle.db, 'EL-F-1', 'ТОО «Пересылка»');
});
afterAll(async () => {
	await handle.close();
});

const commit = async (n: number) =>
	(
		await handle.db.transaction((tx) =>
			appendCaseEvent(tx, caseId, {
				type: 'case:stage-changed',
				actor: { userId: null, label: 'test' },
				at: new Date(),
				after: { stage: `s${n}` }
			})
		)
	).id;

/** A transaction that takes an outbox id and rolls back: that id stays missing for good. */
const rollBackOne = () =>
	handle.db
		.transaction(async (tx) => {
			await appendCaseEvent(tx, caseId, {
				type: 'case:stage-changed',
				actor: { userId: null, label: 'test' },
				at: new Date(),
				after: { stage: 'rolled back' }
			});
			throw new Error('roll back');
		})
		.catch(() => {});

/** A publisher of its own (as in another process), recording what it sends and what it would forward. */
async function publisher(opts: { gapWaitMs?: number; now?: () => number } = {}) {
	const sent: number[] = [];
	const forwarded: { after: number; ids: number[] }[] = [];
	const p: OutboxPublisher = createOutboxPublisher({
		db: handle.db,
		recipients: () => [{ id: 'socket-1', viewer: supervisor, viewerKey: 'sue' }],
		send: (_ids, event) => sent.push(event.id),
		onRead: (after, rows) => forwarded.push({ after, ids: rows.map((r) => r.id) }),
		...opts
	});
	await p.start();
	return { p, sent, forwarded };
}

describe('forwarded outbox runs', () => {
	it('are published without a read when they continue from the last id, and what was read is forwarded with where it began', async () => {
		const a = await publisher();
		const b = await publisher();
		const before = a.p.lastId;
		const ids = [await commit(1), await commit(2), await commit(3)];
		await a.p.tick();
		expect(a.sent).toEqual(ids);
		expect(a.forwarded).toEqual([{ after: before, ids }]);
		const run = await readOutbox(handle.db, before);
		await b.p.offer(a.forwarded[0]!.after, run);
		expect(b.sent).toEqual(ids);
		expect(b.p.stats).toEqual({ reads: 0, forwardedApplied: 1, forwardedIgnored: 0 });
		expect(b.p.lastId).toBe(ids[2]);
		expect(b.forwarded).toEqual([]); // forwarded runs are not forwarded again
	});

	it('send only what was not sent yet when a run overlaps what was published', async () => {
		const b = await publisher();
		const start = b.p.lastId;
		const first = [await commit(4), await commit(5)];
		await b.p.tick(); // b read these itself (its poll, say)
		const third = await commit(6);
		await b.p.offer(start, await readOutbox(handle.db, start)); // the other process's run: 4, 5, 6
		expect(b.sent).toEqual([...first, third]);
		await b.p.offer(start, await readOutbox(handle.db, start)); // the same run again: nothing doubled
		expect(b.sent).toEqual([...first, third]);
	});

	it('is ignored when it begins beyond the last id; the outbox is read instead and nothing is skipped', async () => {
		const b = await publisher();
		const missed = await commit(7);
		const next = await commit(8);
		const reads = b.p.stats.reads;
		await b.p.offer(missed, await readOutbox(handle.db, missed)); // a run after an event b has not seen
		expect(b.p.stats.forwardedIgnored).toBe(1);
		expect(b.p.stats.reads).toBeGreaterThan(reads);
		expect(b.sent).toEqual([missed, next]);
	});

	it('forwards a run across a rolled-back id as soon as it can no longer commit, from the id before it', async () => {
		const a = await publisher();
		const b = await publisher();
		const before = await commit(9);
		await a.p.tick();
		await b.p.tick();
		await rollBackOne();
		const after = await commit(10);
		// The dead id costs nothing (a second read at most, on a PostgreSQL other databases keep busy).
		for (let reads = 0; a.sent.length < 2 && reads < 20; reads++) {
			await a.p.tick();
			await new Promise((r) => setTimeout(r, 50));
		}
		expect(a.sent).toEqual([before, after]);
		expect(a.forwarded.at(-1)).toEqual({ after: before, ids: [after] });
		await b.p.offer(before, await readOutbox(handle.db, before));
		expect(b.sent).toEqual([before, after]);
	});
});

describe('isOutboxRun (a run from another process is checked before it can reach a client)', () => {
	const row = (id: number, over: Partial<OutboxRow> = {}): OutboxRow => ({
		id,
		envelope: {
			id,
			type: 'case:stage-changed',
			caseId: 'c',
			caseNumber: 'EL-1',
			at: '2026-03-02T04:00:00.000Z',
			actor: 'x',
			citation: null,
			payload: null
		},
		routing: { assigneeId: null, unit: null, service: 'export-licence' },
		...over
	});
	it.each<[string, unknown, unknown, boolean]>([
		['a run of increasing ids', 4, [row(5), row(7)], true],
		['an event type the socket server does not forward (null envelope)', 4, [row(5, { envelope: null })], true],
		['an empty run', 4, [], true],
		['a negative `after`', -1, [row(5)], false],
		['a fractional `after`', 1.5, [row(5)], false],
		['rows that are not an array', 4, { 0: row(5) }, false],
		['an id not after `after`', 5, [row(5)], false],
		['ids out of order', 4, [row(7), row(6)], false],
		['an envelope with another id', 4, [row(5, { envelope: { ...row(6).envelope! } })], false],
		[
			'an unknown event type',
			4,
			[row(5, { envelope: { ...row(5).envelope!, type: 'case:exploded' as never } })],
			false
		],
		['routing without a service', 4, [row(5, { routing: { assigneeId: null, unit: null } as never })], false],
		[
			'an assignee that is not an id',
			4,
			[row(5, { routing: { assigneeId: 'olga' as never, unit: null, service: 'x' } })],
			false
		],
		['a row that is not an object', 4, [null], false],
		[
			'the people it names, each in their languages',
			4,
			[row(5, { names: { actor: { name: 'Olga', names: { kk: 'Ольга' } }, assignee: null } })],
			true
		],
		['names that are not an object', 4, [row(5, { names: 'Olga' as never })], false],
		[
			'a name that is not text',
			4,
			[row(5, { names: { actor: { name: 7, names: {} }, assignee: null } as never })],
			false
		],
		[
			'a name in a language the desk does not speak',
			4,
			[row(5, { names: { actor: { name: 'O', names: { de: 'O' } as never }, assignee: null } })],
			false
		]
	])('%s', (_label, after, rows, ok) => {
		expect(isOutboxRun(after, rows)).toBe(ok);
	});
});
