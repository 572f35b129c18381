/**
 * Webhook delivery benchmark (ADR-037), one process, on embedded PGlite and on PostgreSQL, to a
 * local receiver (node:http in this process, answering 200 at once):
 * 1. Throughput: a backlog of deliveries written while the worker is stopped (spread over cases,
 *    four events each, so per-case order holds lines back as it does in production); then the
 *    worker is started and timed until the receiver has accepted all. Beside it, in the same run,
 *    the naive alternative on an equal backlog: one delivery at a time — select the oldest pending,
 *    POST it, record the result — in a loop.
 * 2. Lag: the worker running, case events committed one per transaction at a steady rate; lag =
 *    receipt at the receiver − the commit's return, per delivery. Target: p99 < 1 s.
 * Run: npx tsx bench/webhooks.bench.ts [--quick]   (PostgreSQL from BENCH_DATABASE_URL)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/lib/server/config';
import { createAppContext, type AppContext } from '../src/lib/server/context';
import { createDb, rowsOf } from '../src/lib/server/db/client';
import { ManualClock } from '../src/lib/server/clock';
import { cases, organisations } from '../src/lib/server/db/schema';
import { appendCaseEvents, systemActor } from '../src/lib/server/audit/audit.repository';
import { signatureHeader } from '../src/lib/server/webhooks/signature';

const pgAdmin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const now = () => performance.timeOrigin + performance.now();
/** CPU time of this process (all its threads: PGlite's worker included) since `from`. */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
	const d = process.cpuUsage(from);
	return (d.user + d.system) / 1e6;
};

interface Receiver {
	url: string;
	/** Marker (the event's bench number) → receipt time. */
	got: Map<string, number>;
	count: number;
	close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
	const r: Receiver = { url: '', got: new Map(), count: 0, close: async () => {} };
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = JSON.parse(Buffer.concat(chunks).toString()) as { data: { details: { documentNumber?: string } } };
			const marker = body.data.details.documentNumber ?? '';
			if (!r.got.has(marker)) r.got.set(marker, now());
			r.count++;
			res.end('ok');
		});
	});
	server.keepAliveTimeout = 30_000;
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
	r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
	r.close = () =>
		new Promise<void>((ok) => {
			server.closeAllConnections();
			server.close(() => ok());
		});
	return r;
}

async function until(pred: () => boolean, ms: number) {
	const started = Date.now();
	while (!pred()) {
		if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
		await new Promise((ok) => setTimeout(ok, 5));
	}
}

async function openContext(url: string | undefined) {
	return createAppContext(
		loadConfig({ MERZIM_DATA_DIR: '/nonexistent', MERZIM_WEBHOOK_KEY: randomBytes(32).toString('hex') }),
		{
			clock: new ManualClock(new Date()),
			dbHandle: await createDb(url ? { url, poolSize: 5 } : { dataDir: 'memory://' })
		}
	);
}

async function makeCases(ctx: AppContext, n: number, tag: string): Promise<string[]> {
	const [org] = await ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Бенч»', legalAddress: 'Astana', city: 'Astana' })
		.onConflictDoNothing()
		.returning();
	const orgId =
		org?.id ?? rowsOf<{ id: number }>(await ctx.db.execute(sql`select id from organisations limit 1`))[0]!.id;
	const at = new Date();
	const rows = await ctx.db
		.insert(cases)
		.values(
			Array.from({ length: n }, (_, i) => ({
				number: `BENCH-${tag}-${i}`,
				service: 'export-licence',
				stage: 'under-review',
				applicantId: orgId,
				receivedAt: at,
				registeredOn: '2026-03-02',
				application: {},
				createdAt: at,
				updatedAt: at
			}))
		)
		.returning({ id: cases.id });
	return rows.map((r) => r.id);
}

/** One `case:decided` per call, its marker where the portal's view carries it. */
const decided = (marker: string) => ({
	type: 'case:decided',
	actor: systemActor,
	at: new Date(),
	after: { outcome: 'granted', documentNumber: marker }
});

/** The naive sender: the oldest pending delivery, POSTed, recorded; one at a time. */
async function naiveSend(ctx: AppContext, secret: string, url: string): Promise<number> {
	let sent = 0;
	for (;;) {
		const [row] = rowsOf<{ seq: number; id: string; body: string }>(
			await ctx.db.execute(
				sql`select seq, id, body from webhook_deliveries where status = 'pending' order by seq limit 1`
			)
		);
		if (!row) return sent;
		const res = await fetch(url, {
			method: 'POST',
			body: row.body,
			headers: {
				'content-type': 'application/json',
				'merzim-delivery': row.id,
				'merzim-signature': signatureHeader(secret, row.body, Math.floor(Date.now() / 1000))
			}
		});
		await res.body?.cancel();
		await ctx.db.execute(
			sql`update webhook_deliveries set status = 'delivered', attempts = attempts + 1, delivered_at = now() where seq = ${row.seq}`
		);
		sent++;
	}
}

async function leg(label: string, url: string | undefined, o: { backlog: number; rate: number; seconds: number }) {
	const ctx = await openContext(url);
	const receiver = await startReceiver();
	try {
		const { principal } = await ctx.tokens.issue({ name: 'portal', kind: 'portal' }, systemActor);
		const sub = await ctx.webhooks.create(
			{ tokenId: principal.id, url: receiver.url, events: ['case.decided'] },
			systemActor,
			[]
		);

		// 1. Throughput from a backlog: ours, then the naive loop on an equal backlog.
		const backlogCases = await makeCases(ctx, o.backlog / 4, `${label}-a`);
		const write = async (ids: string[], prefix: string) => {
			for (const [i, id] of ids.entries())
				await appendCaseEvents(
					ctx.db,
					id,
					[0, 1, 2, 3].map((k) => decided(`${prefix}-${i}-${k}`))
				);
		};
		await write(backlogCases, 'a');
		let t0 = now();
		let cpu0 = process.cpuUsage();
		ctx.webhookWorker.start();
		await until(() => receiver.count >= o.backlog, 120_000);
		const oursPerS = o.backlog / ((now() - t0) / 1000);
		const oursPerCpuS = o.backlog / cpuSeconds(cpu0);
		await ctx.webhookWorker.stop();

		const naiveCases = await makeCases(ctx, o.backlog / 4, `${label}-b`);
		await write(naiveCases, 'b');
		t0 = now();
		cpu0 = process.cpuUsage();
		const naive = await naiveSend(ctx, sub.secret, receiver.url);
		const naivePerS = naive / ((now() - t0) / 1000);
		const naivePerCpuS = naive / cpuSeconds(cpu0);

		// 2. Lag from commit, at a steady rate, the worker running.
		ctx.webhookWorker.start();
		const lagCases = await makeCases(ctx, 200, `${label}-c`);
		const committed = new Map<string, number>();
		const total = o.rate * o.seconds;
		const start = now();
		for (let i = 0; i < total; i++) {
			const due = start + (i * 1000) / o.rate;
			const wait = due - now();
			if (wait > 1) await new Promise((ok) => setTimeout(ok, wait));
			const marker = `c-${i}`;
			await appendCaseEvents(ctx.db, lagCases[i % lagCases.length]!, [decided(marker)]);
			committed.set(marker, now());
		}
		const achieved = total / ((now() - start) / 1000);
		await until(() => [...committed.keys()].every((m) => receiver.got.has(m)), 60_000);
		const lags = [...committed].map(([m, t]) => receiver.got.get(m)! - t).sort((a, b) => a - b);
		await ctx.webhookWorker.stop();

		console.log(
			`${label.padEnd(10)} throughput ours ${oursPerS.toFixed(0)} ` +
				`deliveries/s (${oursPerCpuS.toFixed(0)} per CPU-s),` +
				` naive sequential ${naivePerS.toFixed(0)} /s (${naivePerCpuS.toFixed(0)} ` +
				`per CPU-s) (${o.backlog} each) | lag at ` +
				`${achieved.toFixed(0)} commits/s: p50 ${pct(lags, 50).toFixed(1)} ms` +
				` p99 ${pct(lags, 99).toFixed(1)} ms max ${lags.at(-1)!.toFixed(1)} ms (${lags.length})`
		);
	} finally {
		await receiver.close();
		await ctx.dbHandle.close();
	}
}

export async function runWebhooksBench(o: { quick?: boolean } = {}) {
	const sizes = o.quick ? { backlog: 400, rate: 100, seconds: 3 } : { backlog: 2000, rate: 200, seconds: 10 };
	console.log('\nwebhooks: one process, receiver on 127.0.0.1 answering 200');
	await leg('PGlite', undefined, sizes);
	const name = `merzim_bench_hooks_${process.pid}`;
	const admin = postgres(pgAdmin, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	try {
		await leg('PostgreSQL', Object.assign(new URL(pgAdmin), { pathname: `/${name}` }).toString(), sizes);
	} finally {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

if (import.meta.url === `file://${process.argv[1]}`)
	await runWebhooksBench({ quick: process.argv.includes('--quick') });
