/**
 * A deadline whose firing is cut by `kill -9` — after the scheduler claimed the clock (the case row
 * locked, the breach and the marker written) and before the commit — fires exactly once, by another
 * process, on both databases. The built server (`node dist/server.js`) is told by the test hook
 * MERZIM_TEST_PAUSE_AFTER_CLAIM_MS to say on stdout which clock it claimed and to hold the firing
 * open; the test kills it there with SIGKILL.
 * The deadline is a completeness check (2 working days, 001 p.12) of an application received three
 * weeks ago: it ran out while no server ran, so a server fires it at start, as `clock:breached`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
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
import { caseEvents, clocks } from '../../src/lib/server/db/schema';
import { verifyAuditTrail } from '../../src/lib/server/audit/audit.repository';
import { TEST_PASSWORD } from '../helpers/test-app';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLAIMED = /scheduler: claimed the (?:deadline|warning) of clock ([0-9a-f-]+)/g;
const children: Server[] = [];
const dirs: string[] = [];

interface Server {
	child: ChildProcess;
	output(): string;
	waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>;
}

/** `node dist/server.js` on its own data directory and a free port; `waitFor` watches its output. */
function spawnServer(env: Record<string, string>, dataDir: string): Server {
	const child = spawn(process.execPath, ['dist/server.js'], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MERZIM_DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	const listeners = new Set<() => void>();
	const onData = (chunk: Buffer) => {
		out += chunk.toString();
		for (const l of listeners) l();
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const server: Server = {
		child,
		output: () => out,
		waitFor: (re, ms = 30_000) =>
			new Promise((resolve, reject) => {
				const check = () => {
					const m = new RegExp(re.source).exec(out);
					if (m) {
						done();
						resolve(m);
					}
				};
				const timer = setTimeout(() => {
					done();
					reject(new Error(`no ${re} within ${ms} ms:\n${out}`));
				}, ms);
				const exited = () => {
					done();
					reject(new Error(`server exited before ${re}:\n${out}`));
				};
				const done = () => {
					clearTimeout(timer);
					listeners.delete(check);
					child.off('exit', exited);
				};
				listeners.add(check);
				child.once('exit', exited);
				check();
			})
	};
	children.push(server);
	return server;
}

async function killHard(s: Server) {
	const exited = new Promise((r) => s.child.once('exit', (_code, signal) => r(signal)));
	s.child.kill('SIGKILL');
	expect(await exited).toBe('SIGKILL');
}

async function stopGently(s: Server) {
	if (s.child.exitCode !== null || s.child.signalCode !== null) return;
	const exited = new Promise((r) => s.child.once('exit', r));
	s.child.kill('SIGTERM');
	await exited;
}

function tempDir() {
	const d = mkdtempSync(join(tmpdir(), 'merzim-kill-'));
	dirs.push(d);
	return d;
}

/** An application received three weeks ago: its completeness check ran out long ago. */
async function seedOverdueCase(ctx: AppContext) {
	// A user, so that the servers do not seed the demo into the database.
	await ctx.users.create(
		{ username: 'admin', displayName: 'Admin', password: TEST_PASSWORD, roles: ['admin'] },
		{ userId: null, label: 'test' }
	);
	const { principal } = await ctx.tokens.issue({ name: 'portal', kind: 'portal' }, { userId: null, label: 'test' });
	const r = await ctx.cases.register(
		{
			service: 'import-licence',
			externalId: `KILL-${process.pid}`,
			receivedAt: new Date(Date.now() - 21 * 86_400_000).toISOString(),
			applicant: { bin: '000740001307', name: 'ТОО «Планировщик»', legalAddress: 'Astana' },
			goodsLines: [
				{
					hsCode: '8526910000',
					controlCode: '5А002',
					description: 'Crypto module',
					quantity: 1,
					unit: 'pcs',
					value: 10,
					currency: 'USD'
				}
			],
			counterparty: { name: 'Acme', country: 'DE' }
		},
		principal,
		null
	);
	const caseId = (r.body as { id: string }).id;
	// Its completeness check ran out while no server ran (and any other clock's warning or due that passed).
	const now = Date.now();
	const due = (await ctx.db.select().from(clocks).where(eq(clocks.caseId, caseId))).filter(
		(c) =>
			['running', 'overdue'].includes(c.state) &&
			c.firedFor === null &&
			((c.dueAt && c.dueAt.getTime() <= now) || (c.warnAt && c.warnAt.getTime() <= now))
	);
	expect(due.map((c) => c.kind)).toContain('completeness');
	const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
	return { caseId, due, eventIds: new Set(events.map((e) => e.id)) };
}

/** The case's events since it was seeded. */
async function newEvents(ctx: AppContext, seeded: Seeded) {
	const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, seeded.caseId));
	return events.filter((e) => !seeded.eventIds.has(e.id));
}

/** Each clock fired exactly once — its breach (or warning) recorded once, dated at its due — and its marker set. */
async function expectFiredOnce(ctx: AppContext, seeded: Seeded) {
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

type Seeded = Awaited<ReturnType<typeof seedOverdueCase>>;

/** The clocks a process announced it claimed, in order. */
const claimed = (s: Server) => [...s.output().matchAll(CLAIMED)].map((m) => m[1]);
const ids = (seeded: Seeded) => seeded.due.map((c) => c.id).sort();

afterAll(async () => {
	for (const s of children) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a deadline firing cut by kill -9', () => {
	it('on PostgreSQL: another process skips it while it is held, and fires it once after the kill', async () => {
		const name = `merzim_kill_${process.pid}`;
		const url = await recreateDatabase(adminUrl, name);
		const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
			clock: new ManualClock(new Date()),
			dbHandle: await createDb({ url, poolSize: 2 })
		});
		const probe = postgres(url, { max: 1, onnotice: () => {} });
		try {
			const seeded = await seedOverdueCase(ctx);

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
			await stopGently(b);
			await expectFiredOnce(ctx, seeded);
		} finally {
			await probe.end();
			await ctx.dbHandle.close();
			await dropDatabase(adminUrl, name);
		}
	}, 90_000); // two server boots; a loaded machine takes a while

	it('on PGlite: the process opened next on the data directory fires it once at start', async () => {
		const dataDir = tempDir();
		const open = async () =>
			createAppContext(loadConfig({ MERZIM_DATA_DIR: dataDir }), { clock: new ManualClock(new Date()) });
		let ctx = await open();
		const seeded = await seedOverdueCase(ctx);
		await ctx.dbHandle.close(); // one process owns the data directory

		const a = spawnServer({ DATABASE_URL: '', MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: '60000' }, dataDir);
		expect(ids(seeded)).toContain((await a.waitFor(CLAIMED))[1]);
		await killHard(a);

		const b = spawnServer({ DATABASE_URL: '', MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: '1' }, dataDir);
		await b.waitFor(new RegExp(`(${CLAIMED.source}[^]*){${seeded.due.length}}`));
		await new Promise((r) => setTimeout(r, 1000)); // time for a second firing to show, if any
		expect(claimed(b).sort()).toEqual(ids(seeded)); // each clock once
		await stopGently(b);

		ctx = await open();
		try {
			await expectFiredOnce(ctx, seeded);
		} finally {
			await ctx.dbHandle.close();
		}
	}, 90_000); // two server boots; a loaded machine takes a while

	it('refuses the pause hook in production', () => {
		expect(() => loadConfig({ NODE_ENV: 'production', MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: '10' })).toThrow(
			/MERZIM_TEST_PAUSE_AFTER_CLAIM_MS/
		);
	});
});
