/**
 * A deadline whose firing is cut by `kill -9` — after the scheduler claimed the clock (the case row
 * locked, the breach and the marker written) and before the commit — fires exactly once, by another
 * process, on both databases. The built server (`node dist/server.js`) is told by the test hook
 * MERZIM_TEST_PAUSE_AFTER_CLAIM_MS to say on stdout which clock it claimed and to hold the firing
 * open; the test kills it there with SIGKILL.
 * Both branches of a firing are cut: a breach — the completeness check (2 working days, 001 p.12) of
 * an application received three weeks ago, recorded as `clock:breached` — and a deemed approval — a
 * consultation requested 16 days ago that no agency answered within its 10 working days, recorded as
 * `consultation:deemed-approved` (001 p.16). Both ran out while no server ran, so a server fires
 * them at start.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { dropDatabase, recreateDatabase } from '../helpers/test-db';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { createDb } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/server/clock';
import { caseEvents, clocks, consultations } from '../../src/lib/server/db/schema';
import { verifyAuditTrail } from '../../src/lib/server/audit/audit.repository';
import { spawnBuiltServer, type WatchedServer } from '../helpers/built-server';
import { createSchedulerActors, registerImportApplication } from '../helpers/scheduler-cases';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLAIMED = /scheduler: claimed the (?:deadline|warning) of clock ([0-9a-f-]+)/g;
const children: WatchedServer[] = [];
const dirs: string[] = [];

/** `node dist/server.js` on its own data directory and a free port, killed at the end if still running. */
function spawnServer(env: Record<string, string>, dataDir: string): WatchedServer {
	const server = spawnBuiltServer(env, dataDir);
	children.push(server);
	return server;
}

async function killHard(s: WatchedServer) {
	const exited = new Promise((r) => s.child.once('exit', (_code, signal) => r(signal)));
	s.child.kill('SIGKILL');
	expect(await exited).toBe('SIGKILL');
}

function tempDir() {
	const d = mkdtempSync(join(tmpdir(), 'merzim-kill-'));
	dirs.push(d);
	return d;
}

type Branch = 'breach' | 'deemed approval';
/** How far back the test's own clock starts: the consultation is requested then (001 p.16: 10 WD). */
const startOf = (branch: Branch) => new Date(Date.now() - (branch === 'deemed approval' ? 16 : 0) * 86_400_000);

/**
 * `breach`: an application received three weeks ago; its completeness check ran out long ago.
 * `deemed approval`: one checked complete 16 days ago and sent to the National Security Committee,
 * which never answered; its 10 working days ran out.
 */
async function seedOverdueCase(ctx: AppContext, branch: Branch) {
	const actors = await createSchedulerActors(ctx);
	const externalId = `KILL-${process.pid}-${branch.length}`;
	let caseId: string;
	if (branch === 'breach') {
		caseId = await registerImportApplication(ctx, actors, externalId, new Date(Date.now() - 21 * 86_400_000));
	} else {
		caseId = await registerImportApplication(ctx, actors, externalId, ctx.clock.now());
		await ctx.cases.staffAction(caseId, 'complete-check', { complete: true }, actors.head, null);
		await ctx.cases.staffAction(caseId, 'request-consultations', { agencies: ['nsc'] }, actors.head, null);
	}
	// What ran out while no server ran (and any other clock's warning or due that passed).
	const now = Date.now();
	const due = (await ctx.db.select().from(clocks).where(eq(clocks.caseId, caseId))).filter(
		(c) =>
			['running', 'overdue'].includes(c.state) &&
			c.firedFor === null &&
			((c.dueAt && c.dueAt.getTime() <= now) || (c.warnAt && c.warnAt.getTime() <= now))
	);
	// Only the deadline of the branch under test: the first claim, where the kill lands, is its.
	expect(due.map((c) => c.kind)).toContain(branch === 'breach' ? 'completeness' : 'consultation');
	if (branch === 'deemed approval') expect(due.map((c) => c.kind)).toEqual(['consultation']);
	const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
	return { caseId, due, eventIds: new Set(events.map((e) => e.id)) };
}

/** The case's events since it was seeded. */
async function newEvents(ctx: AppContext, seeded: Seeded) {
	const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, seeded.caseId));
	return events.filter((e) => !seeded.eventIds.has(e.id));
}

/** Each clock fired exactly once — its breach (or warning) recorded once, dated at its due — and its marker set. */
async function expectFiredOnce(ctx: AppContext, seeded: Seeded, branch: Branch) {
	if (branch === 'deemed approval') return expectDeemedOnce(ctx, seeded);
	const events = await newEvents(ctx, seeded);
	const keys = events.map((e) => `${e.type}|${(e.after as { kind?: string }).kind}`).sort();
	const expected = seeded.due
		.map((c) =>
			c.dueAt!.getTime() <= Date.now() ? `clock:breached|${c.kind}` : keys.find((k) => k.endsWith(`|${c.kind}`))
		)
		.sort();
	expect(keys).toEqual(expected);
	for (const before of seeded.due.filter((c) => c.dueAt!.getTime() <= Date.now())) {
		const breach = events.find(
			(e) => e.type === 'clock:breached' && (e.after as { kind: string }).kind === before.kind
		);
		expect(breach!.at.getTime()).toBe(before.dueAt!.getTime()); // stamped with its true due
		const [clock] = await ctx.db.select().from(clocks).where(eq(clocks.id, before.id));
		expect(clock!.firedFor?.getTime()).toBe(before.dueAt!.getTime());
		expect(clock!.state).toBe('overdue');
	}
	expect((await verifyAuditTrail(ctx.db)).breaks).toEqual([]);
}

/** The consultation deemed approved once, at its due (001 p.16), its clock marked fired, nothing breached. */
async function expectDeemedOnce(ctx: AppContext, seeded: Seeded) {
	const [before] = seeded.due;
	const events = await newEvents(ctx, seeded);
	const deemed = events.filter((e) => e.type === 'consultation:deemed-approved');
	expect(deemed).toHaveLength(1);
	expect(deemed[0]!.at.getTime()).toBe(before!.dueAt!.getTime());
	expect(events.filter((e) => e.type === 'clock:breached')).toEqual([]);
	const answers = await ctx.db.select().from(consultations).where(eq(consultations.caseId, seeded.caseId));
	expect(answers.map((c) => [c.decision, c.answeredAt?.getTime()])).toEqual([
		['deemed_approved', before!.dueAt!.getTime()]
	]);
	const [clock] = await ctx.db.select().from(clocks).where(eq(clocks.id, before!.id));
	expect(clock!.firedFor?.getTime()).toBe(before!.dueAt!.getTime());
	expect((await verifyAuditTrail(ctx.db)).breaks).toEqual([]);
}

type Seeded = Awaited<ReturnType<typeof seedOverdueCase>>;

/** The clocks a process announced it claimed, in order. */
const claimed = (s: WatchedServer) => [...s.output().matchAll(CLAIMED)].map((m) => m[1]);
const ids = (seeded: Seeded) => seeded.due.map((c) => c.id).sort();

afterAll(async () => {
	for (const s of children) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each<Branch>(['breach', 'deemed approval'])('a deadline firing cut by kill -9 (%s)', (branch) => {
	it('on PostgreSQL: another process skips it while it is held, and fires it once after the kill', async () => {
		const name = `merzim_kill_${process.pid}_${branch.length}`;
		const url = await recreateDatabase(adminUrl, name);
		const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
			clock: new ManualClock(startOf(branch)),
			dbHandle: await createDb({ url, poolSize: 2 })
		});
		const probe = postgres(url, { max: 1, onnotice: () => {} });
		try {
			const seeded = await seedOverdueCase(ctx, branch);

			const a = spawnServer({ DATABASE_URL: url, MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: '60000' }, tempDir());
			expect(ids(seeded)).toContain((await a.waitFor(CLAIMED))[1]);
			// A holds the case row; its breach is written but not committed.
			const held = await probe.begin(
				(tx) => tx`select id from cases where id = ${seeded.caseId} for update skip locked`
			);
			expect(held).toHaveLength(0);
			expect(await newEvents(ctx, seeded)).toEqual([]);

			// B (hook at 1 ms only to announce its claim) skips the held case: SKIP LOCKED, retried every 250 ms.
			const b = spawnServer({ DATABASE_URL: url, MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: '1' }, tempDir());
			await b.waitFor(/serving on/);
			await new Promise((r) => setTimeout(r, 1500));
			expect(b.output()).not.toMatch(CLAIMED);
			expect(await newEvents(ctx, seeded)).toEqual([]);

			await killHard(a);
			await b.waitFor(new RegExp(`(${CLAIMED.source}[^]*){${seeded.due.length}}`), 15_000);
			await new Promise((r) => setTimeout(r, 1000)); // time for a second firing to show, if any
			expect(claimed(b).sort()).toEqual(ids(seeded)); // each clock once
			await b.stop();
			await expectFiredOnce(ctx, seeded, branch);
		} finally {
			await probe.end();
			await ctx.dbHandle.close();
			await dropDatabase(adminUrl, name);
		}
	}, 90_000); // two server boots; a loaded machine takes a while

	it('on PGlite: the process opened next on the data directory fires it once at start', async () => {
		const dataDir = tempDir();
		const open = async (start = new Date()) =>
			createAppContext(loadConfig({ MERZIM_DATA_DIR: dataDir }), { clock: new ManualClock(start) });
		let ctx = await open(startOf(branch));
		const seeded = await seedOverdueCase(ctx, branch);
		await ctx.dbHandle.close(); // one process owns the data directory

		const a = spawnServer({ DATABASE_URL: '', MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: '60000' }, dataDir);
		expect(ids(seeded)).toContain((await a.waitFor(CLAIMED))[1]);
		await killHard(a);

		const b = spawnServer({ DATABASE_URL: '', MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: '1' }, dataDir);
		await b.waitFor(new RegExp(`(${CLAIMED.source}[^]*){${seeded.due.length}}`));
		await new Promise((r) => setTimeout(r, 1000)); // time for a second firing to show, if any
		expect(claimed(b).sort()).toEqual(ids(seeded)); // each clock once
		await b.stop();

		ctx = await open();
		try {
			await expectFiredOnce(ctx, seeded, branch);
		} finally {
			await ctx.dbHandle.close();
		}
	}, 90_000); // two server boots; a loaded machine takes a while
});

it('refuses the pause hook in production', () => {
	expect(() => loadConfig({ NODE_ENV: 'production', MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: '10' })).toThrow(
		/MERZIM_TEST_PAUSE_AFTER_CLAIM_MS/
	);
});
