/**
 * Fan-out of case events: N clients (default 1,000, in a child process) on one server process,
 * events committed at R per second (default 50) for D seconds (default 20; `--minutes 10` for the
 * long run). Latency from the event's commit time to receipt (p50/p99), events lost or doubled,
 * server memory per connection — and, in the same run, a bare socket.io broadcast of the same
 * payloads at the same rate to the same number of clients, so our pipeline's cost is a ratio.
 * Run: npx tsx bench/realtime.bench.ts [--clients 1000] [--rate 50] [--seconds 20]
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import postgres from 'postgres';
import { loadConfig } from '../src/lib/server/config';
import { createAppContext } from '../src/lib/server/context';
import { createDb } from '../src/lib/server/db/client';
import { startServer } from '../server/app';
import { joinProcesses } from '../server/realtime';
import { appendCaseEvent } from '../src/lib/server/audit/audit.repository';
import { startBuiltServer } from '../tests/helpers/built-server';
import { cases, organisations } from '../src/lib/server/db/schema';

interface Percentiles {
	p50: number;
	p99: number;
	max: number;
}
/** Delays from the event's `at` (set before its transaction) and, in `fromCommit`, from its commit. */
interface Result extends Percentiles {
	fromCommit: Percentiles;
	received: number;
	events: number;
	duplicates: number;
	perEventMin: number;
}

/** `raw`: minimal wire-protocol clients (see realtime-clients.mjs); `socket.io`: socket.io-client. */
export type ClientKind = 'raw' | 'socket.io';
let clientKind: ClientKind = 'raw';

function clients(url: string, n: number, cookie: string, eventName: string) {
	const child = spawn(process.execPath, ['bench/realtime-clients.mjs', url, String(n), cookie, eventName, clientKind], {
		stdio: ['pipe', 'pipe', 'inherit']
	});
	let out = '';
	const ready = new Promise<void>((ok) =>
		child.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('ready') && ok()))
	);
	return {
		ready,
		/** `commitOffsets[i]`: ms from event i's `at` to its commit (0 for a bare broadcast). */
		async finish(commitOffsets: number[] = []): Promise<Result> {
			const done = new Promise<string>((ok) =>
				child.stdout.on('data', () => /\{.*\}\n/s.test(out) && ok(out.slice(out.indexOf('{'))))
			);
			child.stdin.write(`report ${JSON.stringify(commitOffsets)}\n`);
			return JSON.parse(await done) as Result;
		}
	};
}

/** CPU time of this process over `seconds` of sending (plus the 1.5 s tail), as % of one core. */
const cpuShare = (u: NodeJS.CpuUsage, seconds: number) => Math.round((u.user + u.system) / 1e4 / (seconds + 1.5));
const fmt = (r: Percentiles) =>
	`p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  max ${String(r.max).padStart(5)} ms`;
const pct = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function pace(rate: number, seconds: number, send: (i: number) => Promise<void>) {
	const total = rate * seconds;
	const start = performance.now();
	for (let i = 0; i < total; i++) {
		const due = start + (i * 1000) / rate;
		const wait = due - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		await send(i);
	}
	return total;
}

export async function runRealtimeBench(
	opts: { clients?: number; rate?: number; seconds?: number; client?: ClientKind; deadEvery?: number } = {}
) {
	clientKind = opts.client ?? 'raw';
	const n = opts.clients ?? 1000;
	const rate = opts.rate ?? 50;
	const seconds = opts.seconds ?? 20;
	const deadEvery = opts.deadEvery ?? 0;
	console.log(
		`\n## Socket fan-out: ${n} clients, ${rate} events/s for ${seconds} s (${clientKind} clients in a child process)` +
			(deadEvery ? `; before every ${deadEvery}th event a writer draws an outbox id and dies (rolls back)` : '')
	);

	// Ours: committed case events through the outbox publisher, on PostgreSQL when given (the
	// production set-up for several processes), else on embedded PGlite (same event loop as the server).
	const pgUrl = process.env.BENCH_DATABASE_URL;
	let dropDb = async () => {};
	let dbUrl: string | undefined;
	if (pgUrl) {
		const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe('drop database if exists merzim_bench_rt with (force)');
		await admin.unsafe('create database merzim_bench_rt');
		dbUrl = Object.assign(new URL(pgUrl), { pathname: '/merzim_bench_rt' }).toString();
		dropDb = async () => {
			await admin.unsafe('drop database if exists merzim_bench_rt with (force)');
			await admin.end();
		};
	}
	console.log(`database: ${dbUrl ? 'PostgreSQL' : 'PGlite'}`);
	const dbHandle = await createDb(dbUrl ? { url: dbUrl } : { dataDir: 'memory://' });
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), { dbHandle });
	process.env.ADDRESS_HEADER = 'x-bench-ip';
	const server = await startServer(ctx, {
		port: 0,
		host: '127.0.0.1',
		publishEveryMs: Number(process.env.BENCH_PUBLISH_MS ?? 150),
		socketsPerSession: Infinity // one session stands in for many browsers
	});
	await ctx.users.create(
		{ username: 'sue', displayName: 'Sue', password: 'bench password', roles: ['supervisor'] },
		{ userId: null, label: 'bench' }
	);
	const login = await fetch(`${server.url}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url, 'x-bench-ip': '10.0.0.1' },
		body: JSON.stringify({ username: 'sue', password: 'bench password' })
	});
	const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
	const [org] = await ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'Bench', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const now = new Date();
	const [c] = await ctx.db
		.insert(cases)
		.values({
			number: 'B-1',
			service: 'export-licence',
			stage: 'x',
			applicantId: org!.id,
			receivedAt: now,
			registeredOn: '2026-01-01',
			application: {},
			createdAt: now,
			updatedAt: now
		})
		.returning();
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const ours = clients(server.url, n, cookie, 'case:stage-changed');
	await ours.ready;
	global.gc?.();
	const perConnection = (process.memoryUsage().heapUsed - heapBefore) / n;
	const offsets: number[] = [];
	const cpu1 = process.cpuUsage();
	const sent = await pace(rate, seconds, async (i) => {
		// A writer that dies after drawing its id (a killed process's transaction ends the same way):
		// the next event stands behind an id that will never commit.
		if (deadEvery && i % deadEvery === deadEvery - 1)
			await ctx.db
				.transaction(async (tx) => {
					await appendCaseEvent(tx, c!.id, {
						type: 'case:stage-changed',
						actor: { userId: null, label: 'bench' },
						at: new Date(),
						after: { stage: 'dead' }
					});
					throw new Error('dead writer');
				})
				.catch(() => {});
		const at = new Date();
		await ctx.db.transaction((tx) =>
			appendCaseEvent(tx, c!.id, {
				type: 'case:stage-changed',
				actor: { userId: null, label: 'bench' },
				at,
				after: { stage: `s${i}` }
			})
		);
		offsets[i] = Date.now() - at.getTime();
	});
	await new Promise((r) => setTimeout(r, 1500));
	const cpuOurs = cpuShare(process.cpuUsage(cpu1), seconds);
	const r1 = await ours.finish(offsets);
	await server.close();
	await dbHandle.close();
	await dropDb();

	// Bare: the same payloads broadcast by a plain socket.io server.
	const http = createServer();
	const bare = new Server(http, { serveClient: false });
	await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
	const bareUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	const plain = clients(bareUrl, n, '-', 'case:stage-changed');
	await plain.ready;
	const cpu2 = process.cpuUsage();
	await pace(rate, seconds, async (i) => {
		bare.emit('case:stage-changed', {
			id: i + 1,
			type: 'case:stage-changed',
			caseId: c!.id,
			caseNumber: 'B-1',
			at: new Date().toISOString(),
			actor: 'bench',
			citation: null,
			payload: { stage: `s${i}` }
		});
	});
	await new Promise((r) => setTimeout(r, 1500));
	const cpuBare = cpuShare(process.cpuUsage(cpu2), seconds);
	const r2 = await plain.finish();
	// Awaited: the bare server has closed its sockets before the next phase measures anything.
	await bare.close();

	const line = (label: string, r: Result) =>
		`${label.padEnd(34)} ${fmt(r.fromCommit)}  events ${r.events}/${sent}  lost ${sent - r.events}  doubled ${r.duplicates}  min copies ${r.perEventMin}/${n}`;
	console.log(line('ours (commit → outbox → socket)', r1));
	console.log(line('bare socket.io broadcast', r2));
	console.log(
		`${'ours, from before the transaction'.padEnd(34)} ${fmt(r1)}  (transaction p50 ${pct(offsets, 50)} ms, p99 ${pct(offsets, 99)} ms)`
	);
	console.log(
		`server process CPU while sending: ours ${cpuOurs}% of a core (with the embedded database's work when on PGlite), bare ${cpuBare}%`
	);
	console.log(
		`p99 ratio ours/bare (from commit): ${(r1.fromCommit.p99 / Math.max(1, r2.fromCommit.p99)).toFixed(2)}x; server heap per connection: ${(perConnection / 1024).toFixed(1)} KiB`
	);
}

/**
 * Two server processes on one PostgreSQL joined by Redis (A in this process, B the production build
 * in a child process); half the clients on each. Events are committed through A; B learns of them
 * from the nudge A sends through the Redis adapter (or its poll) and publishes the shared outbox to
 * its own clients. Needs `npm run build`.
 */
export async function runRealtimeTwoProcessBench(
	opts: { clients?: number; rate?: number; seconds?: number; client?: ClientKind } = {}
) {
	clientKind = opts.client ?? 'raw';
	const n = opts.clients ?? 1000;
	const rate = opts.rate ?? 50;
	const seconds = opts.seconds ?? 20;
	const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
	console.log(
		`\n## Socket fan-out across two processes with Redis: ${n} ${clientKind} clients (${n / 2} on each), ${rate} events/s for ${seconds} s`
	);
	const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe('drop database if exists merzim_bench_rt2 with (force)');
	await admin.unsafe('create database merzim_bench_rt2');
	const dbUrl = Object.assign(new URL(pgUrl), { pathname: '/merzim_bench_rt2' }).toString();
	process.env.ADDRESS_HEADER = 'x-bench-ip';
	// A: in this process, so the bench commits through it; B: `node dist/server.js`, a real second process.
	const ctxA = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent', REDIS_URL: redisUrl }), {
		dbHandle: await createDb({ url: dbUrl })
	});
	const serverA = await startServer(ctxA, {
		port: 0,
		host: '127.0.0.1',
		scheduler: false,
		socketsPerSession: Infinity // one session stands in for many browsers
	});
	await ctxA.users.create(
		{ username: 'sue', displayName: 'Sue', password: 'bench password', roles: ['supervisor'] },
		{ userId: null, label: 'bench' }
	);
	const serverB = await startBuiltServer({ DATABASE_URL: dbUrl, REDIS_URL: redisUrl, ADDRESS_HEADER: 'x-bench-ip' });
	const login = await fetch(`${serverA.url}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: serverA.url, 'x-bench-ip': '10.0.0.1' },
		body: JSON.stringify({ username: 'sue', password: 'bench password' })
	});
	const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
	const [org] = await ctxA.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'Bench', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const now = new Date();
	const [c] = await ctxA.db
		.insert(cases)
		.values({
			number: 'B-1',
			service: 'export-licence',
			stage: 'x',
			applicantId: org!.id,
			receivedAt: now,
			registeredOn: '2026-01-01',
			application: {},
			createdAt: now,
			updatedAt: now
		})
		.returning();
	const onA = clients(serverA.url, n / 2, cookie, 'case:stage-changed');
	const onB = clients(serverB.url, n / 2, cookie, 'case:stage-changed');
	await Promise.all([onA.ready, onB.ready]);
	const offsets: number[] = [];
	const sent = await pace(rate, seconds, async (i) => {
		const at = new Date();
		await ctxA.db.transaction((tx) =>
			appendCaseEvent(tx, c!.id, {
				type: 'case:stage-changed',
				actor: { userId: null, label: 'bench' },
				at,
				after: { stage: `s${i}` }
			})
		);
		offsets[i] = Date.now() - at.getTime();
	});
	await new Promise((r) => setTimeout(r, 1500));
	const [ra, rb] = await Promise.all([onA.finish(offsets), onB.finish(offsets)]);
	await serverA.close();
	await ctxA.dbHandle.close();
	await serverB.stop();
	await admin.unsafe('drop database if exists merzim_bench_rt2 with (force)');
	await admin.end();

	// Bare, in the same run: two plain socket.io processes joined by the same Redis adapter; A (in this
	// process) broadcasts the same payloads at the same rate, reaching B's clients through Redis.
	const [bareA, bareB] = await Promise.all([bareRedisServer(redisUrl, false), bareRedisServer(redisUrl, true)]);
	const plainA = clients(bareA.url, n / 2, '-', 'case:stage-changed');
	const plainB = clients(bareB.url, n / 2, '-', 'case:stage-changed');
	await Promise.all([plainA.ready, plainB.ready]);
	await pace(rate, seconds, async (i) => {
		bareA.emit({
			id: i + 1,
			type: 'case:stage-changed',
			caseId: c!.id,
			caseNumber: 'B-1',
			at: new Date().toISOString(),
			actor: 'bench',
			citation: null,
			payload: { stage: `s${i}` }
		});
	});
	await new Promise((r) => setTimeout(r, 1500));
	const [pa, pb] = await Promise.all([plainA.finish(), plainB.finish()]);
	await Promise.all([bareA.close(), bareB.close()]);

	const line = (label: string, r: Result) =>
		`${label.padEnd(34)} ${fmt(r.fromCommit)}  events ${r.events}/${sent}  lost ${sent - r.events}  doubled ${r.duplicates}  min copies ${r.perEventMin}/${n / 2}`;
	console.log(line('ours: clients on A (committing)', ra));
	console.log(line('ours: clients on B (via Redis)', rb));
	console.log(line('bare: clients on A (broadcasting)', pa));
	console.log(line('bare: clients on B (via Redis)', pb));
	console.log(
		`(ours: latency from commit; transactions took p50 ${pct(offsets, 50)} ms, p99 ${pct(offsets, 99)} ms before it)`
	);
	console.log(
		`p99 ratio ours/bare: A ${(ra.fromCommit.p99 / Math.max(1, pa.fromCommit.p99)).toFixed(2)}x, B ${(rb.fromCommit.p99 / Math.max(1, pb.fromCommit.p99)).toFixed(2)}x`
	);
}

/**
 * A bare socket.io server joined to the others by the Redis adapter: in this process (`child`
 * false; `emit` broadcasts to every process) or as bench/bare-redis-server.mjs in a child process.
 */
async function bareRedisServer(redisUrl: string, child: boolean) {
	const key = 'merzim-bench-bare';
	if (child) {
		const proc = spawn(process.execPath, ['bench/bare-redis-server.mjs', redisUrl, key], {
			stdio: ['pipe', 'pipe', 'inherit']
		});
		let out = '';
		const port = await new Promise<number>((ok) =>
			proc.stdout.on(
				'data',
				(d: Buffer) => ((out += d.toString()), /port (\d+)/.test(out) && ok(Number(/port (\d+)/.exec(out)![1])))
			)
		);
		return {
			url: `http://127.0.0.1:${port}`,
			emit: () => {
				throw new Error('broadcast from process A');
			},
			close: () => new Promise<void>((ok) => (proc.once('exit', () => ok()), proc.stdin.end()))
		};
	}
	const http = createServer();
	const io = new Server(http, { serveClient: false });
	const leaveRedis = await joinProcesses(io, redisUrl, key); // as the app joins its processes
	await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
	return {
		url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
		emit: (payload: Record<string, unknown>) => void io.emit('case:stage-changed', payload),
		close: async () => {
			await io.close();
			await leaveRedis();
		}
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({
		options: {
			clients: { type: 'string' },
			rate: { type: 'string' },
			seconds: { type: 'string' },
			minutes: { type: 'string' },
			processes: { type: 'string' },
			client: { type: 'string' },
			'dead-every': { type: 'string' }
		}
	});
	const o = {
		clients: values.clients ? Number(values.clients) : undefined,
		rate: values.rate ? Number(values.rate) : undefined,
		seconds: values.minutes ? Number(values.minutes) * 60 : values.seconds ? Number(values.seconds) : undefined,
		client: values.client === 'socket.io' ? ('socket.io' as const) : ('raw' as const),
		deadEvery: values['dead-every'] ? Number(values['dead-every']) : undefined
	};
	if (values.processes === '2') await runRealtimeTwoProcessBench(o);
	else await runRealtimeBench(o);
	process.exit(0);
}
