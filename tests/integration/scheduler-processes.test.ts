/**
 * The durable scheduler in two server processes (`node dist/server.js`, simulated clock) on one
 * PostgreSQL: both are told to jump 30 days ahead at the same moment, and every deadline fires
 * exactly once — each consultation is deemed approved once (001 p.16), each breach recorded once,
 * stamped with its true due. Two processes cannot share an embedded PGlite, so this test always
 * runs on PostgreSQL (`.ci/run` starts it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, recreateDatabase } from '../helpers/test-db';
import { and, eq, inArray } from 'drizzle-orm';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { createDb } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/server/clock';
import { caseEvents, clocks, consultations } from '../../src/lib/server/db/schema';
import { startBuiltServer, type BuiltServer } from '../helpers/built-server';
import { HttpClient } from '../helpers/http-client';
import { TEST_PASSWORD } from '../helpers/test-app';
import { createSchedulerActors, registerImportApplication } from '../helpers/scheduler-cases';
import { verifyAuditTrail } from '../../src/lib/server/audit/audit.repository';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `merzim_sched_${process.pid}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
const CASES = 24;
let ctx: AppContext;
const servers: BuiltServer[] = [];
const caseIds: string[] = [];
const oldCases: string[] = [];

beforeAll(async () => {
	await recreateDatabase(adminUrl, name);
	// Minutes behind the servers' clocks (they start at the wall clock when they boot).
	ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
		clock: new ManualClock(new Date(Date.now() - 10 * 60_000)),
		dbHandle: await createDb({ url, poolSize: 4 })
	});
	const actors = await createSchedulerActors(ctx);
	for (let i = 0; i < CASES; i++) {
		const id = await registerImportApplication(ctx, actors, `SCHED-${i}`, ctx.clock.now());
		caseIds.push(id);
		// Half get their completeness check done and two consultations; the rest breach the 2-WD check.
		if (i % 2 === 0) {
			await ctx.cases.staffAction(id, 'complete-check', { complete: true }, actors.head, null);
			await ctx.cases.staffAction(id, 'request-consultations', { agencies: ['nsc', 'mod'] }, actors.head, null);
		}
	}
	// Two applications received three weeks ago whose completeness checks ran out while no server was
	// running: the scheduler announces them at start, dated at their true due (catch-up).
	for (let i = 0; i < 2; i++)
		oldCases.push(
			await registerImportApplication(
				ctx,
				actors,
				`SCHED-OLD-${i}`,
				new Date(ctx.clock.now().getTime() - 21 * 86_400_000)
			)
		);
	for (let i = 0; i < 2; i++) servers.push(await startBuiltServer({ DATABASE_URL: url, MERZIM_CLOCK: 'simulated' }));
}, 120_000);

afterAll(async () => {
	await Promise.all(servers.map((s) => s.stop()));
	await ctx?.dbHandle.close();
	await dropDatabase(adminUrl, name);
});

describe('the deadline scheduler in two processes on one PostgreSQL', () => {
	it('signs one user in on both processes at once, again and again, with an intact audit chain', async () => {
		// The chain of a stream is serialised by a transaction-scoped lock; an append outside a
		// transaction once forked it (duplicate seq, a 500 on sign-in).
		const statuses: number[] = [];
		for (let k = 0; k < 8; k++) {
			const answers = await Promise.all(
				servers.map((s, i) => new HttpClient(s.url, `10.6.${k}.${i}`).signIn('admin', TEST_PASSWORD))
			);
			statuses.push(...answers.map((a) => a.status));
		}
		expect(statuses.every((s) => s === 201)).toBe(true);
		expect((await verifyAuditTrail(ctx.db)).breaks).toEqual([]);
	});

	it('announces at start, once and at their true time, the deadlines that passed while no server ran', async () => {
		const until = Date.now() + 10_000;
		let breaches: (typeof caseEvents.$inferSelect)[] = [];
		while (Date.now() < until) {
			breaches = (await ctx.db.select().from(caseEvents).where(inArray(caseEvents.caseId, oldCases))).filter(
				(e) => e.type === 'clock:breached'
			);
			if (breaches.filter((e) => (e.after as { kind: string }).kind === 'completeness').length === 2) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		const completeness = breaches.filter((e) => (e.after as { kind: string }).kind === 'completeness');
		expect(completeness).toHaveLength(2);
		for (const e of completeness) {
			const after = e.after as { due: string; lagMs: number };
			expect(e.at.toISOString()).toBe(after.due);
			expect(after.lagMs).toBeGreaterThan(10 * 86_400_000); // fired long after its due: at start
		}
	});

	it('fires each deadline exactly once, with its true time', async () => {
		const clients = await Promise.all(
			servers.map(async (s, i) => {
				const c = new HttpClient(s.url, `10.7.0.${i + 1}`);
				expect((await c.signIn('admin', TEST_PASSWORD)).status).toBe(201);
				return c;
			})
		);
		const target = new Date(Date.now() + 30 * 86_400_000).toISOString();
		// Both processes jump at once; their background ticks run meanwhile too.
		const answers = await Promise.all(clients.map((c) => c.postJson('/api/v1/admin/clock', { now: target })));
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		// Each process fires what it can lock; a case busy in the other is taken on a later tick. Wait
		// until everything due has fired (or 20 s), then a little more for anything fired twice to show.
		const until = Date.now() + 20_000;
		const count = async (type: string) =>
			(
				await ctx.db
					.select({ id: caseEvents.id })
					.from(caseEvents)
					.where(and(inArray(caseEvents.caseId, caseIds), eq(caseEvents.type, type)))
			).length;
		while (
			Date.now() < until &&
			((await count('consultation:deemed-approved')) < CASES || (await count('clock:breached')) < CASES / 2)
		)
			await new Promise((r) => setTimeout(r, 200));
		await new Promise((r) => setTimeout(r, 1000));

		const events = await ctx.db.select().from(caseEvents).where(inArray(caseEvents.caseId, caseIds));
		const deemed = events.filter((e) => e.type === 'consultation:deemed-approved');
		expect(deemed).toHaveLength(CASES); // 12 cases × 2 agencies
		const perConsultation = new Map<string, number>();
		for (const e of deemed) {
			const k = `${e.caseId}|${(e.after as { agency: string }).agency}`;
			perConsultation.set(k, (perConsultation.get(k) ?? 0) + 1);
		}
		expect([...perConsultation.values()].every((n) => n === 1)).toBe(true);
		const answered = await ctx.db.select().from(consultations).where(inArray(consultations.caseId, caseIds));
		expect(
			answered.every((c) => c.decision === 'deemed_approved' && c.answeredAt!.getTime() === c.dueAt.getTime())
		).toBe(true);

		// Every clock that ran out has exactly one breach, dated at its due.
		const breaches = events.filter((e) => e.type === 'clock:breached');
		const keys = breaches.map(
			(e) => `${e.caseId}|${(e.after as { kind: string }).kind}|${(e.after as { subject: string | null }).subject}`
		);
		expect(new Set(keys).size).toBe(keys.length);
		expect(breaches.filter((e) => (e.after as { kind: string }).kind === 'completeness')).toHaveLength(CASES / 2);
		for (const e of breaches) expect(e.at.toISOString()).toBe((e.after as { due: string }).due);
		const overdue = await ctx.db.select().from(clocks).where(eq(clocks.state, 'overdue'));
		expect(overdue.every((c) => c.firedFor?.getTime() === c.dueAt?.getTime())).toBe(true);
		expect(answers.length).toBe(2);
	});
});
