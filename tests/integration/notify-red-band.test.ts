/**
 * Deadline warnings in two bands (ADR-085) on a real database: a clock entering amber and then red
 * notifies its assignee once for each — amber does not stand for red — and neither is repeated by a
 * second pass, a second scheduler on the same database (another process) or a restarted one. A
 * clock whose amber band passed while no scheduler ran says red only. The clock is the completeness
 * check of an import licence application (2 working days, 001 p.12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import { TEST_PASSWORD } from '../helpers/test-app';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { ManualClock } from '../../src/lib/server/clock';
import { createSchedulerActors, registerImportApplication, type SchedulerActors } from '../helpers/scheduler-cases';
import { caseEvents, clocks, notifications } from '../../src/lib/server/db/schema';
import { createDeadlineScheduler } from '../../src/lib/server/scheduler/deadline-scheduler';

let app: { ctx: AppContext; clock: ManualClock };
let actors: SchedulerActors;
let olga: number;
let seq = 0;

beforeAll(async () => {
	// No server: the test fires by hand, each `tick()` a scheduler pass.
	const clock = new ManualClock(new Date('2026-03-02T04:00:00Z'));
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
		clock,
		dbHandle: await createTestDb()
	});
	app = { ctx, clock };
	actors = await createSchedulerActors(app.ctx);
	olga = await ctx.users.create(
		{ username: 'olga', displayName: 'Olga', password: TEST_PASSWORD, roles: ['officer'] },
		{ userId: null, label: 'test' }
	);
}, 120_000);

afterAll(async () => {
	await app?.ctx.dbHandle.close();
});

/** Another scheduler on the same database: a second process, or this one restarted. */
const another = () =>
	createDeadlineScheduler({ db: app.ctx.db, clock: app.clock, calendar: app.ctx.calendar }, { parallel: 2 });

async function assignedCase() {
	const id = await registerImportApplication(app.ctx, actors, `ext-red-${++seq}`, app.clock.now());
	await app.ctx.cases.staffAction(id, 'assign', { username: 'olga' }, actors.head, null);
	const [clock] = await app.ctx.db
		.select()
		.from(clocks)
		.where(and(eq(clocks.caseId, id), eq(clocks.kind, 'completeness')));
	return { id, clock: clock! };
}

/** The completeness clock's warnings on the case, as their bands, in order. */
async function warnings(caseId: string): Promise<string[]> {
	const events = await app.ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
	return events
		.filter((e) => e.type === 'clock:warning' && (e.after as { kind: string }).kind === 'completeness')
		.map((e) => (e.after as { band: string }).band);
}

async function deadlineNotices(caseId: string): Promise<string[]> {
	const rows = await app.ctx.db
		.select({ kind: notifications.kind })
		.from(notifications)
		.where(and(eq(notifications.caseId, caseId), eq(notifications.userId, olga)));
	return rows.map((r) => r.kind).filter((k) => k.startsWith('deadline-'));
}

const minute = 60_000;

describe('amber, then red, each once (ADR-085)', () => {
	it('notifies amber and red once each, across passes, processes and restarts', async () => {
		const { id, clock } = await assignedCase();
		expect(clock.warnAt).not.toBeNull();
		expect(clock.redAt).not.toBeNull();
		expect(clock.redAt!.getTime()).toBeGreaterThan(clock.warnAt!.getTime());
		expect(clock.dueAt!.getTime()).toBeGreaterThan(clock.redAt!.getTime());

		app.clock.set(new Date(Math.max(clock.warnAt!.getTime(), app.clock.now().getTime()) + minute));
		await app.ctx.scheduler.tick();
		await app.ctx.scheduler.tick();
		await another().tick();
		expect(await warnings(id)).toEqual(['amber']);
		expect(await deadlineNotices(id)).toEqual(['deadline-amber']);

		// Into red: two processes pass at once; one of them fires it.
		app.clock.set(new Date(clock.redAt!.getTime() + minute));
		await Promise.all([app.ctx.scheduler.tick(), another().tick()]);
		expect(await warnings(id)).toEqual(['amber', 'red']);
		const [marked] = await app.ctx.db.select().from(clocks).where(eq(clocks.id, clock.id));
		expect(marked!.warnedFor?.getTime()).toBe(clock.dueAt!.getTime());
		expect(marked!.redWarnedFor?.getTime()).toBe(clock.dueAt!.getTime());

		// A restarted scheduler later in the red band repeats neither.
		app.clock.set(new Date(clock.redAt!.getTime() + 30 * minute));
		await another().tick();
		await app.ctx.scheduler.tick();
		expect(await warnings(id)).toEqual(['amber', 'red']);
		expect((await deadlineNotices(id)).sort()).toEqual(['deadline-amber', 'deadline-red']);
	});

	it('a clock whose amber band passed while nothing ran says red only, once', async () => {
		const { id, clock } = await assignedCase();
		app.clock.set(new Date(clock.redAt!.getTime() + minute));
		await Promise.all([another().tick(), another().tick()]);
		await app.ctx.scheduler.tick();
		expect(await warnings(id)).toEqual(['red']);
		expect(await deadlineNotices(id)).toEqual(['deadline-red']);
		// The due passes: a breach, and no warning after it.
		app.clock.set(new Date(clock.dueAt!.getTime() + minute));
		await another().tick();
		expect(await warnings(id)).toEqual(['red']);
		const events = await app.ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
		expect(
			events.filter((e) => e.type === 'clock:breached' && (e.after as { kind: string }).kind === 'completeness')
		).toHaveLength(1);
	});
});
