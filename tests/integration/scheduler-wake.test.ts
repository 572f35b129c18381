/**
 * The deadline scheduler sleeps until the next warning or deadline is due instead of polling (a
 * 250 ms poll was most of the server's CPU at rest on PGlite): it fires at the due, reads nothing
 * while nothing is due, re-plans when a case event or a calendar change may have moved a due (at
 * most every 200 ms) — on PGlite and on PostgreSQL. The clock follows the wall from a fixed Monday,
 * so dues are milliseconds away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb, usingPostgres } from '../helpers/test-db';
import type { Db, DbHandle } from '../../src/lib/server/db/client';
import { ensureReferenceData } from '../../src/lib/server/db/reference-data';
import { caseEvents, cases, clocks, organisations } from '../../src/lib/server/db/schema';
import { createDeadlineScheduler, type DeadlineScheduler } from '../../src/lib/server/scheduler/deadline-scheduler';
import { createCalendarService } from '../../src/lib/server/calendar/calendar.service';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { loadConfig } from '../../src/lib/server/config';
import type { Clock } from '../../src/lib/server/clock';
import { startServer } from '../../server/app';
import { appendCaseEvent, systemActor } from '../../src/lib/server/audit/audit.repository';

// Monday 2 March 2026, 10:00 Almaty, moving with the wall clock.
const base = new Date('2026-03-02T05:00:00Z').getTime();
const wall0 = performance.now();
const clock: Clock = { now: () => new Date(base + Math.round(performance.now() - wall0)) };

let handle: DbHandle;
let orgId: number;
let seq = 0;
const running: DeadlineScheduler[] = [];

beforeAll(async () => {
	handle = await createTestDb();
	await ensureReferenceData(handle.db);
	const [org] = await handle.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Мерзім»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	orgId = org!.id;
});
afterAll(async () => {
	for (const s of running) await s.stop();
	await handle.close();
});

/** The database with its `execute` calls counted (every read the scheduler plans or fires with). */
function counted(db: Db): { db: Db; reads: () => number } {
	let n = 0;
	const proxy = new Proxy(db, {
		get(target, key) {
			if (key === 'execute') return (...args: Parameters<Db['execute']>) => (n++, target.execute(...args));
			const value = Reflect.get(target, key) as unknown;
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
	return { db: proxy, reads: () => n };
}

/** A case with a running completeness term due `inMs` from now (its warning already given). */
async function clockDueIn(
	db: Db,
	inMs: number,
	opts: { withEvent?: boolean } = {}
): Promise<{ caseId: string; due: Date }> {
	const now = clock.now();
	const due = new Date(now.getTime() + inMs);
	return db.transaction(async (tx) => {
		const [c] = await tx
			.insert(cases)
			.values({
				number: `W-${++seq}`,
				service: 'export-licence',
				stage: 'completeness',
				applicantId: orgId,
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
		if (opts.withEvent)
			await appendCaseEvent(tx, c!.id, {
				type: 'case:stage-changed',
				actor: systemActor,
				at: now,
				after: { stage: 'completeness' }
			});
		return { caseId: c!.id, due };
	});
}

async function breachOf(db: Db, caseId: string, waitMs: number) {
	const until = Date.now() + waitMs;
	for (;;) {
		const [e] = await db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'clock:breached')));
		if (e || Date.now() > until) return e ?? null;
		await new Promise((r) => setTimeout(r, 25));
	}
}

describe('the scheduler sleeps until the next due', () => {
	it('fires a deadline at its due without polling, and reads nothing while nothing is due', async () => {
		const { db, reads } = counted(handle.db);
		// A minute between re-plans: only planning for the due can fire it in time.
		const scheduler = createDeadlineScheduler(
			{ db, clock, calendar: createCalendarService({ db, clock }) },
			{ maxSleepMs: 60_000 }
		);
		running.push(scheduler);
		const { caseId, due } = await clockDueIn(handle.db, 700);
		scheduler.start();
		const event = await breachOf(handle.db, caseId, 10_000);
		expect(event).not.toBeNull();
		expect(event!.at.toISOString()).toBe(due.toISOString());
		const lagMs = (event!.after as { lagMs: number }).lagMs;
		expect(lagMs).toBeGreaterThanOrEqual(0);
		expect(lagMs).toBeLessThan(5_000);
		// Nothing is due any more: the next re-plan is a minute away, so a second passes without a read.
		await new Promise((r) => setTimeout(r, 200));
		const settled = reads();
		await new Promise((r) => setTimeout(r, 1_000));
		expect(reads()).toBe(settled);
		// A 250 ms poll would have read at least 4 times during the wait for the due alone.
		expect(settled).toBeLessThanOrEqual(6);
		await scheduler.stop();
	});

	it('re-plans when a case event commits a clock due sooner than its sleep (the outbox publisher wakes it)', async () => {
		const ctx: AppContext = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
			clock,
			dbHandle: handle,
			scheduler: { maxSleepMs: 60_000 }
		});
		const server = await startServer(ctx, { port: 0, host: '127.0.0.1' });
		try {
			await new Promise((r) => setTimeout(r, 300)); // asleep: nothing is due for a minute
			const { caseId, due } = await clockDueIn(ctx.db, 400, { withEvent: true });
			const event = await breachOf(ctx.db, caseId, 10_000);
			expect(event?.at.toISOString()).toBe(due.toISOString());
			expect((event!.after as { lagMs: number }).lagMs).toBeLessThan(5_000);
		} finally {
			await server.close();
		}
	});

	it('is woken by a calendar change (it moves open deadlines)', async () => {
		const ctx: AppContext = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
			clock,
			dbHandle: handle
		});
		let wakes = 0;
		ctx.scheduler.wake = () => void wakes++;
		await ctx.calendar.change(
			{ date: '2026-03-13', override: { kind: 'day_off', reason: 'Decree (test)' } },
			{ userId: null, label: 'test' }
		);
		expect(wakes).toBe(1);
	});

	it('re-plans at most every 200 ms however often it is woken', async () => {
		const { db, reads } = counted(handle.db);
		const scheduler = createDeadlineScheduler(
			{ db, clock, calendar: createCalendarService({ db, clock }) },
			{ maxSleepMs: 60_000 }
		);
		running.push(scheduler);
		scheduler.start();
		await new Promise((r) => setTimeout(r, 50));
		const before = reads();
		for (let i = 0; i < 50; i++) {
			scheduler.wake();
			await new Promise((r) => setTimeout(r, 10));
		}
		await new Promise((r) => setTimeout(r, 250));
		const planned = reads() - before;
		expect(planned).toBeGreaterThanOrEqual(1);
		expect(planned).toBeLessThanOrEqual(5); // ~750 ms of wakes: 3–4 re-plans, not 50
		await scheduler.stop();
	});

	it('stops only after the firing in progress has committed (the graceful shutdown waits for it)', async () => {
		let claimed: () => void = () => {};
		const inFiring = new Promise<void>((ok) => (claimed = ok));
		const scheduler = createDeadlineScheduler(
			{ db: handle.db, clock, calendar: createCalendarService({ db: handle.db, clock }) },
			{
				maxSleepMs: 60_000,
				// Holds the firing, its writes made, before its commit.
				afterClaim: async () => {
					claimed();
					await new Promise((r) => setTimeout(r, 400));
				}
			}
		);
		running.push(scheduler); // stopped at the end whatever happens here
		scheduler.start();
		const { caseId } = await clockDueIn(handle.db, 0);
		scheduler.wake();
		await inFiring;
		// Not committed yet (PGlite's one connection shows a transaction's own writes to every query).
		if (usingPostgres) expect(await breachOf(handle.db, caseId, 0)).toBeNull();
		const t0 = performance.now();
		await scheduler.stop();
		expect(performance.now() - t0).toBeGreaterThan(200);
		expect(await breachOf(handle.db, caseId, 0)).not.toBeNull(); // committed before stop returned
	});

	it('stops: nothing fires after stop, though it falls due', async () => {
		const scheduler = createDeadlineScheduler(
			{ db: handle.db, clock, calendar: createCalendarService({ db: handle.db, clock }) },
			{ maxSleepMs: 60_000 }
		);
		scheduler.start();
		const { caseId } = await clockDueIn(handle.db, 300);
		scheduler.wake();
		await new Promise((r) => setTimeout(r, 100));
		await scheduler.stop();
		expect(await breachOf(handle.db, caseId, 800)).toBeNull();
	});
});
