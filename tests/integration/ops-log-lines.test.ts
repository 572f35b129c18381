/**
 * The production server (node dist/server.js, a child process whose whole output is kept) writes
 * its scheduler firings, webhook attempts and outbox lag as pino JSON lines an operator can query:
 * component, message, level, and each lag in milliseconds as a number, measured against what the
 * test knows of the real times (a deadline that ran out while no server ran, 001 p.15 para 1
 * completeness check; webhooks enqueued before the server started). None of those lines names the
 * receiver's URL, its secret or the applicant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';
import { logLines, opsEnv, startOpsServer, withContext, type OpsServer } from '../helpers/ops-server';
import { createSchedulerActors, registerImportApplication } from '../helpers/scheduler-cases';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';
import { clocks } from '../../src/lib/server/db/schema';

type Line = Record<string, unknown>;

const dataDir = mkdtempSync(join(tmpdir(), 'merzim-oplog-'));
const dbName = `merzim_ops_log_lines_${process.pid}`;
const KEY = randomBytes(32).toString('hex');
let env: Record<string, string>;
let receiver: Receiver;
let server: OpsServer | null = null;
let secret = '';
/**
 * The completeness clock that ran out three weeks ago: its due, and the first point of it that
 * fired late (its warning, never sent while no server ran; the lag counts from there).
 */
let overdue: { id: string; dueAt: Date; firstAt: Date };
/** Just before the webhooks were enqueued, and just after (before the server started). */
let enqueuedFrom = 0;
let enqueuedBy = 0;

/** Waits until a JSON line of the server's output matches, and returns it. */
async function lineWhere(pred: (l: Line) => boolean, ms = 30_000): Promise<Line> {
	const until = Date.now() + ms;
	for (;;) {
		const found = logLines(server!.output()).find(pred);
		if (found) return found;
		if (Date.now() > until) throw new Error(`no such log line in:\n${server!.output()}`);
		await new Promise((ok) => setTimeout(ok, 50));
	}
}

beforeAll(async () => {
	// The first attempt of all is refused (503), the others accepted: one line of each kind.
	receiver = await startReceiver(() => (receiver.received.length === 0 ? 503 : 200));
	const databaseUrl = usingPostgres ? await recreateDatabase(process.env.DATABASE_URL!, dbName) : undefined;
	env = opsEnv({ dataDir, databaseUrl }, { MERZIM_WEBHOOK_KEY: KEY, LAG_LOG_SECONDS: '1' });
	await withContext(env, async (ctx) => {
		const actors = await createSchedulerActors(ctx);
		const sub = await ctx.webhooks.create(
			{ tokenId: actors.portal.id, url: receiver.url, events: ['case.registered'] },
			{ userId: null, label: 'test' },
			[]
		);
		secret = sub.secret;
		enqueuedFrom = Date.now();
		// Received three weeks ago: its completeness check (2 working days, 001 p.15 para 1) ran out long ago.
		const caseId = await registerImportApplication(
			ctx,
			actors,
			`OPLOG-${process.pid}-1`,
			new Date(Date.now() - 21 * 86_400_000)
		);
		await registerImportApplication(ctx, actors, `OPLOG-${process.pid}-2`, new Date());
		enqueuedBy = Date.now();
		const due = (await ctx.db.select().from(clocks).where(eq(clocks.caseId, caseId))).find(
			(c) => c.kind === 'completeness'
		);
		const points = [due!.warnAt, due!.redAt, due!.dueAt].filter((d): d is Date => d !== null);
		overdue = { id: due!.id, dueAt: due!.dueAt!, firstAt: new Date(Math.min(...points.map((d) => d.getTime()))) };
		expect(overdue.dueAt.getTime()).toBeLessThan(Date.now() - 7 * 86_400_000);
	});
	server = await startOpsServer(env);
}, 120_000);

afterAll(async () => {
	if (server) {
		server.signal('SIGKILL');
		await server.exited;
	}
	await receiver?.close();
	if (usingPostgres) await dropDatabase(process.env.DATABASE_URL!, dbName);
	rmSync(dataDir, { recursive: true, force: true });
});

describe('operations log lines', () => {
	it('a scheduler firing: component, what, the clock, and how late it fired in ms', async () => {
		const line = await lineWhere((l) => l.msg === 'scheduler fired' && l.clockId === overdue.id);
		const seen = Date.now();
		expect(line).toMatchObject({ component: 'scheduler', level: 30, what: 'deadline' });
		expect(typeof line.lagMs).toBe('number');
		expect(line.lagMs as number).toBeGreaterThanOrEqual(enqueuedBy - overdue.firstAt.getTime());
		expect(line.lagMs as number).toBeLessThanOrEqual(seen - overdue.firstAt.getTime());
		expect(typeof line.time).toBe('string');
		expect(typeof line.pid).toBe('number');
	});

	it('each webhook attempt: outcome, attempt number, lag from its enqueue and duration in ms', async () => {
		const delivered = await lineWhere((l) => l.msg === 'webhook delivered');
		const failed = await lineWhere((l) => l.msg === 'webhook attempt failed');
		const seen = Date.now();
		expect(delivered).toMatchObject({ component: 'webhooks', level: 30, outcome: 'delivered' });
		expect(failed).toMatchObject({ component: 'webhooks', level: 40, outcome: 'retrying', attempt: 1 });
		const accepted = receiver.received.filter((r) => r.answer === 200);
		expect(accepted.length).toBeGreaterThanOrEqual(1);
		for (const l of [delivered, failed]) {
			expect(typeof l.lagMs).toBe('number');
			expect(typeof l.durationMs).toBe('number');
			expect(Number.isInteger(l.lagMs)).toBe(true);
			// Enqueued before the server started, sent after: the lag spans the wait in between.
			expect(l.lagMs as number).toBeLessThanOrEqual(seen - enqueuedFrom);
		}
		expect(delivered.lagMs as number).toBeGreaterThanOrEqual(accepted[0]!.at - enqueuedBy - 5);
		expect(failed.lagMs as number).toBeGreaterThanOrEqual(receiver.received[0]!.at - enqueuedBy - 5);
	});

	it('the outbox lag every LAG_LOG_SECONDS: events not yet published and for how long, in ms', async () => {
		const line = await lineWhere((l) => l.component === 'outbox');
		expect(line).toMatchObject({ msg: 'outbox caught up', level: 20, lagEvents: 0, lagMs: 0 });
		// Every second, not once.
		await lineWhere((l) => l.component === 'outbox' && l.time !== line.time, 5_000);
	});

	it('names neither the receiver, its secret nor the applicant', () => {
		const out = server!.output();
		expect(secret.length).toBeGreaterThan(10);
		expect(out).not.toContain(secret);
		expect(out).not.toContain(receiver.url);
		expect(out).not.toContain('Планировщик');
		expect(out).not.toContain(KEY);
	});
});
