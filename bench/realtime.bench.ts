/**
 * Fan-out of case events: N clients (default 1,000, in child processes) on one server process or
 * two joined by Redis, events committed at R per second (default 50) for D seconds (default 20;
 * `--minutes 10` for the long run). Latency from each event's commit to its receipt in every client
 * (p50/p99, and the worst stall: the longest any copy took), events lost or doubled, server memory
 * per connection — and, in the same run, bare socket.io servers (joined by the same Redis adapter)
 * broadcasting the same payloads at the same rate to the same number of clients, so our pipeline's
 * cost is a ratio.
 * Run: npx tsx --expose-gc bench/realtime.bench.ts [--clients 1000] [--rate 50] [--seconds 20]
 *   [--processes 1|2] [--adapter none|classic|streams] [--dead-every N] [--client raw|socket.io]
 * `--dead-every N`: before every Nth event a writer draws an outbox id and dies — on PostgreSQL a
 * psql process holds the id open for 100 ms in its transaction and is killed with SIGKILL; on
 * PGlite the writer rolls back.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import postgres from 'postgres';
import { loadConfig } from '../src/lib/server/config';
import { createAppContext, type AppContext } from '../src/lib/server/context';
import { createDb, type Db } from '../src/lib/server/db/client';
import { startServer } from '../server/app';
import { surviveDriverFailures } from '../src/lib/server/db/driver-guards';
import { joinProcesses, type RedisAdapterKind } from '../server/realtime';
import { appendCaseEvent } from '../src/lib/server/audit/audit.repository';
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

export interface FanOutOptions {
	clients?: number;
	rate?: number;
	seconds?: number;
	client?: ClientKind;
	/** 1: one server process; 2: A in this process (it commits), B a child, half the clients on each. */
	processes?: 1 | 2;
	/** `none` (one process only: no Redis), or the socket.io Redis adapter joining the processes. */
	adapter?: 'none' | RedisAdapterKind;
	deadEvery?: number;
}

const HOLD_MS = 100;
const PAYLOAD = (i: number, caseId: string) => ({
	id: i + 1,
	type: 'case:stage-changed',
	caseId,
	caseNumber: 'B-1',
	at: new Date().toISOString(),
	actor: 'bench',
	citation: null,
	payload: { stage: `s${i}` }
});

function clients(url: string, n: number, cookie: string, kind: ClientKind) {
	const child = spawn(
		process.execPath,
		['bench/realtime-clients.mjs', url, String(n), cookie, 'case:stage-changed', kind],
		{ stdio: ['pipe', 'pipe', 'inherit'] }
	);
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
	`p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  worst ${String(r.max).padStart(5)} ms`;
const pct = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pace(rate: number, seconds: number, send: (i: number) => Promise<void>) {
	const total = rate * seconds;
	const start = performance.now();
	for (let i = 0; i < total; i++) {
		const wait = start + (i * 1000) / rate - performance.now();
		if (wait > 0) await sleep(wait);
		await send(i);
	}
	return total;
}

/** A fresh PostgreSQL database when `pgUrl` is given, else embedded PGlite in memory. */
async function openDatabase(pgUrl: string | undefined, name: string) {
	if (!pgUrl) return { url: undefined, dbHandle: await createDb({ dataDir: 'memory://' }), drop: async () => {} };
	const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	const url = Object.assign(new URL(pgUrl), { pathname: `/${name}` }).toString();
	return {
		url,
		dbHandle: await createDb({ url }),
		drop: async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

/** A supervisor signed in (every client shares the cookie) and the case the events are about. */
async function seedBench(ctx: AppContext, url: string) {
	await ctx.users.create(
		{ username: 'sue', displayName: 'Sue', password: 'bench password', roles: ['supervisor'] },
		{ userId: null, label: 'bench' }
	);
	const login = await fetch(`${url}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url, 'x-bench-ip': '10.0.0.1' },
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
	return { cookie, caseId: c!.id };
}

const stageChange = (at: Date, stage: string) => ({
	type: 'case:stage-changed' as const,
	actor: { userId: null, label: 'bench' },
	at,
	after: { stage }
});

/**
 * A writer that dies after drawing its outbox id: the events after it stand behind an id that will
 * never commit. On PostgreSQL a process holding the id open is killed -9; on PGlite it rolls back.
 */
function deadWriter(db: Db, caseId: string, dbUrl: string | undefined) {
	if (!dbUrl)
		return () =>
			db
				.transaction(async (tx) => {
					await appendCaseEvent(tx, caseId, stageChange(new Date(), 'dead'));
					throw new Error('dead writer');
				})
				.catch(() => {});
	let killed = 0;
	const die = () => {
		// psql, idle in its transaction after drawing the id, as a server process is between statements.
		const psql = spawn('psql', ['-qAt', dbUrl], { stdio: ['pipe', 'pipe', 'ignore'] });
		psql.stdin.write("begin; select txid_current(); select nextval(pg_get_serial_sequence('case_events', 'id'));\n");
		psql.stdout.once('data', () => setTimeout(() => psql.kill('SIGKILL'), HOLD_MS));
		psql.once('exit', (_code, signal) => signal === 'SIGKILL' && killed++);
	};
	return Object.assign(die, { killed: () => killed });
}

export async function runFanOutBench(opts: FanOutOptions = {}) {
	surviveDriverFailures(); // as the production entry does
	const n = opts.clients ?? 1000;
	const rate = opts.rate ?? 50;
	const seconds = opts.seconds ?? 20;
	const kind = opts.client ?? 'raw';
	const processes = opts.processes ?? 1;
	const adapter = opts.adapter ?? (processes === 2 ? 'classic' : 'none');
	const deadEvery = opts.deadEvery ?? 0;
	if (processes === 2 && adapter === 'none') throw new Error('two processes need a Redis adapter');
	const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
	const pgUrl =
		process.env.BENCH_DATABASE_URL ?? (processes === 2 ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined);
	const perProcess = n / processes;
	console.log(
		`\n## Socket fan-out: ${n} ${kind} clients on ${processes} process${processes === 2 ? 'es' : ''}` +
			`${adapter === 'none' ? '' : ` joined by the ${adapter} Redis adapter`}, ` +
			`${rate} events/s for ${seconds} s` +
			(deadEvery ? `; before every ${deadEvery}th event a writer draws an outbox id and dies` : '')
	);

	// Ours: committed case events through the outbox publisher.
	const db = await openDatabase(pgUrl, `merzim_bench_rt_${processes}`);
	console.log(`database: ${db.url ? 'PostgreSQL' : 'PGlite'}`);
	const env = { MERZIM_DATA_DIR: '/nonexistent', ...(adapter === 'none' ? {} : { REDIS_URL: redisUrl }) };
	const ctx = await createAppContext(loadConfig(env), { dbHandle: db.dbHandle });
	process.env.ADDRESS_HEADER = 'x-bench-ip';
	const redisKey = `merzim-bench-fanout-${process.pid}`;
	const serverA = await startServer(ctx, {
		port: 0,
		host: '127.0.0.1',
		scheduler: false,
		publishEveryMs: Number(process.env.BENCH_PUBLISH_MS ?? 150),
		socketsPerSession: Infinity, // one session stands in for many browsers
		...(adapter === 'none' ? {} : { redisAdapter: adapter, redisKey })
	});
	const urls = [serverA.url];
	const stops: (() => Promise<void>)[] = [];
	if (processes === 2) {
		const b = await childProcess(
			['--import', 'tsx', 'bench/fanout-server.ts', db.url!, redisUrl, adapter, redisKey],
			/serving on (\S+)/
		);
		urls.push(b.match);
		stops.push(b.close);
	}
	const { cookie, caseId } = await seedBench(ctx, serverA.url);
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const ours = urls.map((u) => clients(u, perProcess, cookie, kind));
	await Promise.all(ours.map((c) => c.ready));
	global.gc?.();
	const perConnection = (process.memoryUsage().heapUsed - heapBefore) / perProcess;
	const die = deadEvery ? deadWriter(ctx.db, caseId, db.url) : null;
	const offsets: number[] = [];
	const cpu1 = process.cpuUsage();
	const sent = await pace(rate, seconds, async (i) => {
		if (die && i % deadEvery === deadEvery - 1) void die();
		const at = new Date();
		await ctx.db.transaction((tx) => appendCaseEvent(tx, caseId, stageChange(at, `s${i}`)));
		offsets[i] = Date.now() - at.getTime();
	});
	await sleep(1500);
	const cpuOurs = cpuShare(process.cpuUsage(cpu1), seconds);
	const oursResults = await Promise.all(ours.map((c) => c.finish(offsets)));
	const killed = die && 'killed' in die ? die.killed() : null;
	await Promise.all(stops.map((s) => s()));
	await serverA.close();
	await db.dbHandle.close();
	await db.drop();

	// Bare, in the same run: plain socket.io processes joined by the same adapter; A (in this process)
	// broadcasts the same payloads at the same rate, reaching B's clients through Redis.
	const bare = await bareServers(processes, adapter, redisUrl);
	const plain = bare.urls.map((u) => clients(u, perProcess, '-', kind));
	await Promise.all(plain.map((c) => c.ready));
	const cpu2 = process.cpuUsage();
	await pace(rate, seconds, async (i) => bare.emit(PAYLOAD(i, caseId)));
	await sleep(1500);
	const cpuBare = cpuShare(process.cpuUsage(cpu2), seconds);
	const plainResults = await Promise.all(plain.map((c) => c.finish()));
	await bare.close(); // its sockets are closed before the next bench measures anything

	const line = (label: string, r: Result) =>
		`${label.padEnd(34)} ${fmt(r.fromCommit)}  events ${r.events}/${sent}  lost ` +
		`${sent - r.events}  doubled ${r.duplicates}  min copies ${r.perEventMin}/${perProcess}`;
	const where = (i: number) => (processes === 1 ? '' : i === 0 ? ' on A' : ' on B (via Redis)');
	oursResults.forEach((r, i) => console.log(line(`ours${where(i)}`, r)));
	plainResults.forEach((r, i) => console.log(line(`bare${where(i)}`, r)));
	console.log(
		`ours from before the transaction: ${fmt(oursResults[0]!)}  ` +
			`(transaction p50 ${pct(offsets, 50)} ms, p99 ${pct(offsets, 99)} ms)` +
			(killed === null ? '' : `; writers killed: ${killed}`)
	);
	console.log(`process A CPU while sending: ours ${cpuOurs}% of a core, bare ${cpuBare}%`);
	console.log(
		`p99 ratio ours/bare: ${oursResults.map((r, i) => (r.fromCommit.p99 / Math.max(1, plainResults[i]!.fromCommit.p99)).toFixed(2) + 'x').join(', ')}; ` +
			`heap per connection on A: ${(perConnection / 1024).toFixed(1)} KiB`
	);
	return { ours: oursResults, bare: plainResults, sent };
}

/** A child process; resolves with the first capture of `ready` in its stdout; `close` ends its stdin and waits. */
async function childProcess(args: string[], ready: RegExp) {
	const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
	let out = '';
	const match = await new Promise<string>((ok, fail) => {
		proc.once('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code}`)));
		proc.stdout.on('data', (d: Buffer) => {
			out += d.toString();
			const m = ready.exec(out);
			if (m) ok(m[1]!);
		});
	});
	return { match, close: () => new Promise<void>((ok) => (proc.once('exit', () => ok()), proc.stdin.end())) };
}

/** Bare socket.io: one server, or A in this process and B (bench/bare-redis-server.mjs) joined by `adapter`. */
async function bareServers(processes: 1 | 2, adapter: 'none' | RedisAdapterKind, redisUrl: string) {
	const http = createServer();
	const io = new Server(http, { serveClient: false }); // plain: no recovery, no checks
	const key = `merzim-bench-bare-${process.pid}`;
	const leaveRedis = adapter === 'none' ? null : await joinProcesses(io, redisUrl, key, adapter); // as the app joins
	await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
	const urls = [`http://127.0.0.1:${(http.address() as AddressInfo).port}`];
	let closeB = async () => {};
	if (processes === 2) {
		const b = await childProcess(['bench/bare-redis-server.mjs', redisUrl, key, adapter], /port (\d+)/);
		urls.push(`http://127.0.0.1:${b.match}`);
		closeB = b.close;
	}
	return {
		urls,
		emit: async (payload: Record<string, unknown>) => void io.emit('case:stage-changed', payload),
		close: async () => {
			await closeB();
			await io.close();
			await leaveRedis?.();
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
			adapter: { type: 'string' },
			client: { type: 'string' },
			'dead-every': { type: 'string' }
		}
	});
	await runFanOutBench({
		clients: values.clients ? Number(values.clients) : undefined,
		rate: values.rate ? Number(values.rate) : undefined,
		seconds: values.minutes ? Number(values.minutes) * 60 : values.seconds ? Number(values.seconds) : undefined,
		client: values.client === 'socket.io' ? 'socket.io' : 'raw',
		processes: values.processes === '2' ? 2 : 1,
		adapter: values.adapter as FanOutOptions['adapter'],
		deadEvery: values['dead-every'] ? Number(values['dead-every']) : undefined
	});
	process.exit(0);
}
