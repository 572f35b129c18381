/**
 * `npm run test:cluster` (root): three app nodes behind nginx, PostgreSQL and Redis, each in its own
 * network namespace (scripts/cluster/topology.sh), with socket clients of every audience connected
 * through nginx while a writer commits case events and the portal registers applications whose
 * deadline has run out. The load runs through phases, each breaking one part of the cluster:
 *   load (plain), node-kill (kill -9 of a node, restarted after), redis-down, postgres-restart,
 *   netem (50 ms ± 20, 1 % loss from a node to PostgreSQL), rolling-restart (SIGTERM one by one).
 * At the end every client must hold exactly the events its role may see (none lost, none leaked,
 * none shown twice), every client must be connected again, each overdue deadline must have fired
 * exactly once, no portal request may have failed after one retry, and no node may have died but
 * the one killed. Figures per phase are printed, and the logs of the run are kept in a folder of its
 * own (LOGS), with each process's CPU per phase (cpu-sampler.ts). `--quick`: one minute of load in all.
 * `--soak [--minutes N]` (`npm run soak`): the plain load alone at half the full load for an hour
 * (or N minutes), no faults, each node's memory, handles and the latency sampled (soak.ts).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { createDb } from '../../src/lib/server/db/client';
import { startServer } from '../../server/app';
import { surviveDriverFailures } from '../../src/lib/server/db/driver-guards';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import { caseEvents, cases, organisations } from '../../src/lib/server/db/schema';
import { CASE_EVENT_TYPES } from '../../src/lib/realtime/contract';
import type { CommittedEvent, Role } from './audience-rule';
import type { MissedBy } from './load-clients';
import { importApplication } from '../../tests/helpers/import-application';
import { seedCase } from '../../tests/helpers/draft-clients';
import { startEditors } from './draft-editors';
import { METRICS_PORT, soakReport, soakSpans, startSampling, type SpanLatency } from './soak';
import { idRanges } from './soak-stats';
import { pidFile, startCpuSampling } from './cpu-sampler';

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		clients: { type: 'string' },
		rate: { type: 'string' },
		only: { type: 'string' },
		soak: { type: 'boolean', default: false },
		minutes: { type: 'string' }
	}
});
const quick = args.quick;
const soak = args.soak;
const SOAK_MINUTES = Number(args.minutes ?? 60);
// The soak runs at half the full load: the load it must hold for hours, not the peak.
const CLIENTS = Number(args.clients ?? (soak ? 1500 : quick ? 300 : 3000));
const RATE = Number(args.rate ?? (soak ? 25 : quick ? 20 : 50));
/** Seconds per phase: a minute in all with --quick; scenario 1 alone runs 5 minutes in the full run. */
const PHASE_S = quick
	? {
			load: 15,
			'node-kill': 12,
			'redis-down': 12,
			'redis-partition': 12,
			'postgres-restart': 8,
			netem: 8,
			'rolling-restart': 5
		}
	: {
			load: 300,
			'node-kill': 30,
			'redis-down': 45,
			'redis-partition': 45,
			'postgres-restart': 30,
			netem: 60,
			'rolling-restart': 10
		};
/** Redis stopped, and a node cut off from it: 30 s (10 s in the quick run, whose phases are short). */
const REDIS_DOWN_S = quick ? 10 : 30;
/**
 * A node that neither serves nor is ready this long after it was started hangs (starts took 79 s on
 * a loaded machine).
 */
const START_MS = 240_000;
/** How long the clients get to be back and caught up once the load stops. */
const SETTLE_MS = 60_000;
/** ...and then to hold every event owed to them (the last ones are on their way). */
const DELIVER_MS = 30_000;
const NET = '10.77.0';
const LB = `http://${NET}.10`;
const WORK = process.env.MERZIM_CLUSTER_DIR ?? '/tmp/merzim-cluster';
/**
 * Every run's logs in a folder of its own, kept past the teardown (which removes WORK): each node's
 * whole output (all its starts), nginx's error log, PostgreSQL's and Redis's logs, the CPU samples
 * and this report — written as the run goes, so a run that ends early leaves them too.
 */
const LOGS = `${process.env.MERZIM_CLUSTER_LOGS ?? `${WORK}-logs`}/${new Date().toISOString().replace(/[:.]/g, '-')}-${soak ? 'soak' : quick ? 'quick' : 'full'}`;
mkdirSync(LOGS, { recursive: true });
for (const stream of ['log', 'error'] as const) {
	const write = console[stream].bind(console);
	console[stream] = (...a: unknown[]) => {
		write(...a);
		appendFileSync(`${LOGS}/report.log`, format(...a) + '\n');
	};
}
const DB_URL = `postgres://postgres@${NET}.20:5432/merzim`;
const REDIS_URL = `redis://${NET}.21:6379`;
const topology = (cmd: string) => {
	execFileSync('bash', ['scripts/cluster/topology.sh', cmd], { stdio: 'inherit' });
	mark(cmd);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failures: string[] = [];
/** What the test did to the cluster and when (epoch ms), printed beside a missed event's story. */
const timeline: [at: number, what: string][] = [];
const mark = (what: string) => timeline.push([Date.now(), what]);
const runStarted = Date.now();
/** A moment as seconds into the run. */
const sec = (at: number) => `${((at - runStarted) / 1000).toFixed(3)} s`;
const skipped: string[] = [];
/** The phase the CPU samples are counted in: 'start' (seeding, nodes, clients), each phase, 'settle'. */
let cpuPhase = 'start';
let cpuSampling: ReturnType<typeof startCpuSampling> | null = null;
/** Prints the CPU per phase (once, however the run ends). */
const printCpu = () => {
	cpuSampling?.stop();
	cpuSampling = null;
};
const check = (ok: boolean, what: string) => {
	console.log(`${ok ? '  ok  ' : '  FAIL'} ${what}`);
	if (!ok) failures.push(what);
};

// ---- the app nodes and nginx ----

interface Node {
	name: string;
	child: ChildProcess;
	out: string;
	expectedExit: boolean;
}
const nodes: Node[] = [];

async function startNode(i: number): Promise<Node> {
	const name = `n${i}`;
	mkdirSync(`${WORK}/${name}`, { recursive: true });
	const child = spawn('ip', ['netns', 'exec', `mzc-${name}`, process.execPath, 'dist/server.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			HOST: `${NET}.1${i}`,
			PORT: '3000',
			ORIGIN: LB,
			ADDRESS_HEADER: 'x-real-ip',
			DATABASE_URL: DB_URL,
			REDIS_URL,
			MERZIM_DATA_DIR: `${WORK}/${name}`,
			// The soak reads each node's own metrics (memory, heap, handles) on a port of its own.
			...(soak ? { METRICS_PORT: String(METRICS_PORT) } : {})
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const node: Node = { name, child, out: '', expectedExit: false };
	appendFileSync(`${LOGS}/${name}.log`, `-- ${name} spawned at ${sec(Date.now())} into the run\n`);
	const onData = (d: Buffer) => {
		node.out = (node.out + d.toString()).slice(-200_000);
		appendFileSync(`${LOGS}/${name}.log`, d);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	nodes[i - 1] = node;
	child.once('exit', (code, signal) =>
		appendFileSync(`${LOGS}/${name}.log`, `\n-- ${name} exited (${code ?? signal}) at ${sec(Date.now())}\n`)
	);
	mark(`${name} spawned`);
	// Started once it serves and its /readyz says so (database and Redis reached): however long
	// that takes on a loaded machine, within a bound that only a node that hangs reaches.
	const until = Date.now() + START_MS;
	while (!/serving on/.test(node.out)) {
		if (child.exitCode !== null) throw new Error(`node ${name} exited at start:\n${node.out}`);
		if (Date.now() > until) throw new Error(`node ${name} did not start in ${START_MS / 1000} s:\n${node.out}`);
		await sleep(100);
	}
	mark(`${name} serving`);
	for (;;) {
		const ready = await fetch(`http://${NET}.1${i}:3000/readyz`, { signal: AbortSignal.timeout(5000) })
			.then((r) => r.ok)
			.catch(() => false);
		if (ready) break;
		if (child.exitCode !== null) throw new Error(`node ${name} exited at start:\n${node.out}`);
		if (Date.now() > until) throw new Error(`node ${name} was not ready in ${START_MS / 1000} s:\n${node.out}`);
		await sleep(250);
	}
	mark(`${name} ready`);
	return node;
}

async function stopNode(node: Node, signal: NodeJS.Signals) {
	node.expectedExit = true;
	// A node that died by itself has nothing to stop: its 'exit' will not come again (the full run
	// waited on it forever at the rolling restart after two nodes died during the PostgreSQL outage).
	if (node.child.exitCode !== null || node.child.signalCode !== null) {
		mark(`${node.name} already exited (${node.child.exitCode ?? node.child.signalCode})`);
		return;
	}
	const gone = new Promise((r) => node.child.once('exit', r));
	node.child.kill(signal);
	mark(`${node.name} sent ${signal}`);
	await gone;
	mark(`${node.name} exited`);
}

function startNginx() {
	const dir = `${WORK}/nginx`;
	mkdirSync(dir, { recursive: true });
	// The deployed upstream and locations, on the test's addresses.
	const upstream = readFileSync('deploy/nginx/merzim-upstream.conf', 'utf8').replaceAll('10.0.0.', `${NET}.`);
	writeFileSync(`${dir}/upstream.conf`, upstream);
	writeFileSync(
		`${dir}/nginx.conf`,
		`user root;
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${LOGS}/nginx-error.log warn;
events { worker_connections 16384; }
http {
	access_log off;
	# Which node a socket was sent to, for the report of an event a client missed.
	add_header X-Upstream $upstream_addr always;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	include ${dir}/upstream.conf;
	server {
		listen ${NET}.10:80;
		include ${resolve('deploy/nginx/merzim-locations.conf')};
	}
	# Scenario 2b only: sockets sent to n2 while it lives, to the others once it is gone.
	upstream merzim_n2_first {
		server ${NET}.12:3000 max_fails=1 fail_timeout=10s;
		server ${NET}.11:3000 backup;
		server ${NET}.13:3000 backup;
	}
	server {
		listen ${NET}.10:8081;
		location /socket.io/ {
			proxy_pass http://merzim_n2_first;
			proxy_http_version 1.1;
			proxy_set_header Upgrade $http_upgrade;
			proxy_set_header Connection $merzim_connection;
			proxy_set_header Host $host;
			proxy_set_header X-Real-IP $remote_addr;
			proxy_read_timeout 75s;
			proxy_buffering off;
		}
	}
}
`
	);
	execFileSync('ip', ['netns', 'exec', 'mzc-lb', 'nginx', '-t', '-q', '-c', `${dir}/nginx.conf`, '-p', dir]);
	return spawn('ip', ['netns', 'exec', 'mzc-lb', 'nginx', '-c', `${dir}/nginx.conf`, '-p', dir, '-g', 'daemon off;'], {
		stdio: 'inherit'
	});
}

/** What a node's /readyz says of Redis: "ok", or why not. */
async function redisReadiness(host: number): Promise<string> {
	return fetch(`http://${NET}.${host}:3000/readyz`, { signal: AbortSignal.timeout(5000) })
		.then(async (r) => {
			const redis = ((await r.json()) as { checks: Record<string, { ok: boolean; detail?: string }> }).checks.redis;
			return redis?.ok ? 'ok' : (redis?.detail ?? 'not checked');
		})
		.catch((e: Error) => `no answer (${e.message})`);
}

/** The kernel's build options of these names, as /proc/config.gz has them (when it is there). */
function kernelConfig(keys: string[]): string {
	try {
		const config = gunzipSync(readFileSync('/proc/config.gz')).toString().split('\n');
		return keys
			.map((k) => config.find((l) => l.startsWith(`${k}=`) || l === `# ${k} is not set`) ?? `${k} unknown`)
			.join(', ');
	} catch {
		return '';
	}
}

/** Where a probe's odd answer came from: nginx's 502/504 or the node (for the log). */
const r503 = (answer: string) =>
	/^50[24]/.test(answer) ? 'from nginx' : /timeout/.test(answer) ? 'no answer' : 'from a node';

// ---- the data: users, sessions, cases ----

const UNITS = ['export-1', 'export-2', 'import-1'];
const AGENCIES = ['nsc', 'mod'];

async function seed(ctx: AppContext) {
	const system = { userId: null, label: 'cluster test' };
	const user = (username: string, roles: string[], extra: Record<string, string> = {}) =>
		ctx.users.create(
			{ username, displayName: username, password: 'cluster test password', roles: roles as never, ...extra },
			system
		);
	await user('admin', ['admin']);
	// Each case in a unit is assigned to an officer no client signs in as.
	const assignees = await Promise.all(UNITS.map((u) => user(`holder-${u}`, ['officer'], { unit: u })));
	// The audiences, spread: a tenth supervisors, a fifth liaisons, the rest officers of the three units.
	const roles: Role[] = [];
	for (let i = 0; i < CLIENTS; i++) {
		const k = i % 10;
		roles.push(
			k === 0
				? { kind: 'supervisor' }
				: k <= 2
					? { kind: 'liaison', agency: AGENCIES[i % 2]! }
					: { kind: 'officer', unit: UNITS[i % 3]! }
		);
	}
	const userIds = new Map<string, number>();
	const idOf = async (r: Role) => {
		const key =
			r.kind === 'officer' ? `officer-${r.unit}` : r.kind === 'liaison' ? `liaison-${r.agency}` : 'supervisor';
		if (!userIds.has(key))
			userIds.set(
				key,
				await user(
					key,
					[r.kind === 'liaison' ? 'agency_liaison' : r.kind],
					r.kind === 'officer' ? { unit: r.unit } : r.kind === 'liaison' ? { agencyCode: r.agency } : {}
				)
			);
		return userIds.get(key)!;
	};
	const clients: { cookie: string; role: Role }[] = [];
	for (const role of roles) {
		const { token } = await ctx.sessions.create(await idOf(role), { kind: 'staff', twoFactorVerified: true });
		clients.push({ cookie: `merzim_session=${token}`, role });
	}
	const [org] = await ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Кластер»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const now = new Date();
	const caseIds: string[] = [];
	for (let i = 0; i < 24; i++) {
		const unit = i < 21 ? UNITS[i % 3]! : null; // three unassigned
		const [c] = await ctx.db
			.insert(cases)
			.values({
				number: `CL-${i}`,
				service: 'export-licence',
				stage: 'under-review',
				applicantId: org!.id,
				receivedAt: now,
				registeredOn: now.toISOString().slice(0, 10),
				application: {},
				unit,
				assigneeId: unit ? assignees[UNITS.indexOf(unit)]! : null,
				createdAt: now,
				updatedAt: now
			})
			.returning();
		caseIds.push(c!.id);
	}
	const { token: portal } = await ctx.tokens.issue({ name: 'portal', kind: 'portal' }, system);
	// Scenario 2b: a refusal draft, its case's assignee and a head to co-edit it (ADR-015).
	const drafter = await user('drafter', ['officer']);
	const head = await user('head', ['head']);
	const draftCaseId = await seedCase(ctx.db, { number: 'CL-DRAFT', assigneeId: drafter });
	const cookieOf = async (id: number) =>
		`merzim_session=${(await ctx.sessions.create(id, { kind: 'staff', twoFactorVerified: true })).token}`;
	const editors = [
		{ name: 'drafter', cookie: await cookieOf(drafter) },
		{ name: 'head', cookie: await cookieOf(head) }
	];
	return { clients, caseIds, portal, draftCaseId, editors, readerCookie: await cookieOf(head) };
}

/** The client processes, ended with the run however it ends (they live outside the namespaces). */
const clientProcesses: ChildProcess[] = [];

function loadClients(part: { cookie: string; role: Role; index: number }[]) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster/load-clients.ts'], {
		stdio: ['pipe', 'pipe', 'inherit']
	});
	clientProcesses.push(child);
	// Its answers, a line each: "ready", "away N" (clients not connected and caught up), the report.
	const lines: string[] = [];
	let rest = '';
	child.stdout.on('data', (d: Buffer) => {
		const parts = (rest + d.toString()).split('\n');
		rest = parts.pop()!;
		lines.push(...parts);
	});
	const next = async (match: (line: string) => boolean) => {
		for (;;) {
			const i = lines.findIndex(match);
			if (i >= 0) return lines.splice(i, 1)[0]!;
			if (child.exitCode !== null) throw new Error('load clients exited');
			await sleep(100);
		}
	};
	const ask = (req: unknown) => child.stdin.write(JSON.stringify(req) + '\n');
	ask({ url: LB, origin: LB, clients: part });
	return {
		ready: next((l) => l === 'ready'),
		away: async () => (ask({ away: true }), Number((await next((l) => l.startsWith('away '))).slice(5))),
		owed: async (events: CommittedEvent[]) => (
			ask({ owed: events }),
			Number((await next((l) => l.startsWith('owed '))).slice(5))
		),
		report: async (req: unknown) => (ask(req), JSON.parse(await next((l) => l.startsWith('{'))) as ClientReport)
	};
}

interface ClientReport {
	byRole: Record<
		string,
		{ clients: number; missing: number; leaked: number; pageDoubles: number; wireDoubles: number; expected: number }
	>;
	latency: {
		n: number;
		p50: number;
		p99: number;
		max: number;
		phases: Record<string, Pct>;
		windows?: Record<string, (Pct & { n: number })[]>;
	};
	reconnect: Pct & { n: number };
	stillAway: number;
	/** Rejections no client code handled (each counted, none ended the clients). */
	unhandled: string[];
	missed: MissedBy[];
}
interface Pct {
	p50: number;
	p99: number;
	max: number;
}

/**
 * The story of each event a client missed: when it was committed (the writer's commit, else the
 * event's own time), in which phase, who missed it and where they were, and what their connection
 * and the cluster went through around it — so the cause of a loss can be read off the output.
 */
function explainMissed(
	missed: MissedBy[],
	rows: Map<
		number,
		{ id: number; type: string; at: Date; number: string; unit: string | null; assignee: number | null }
	>,
	commitAt: Record<number, number>,
	phases: Record<string, [number, number]>
) {
	if (missed.length === 0) return;
	const byId = new Map<number, MissedBy[]>();
	for (const m of missed) for (const id of m.ids) byId.set(id, [...(byId.get(id) ?? []), m]);
	console.log(`\nmissed events: ${byId.size} distinct, by ${missed.length} clients`);
	const phaseOf = (id: number) => Object.entries(phases).find(([, [a, b]]) => id >= a && id <= b)?.[0] ?? '?';
	const shown = [...byId.keys()].sort((a, b) => a - b);
	for (const id of shown.slice(0, 30)) {
		const r = rows.get(id);
		const who = byId.get(id)!;
		const nodes = new Map<string, number>();
		for (const m of who) nodes.set(m.node, (nodes.get(m.node) ?? 0) + 1);
		const wire = who.filter((m) => m.onTheWire.includes(id)).length;
		console.log(
			`  #${id} ${r?.type} case ${r?.number} (unit ${r?.unit ?? 'none'}${r?.assignee ? ', assigned' : ''}) ` +
				`${commitAt[id] ? `committed at ${sec(commitAt[id]!)}` : `event time ${r ? sec(r.at.getTime()) : '?'} (not the writer's)`}` +
				` in ${phaseOf(id)}: missed by ${who.length} ` +
				`(${[...nodes].map(([n, k]) => `${k} on ${n}`).join(', ')}), ` +
				`${wire} of them had it on the wire`
		);
	}
	if (shown.length > 30) console.log(`  … and ${shown.length - 30} more`);
	const first = Math.min(...shown.map((id) => commitAt[id] ?? rows.get(id)?.at.getTime() ?? Infinity));
	console.log(`the cluster from 20 s before the first missed event:`);
	for (const [at, what] of timeline) if (at >= first - 20_000) console.log(`  ${sec(at)} ${what}`);
	for (const m of missed.slice(0, 4)) {
		console.log(
			`client ${m.client} (${m.role}, now on ${m.node}, resume ` +
				`point ${m.resumeAfter}) missed ${m.ids.length}: ` +
				`${m.ids.slice(0, 12).join(', ')}${m.ids.length > 12 ? ' …' : ''}`
		);
		for (const [at, what] of m.history) if (at >= first - 20_000) console.log(`  ${sec(at)} ${what}`);
	}
}

// ---- the load: a writer and the portal ----

async function main() {
	const started = Date.now();
	surviveDriverFailures(); // the writer is an app process too
	console.log(
		`Merzim cluster test${quick ? ' (quick)' : soak ? ` (soak, ${SOAK_MINUTES} min)` : ''}: ` +
			`3 nodes behind nginx, ${CLIENTS} socket clients, ${RATE} events/s`
	);
	console.log(`logs: ${LOGS}`);
	topology('up');
	// Each process's CPU through every phase: a slow phase on a saturated machine or a fault.
	let nginxPid = 0;
	cpuSampling = startCpuSampling({
		everyMs: 2000,
		csv: `${LOGS}/cpu.csv`,
		phase: () => cpuPhase,
		groups: () => ({
			n1: { roots: nodes[0]?.child.pid ? [nodes[0].child.pid] : [], tree: true },
			n2: { roots: nodes[1]?.child.pid ? [nodes[1].child.pid] : [], tree: true },
			n3: { roots: nodes[2]?.child.pid ? [nodes[2].child.pid] : [], tree: true },
			postgres: { roots: pidFile(`${WORK}/pg/data/postmaster.pid`), tree: true },
			redis: { roots: pidFile(`${WORK}/redis.pid`), tree: true },
			nginx: { roots: nginxPid ? [nginxPid] : [], tree: true },
			clients: { roots: clientProcesses.flatMap((c) => (c.pid ? [c.pid] : [])), tree: true },
			// The writer, the portal, the co-editors and this script: this process alone.
			runner: { roots: [process.pid], tree: false }
		})
	});
	const admin = postgres(`postgres://postgres@${NET}.20:5432/postgres`, { max: 1, onnotice: () => {} });
	await admin.unsafe('create database merzim');
	await admin.end();
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent', REDIS_URL }), {
		dbHandle: await createDb({ url: DB_URL, poolSize: 4 })
	});
	let t = Date.now();
	const data = await seed(ctx);
	console.log(`seeded ${CLIENTS} sessions and ${data.caseIds.length} cases in ${Date.now() - t} ms`);
	t = Date.now();
	for (let i = 1; i <= 3; i++) await startNode(i);
	console.log(`3 nodes started in ${Date.now() - t} ms`);
	const nginx = startNginx();
	nginxPid = nginx.pid ?? 0;
	// The writer is a fourth app process on the host side (as a node committing events would be):
	// its publisher forwards what it commits to the nodes through Redis.
	const writer = await startServer(ctx, { port: 0, host: `${NET}.1`, scheduler: false });
	const startId = Number(
		(await ctx.db.select({ id: caseEvents.id }).from(caseEvents).orderBy(caseEvents.id)).at(-1)?.id ?? 0
	);

	const groups = Array.from({ length: Math.max(1, Math.ceil(CLIENTS / 500)) }, (_, g) =>
		loadClients(data.clients.map((c, index) => ({ ...c, index })).filter((_, i) => i % Math.ceil(CLIENTS / 500) === g))
	);
	const t0 = Date.now();
	await Promise.all(groups.map((g) => g.ready));
	console.log(`${CLIENTS} clients connected through nginx in ${Date.now() - t0} ms`);
	const spread = nodes.map((n) => `${n.name}`).join(', ');
	console.log(`nodes: ${spread}`);

	// Writer: case events at RATE, committed one per transaction; commit time kept per id.
	const commitAt: Record<number, number> = {};
	const phaseIds: Record<string, [number, number]> = {};
	let phase = 'load';
	let writing = true;
	let commitFailures = 0;
	const writerLoop = (async () => {
		const t = performance.now();
		for (let i = 0; writing; i++) {
			const wait = t + (i * 1000) / RATE - performance.now();
			if (wait > 0) await sleep(wait);
			const caseId = data.caseIds[i % data.caseIds.length]!;
			const consultation = i % 4 === 3;
			try {
				const row = await ctx.db.transaction((tx) =>
					appendCaseEvent(tx, caseId, {
						type: consultation ? 'consultation:answered' : 'case:stage-changed',
						actor: { userId: null, label: 'cluster test' },
						at: new Date(),
						after: consultation ? { agency: AGENCIES[(i >> 2) % 2], decision: 'approve' } : { stage: `s${i}` }
					})
				);
				commitAt[row.id] = Date.now();
				const range = (phaseIds[phase] ??= [row.id, row.id]);
				range[1] = row.id;
			} catch {
				commitFailures++; // PostgreSQL down: nothing committed, nothing owed
				await sleep(200);
			}
		}
	})();

	// Portal: one overdue application a second through nginx, tried up to three times a second apart
	// (same Idempotency-Key), as the portal's client does; failures counted per phase.
	const registered: string[] = [];
	const portal = new Map<string, { retried: number; failed: number; statuses: Record<number, number> }>();
	let registering = true;
	const shownRefusals = new Set<number>();
	const portalLoop = (async () => {
		for (let i = 0; registering; i++) {
			const body = JSON.stringify(
				importApplication(`CLUSTER-${i}`, new Date(Date.now() - 21 * 86_400_000), 'ТОО «Кластер»')
			);
			const tally = portal.get(phase) ?? { retried: 0, failed: 0, statuses: {} };
			portal.set(phase, tally);
			for (let attempt = 0; attempt < 3; attempt++) {
				let retryAfter: string | null = null;
				const status = await fetch(`${LB}/api/v1/applications`, {
					method: 'POST',
					headers: {
						authorization: `Bearer ${data.portal}`,
						'content-type': 'application/json',
						'idempotency-key': `cluster-${i}`
					},
					body,
					signal: AbortSignal.timeout(10_000)
				})
					.then(async (r) => {
						retryAfter = r.headers.get('retry-after');
						if (r.ok) registered.push(((await r.json()) as { id: string }).id);
						// A refusal says why: shown once per status (a 422 is the test's fault, not the cluster's).
						else if (!shownRefusals.has(r.status)) {
							shownRefusals.add(r.status);
							console.log(
								`portal: ${r.status} ${r.headers.get('retry-after') ? `(retry-after ${r.headers.get('retry-after')}) ` : ''}${(await r.text()).slice(0, 600)}`
							);
						}
						return r.status;
					})
					.catch(() => 0);
				tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
				if (status >= 200 && status < 300) break;
				if (attempt < 2) tally.retried++;
				else tally.failed++;
				await sleep(1000 * Math.min(5, Number(retryAfter) || 1)); // as Retry-After says, else a second
			}
			await sleep(1000);
		}
	})();

	const only = args.only?.split(',');
	const run = async (name: keyof typeof PHASE_S, act: () => Promise<void> = async () => {}) => {
		if (name !== 'load' && (soak || (only && !only.includes(name)))) return;
		phase = name;
		cpuPhase = name;
		const begun = Date.now();
		mark(`phase ${name}`);
		console.log(`\n-- ${name}`);
		// A phase that throws (a node that does not start, a command that fails) is a failed check:
		// the run goes on to the next phase and to the counts.
		try {
			await act();
		} catch (e) {
			mark(`phase ${name} threw`);
			check(false, `${name}: ${(e as Error).stack ?? String(e)}`);
		}
		const left = (soak ? SOAK_MINUTES * 60 : PHASE_S[name]) * 1000 - (Date.now() - begun);
		if (left > 0) await sleep(left);
	};

	// The soak samples the nodes all through its load (which is all it runs).
	const sampling = soak
		? startSampling(
				nodes.map((n, i) => ({ name: n.name, address: `${NET}.1${i + 1}` })),
				() => clientProcesses.map((c) => c.pid)
			)
		: null;
	await run('load');
	await sampling?.stop();
	await run('node-kill', async () => {
		// Two co-editors of a draft typing on n2 (nginx's port 8081 sends sockets there while it lives).
		// Editors that cannot sync are a failure to report, not a reason to end the run uncounted.
		let drafting: Awaited<ReturnType<typeof startEditors>> | null = null;
		try {
			drafting = await startEditors(`http://${NET}.10:8081`, LB, data.draftCaseId, data.editors);
		} catch (e) {
			check(false, `the co-editors of a draft synced on n2 before the kill (${(e as Error).message})`);
		}
		await sleep(2000);
		const ackedBefore = drafting?.ackedSoFar() ?? 0;
		await stopNode(nodes[1]!, 'SIGKILL');
		console.log(`n2 killed with SIGKILL (${ackedBefore} draft keystrokes acknowledged on it); restarted in 5 s`);
		await sleep(5000);
		await startNode(2);
		if (!drafting) return;
		const d = await drafting.finish(LB, data.readerCookie);
		console.log(
			`draft co-editors: ${d.typed} keystrokes typed, ${d.acked} acknowledged, ` +
				`${d.missing} of those missing from the server's draft; all stored ` +
				`${d.saved ? `${d.savedMs} ms after typing stopped` : 'NOT within a minute'}`
		);
		check(
			d.synced && d.saved && d.acked > ackedBefore && d.missing === 0,
			'the co-editors of a draft on the killed node lost no acknowledged keystroke'
		);
	});
	await run('redis-down', async () => {
		topology('redis-stop');
		console.log(`Redis stopped for ${REDIS_DOWN_S} s`);
		await sleep(REDIS_DOWN_S * 1000);
		topology('redis-start');
		const alive = nodes.every((n) => n.child.exitCode === null);
		check(alive, 'no node died while Redis was down');
	});
	await run('redis-partition', async () => {
		// n3 alone loses Redis (its packets to and from Redis dropped inside its namespace): its
		// clients' events still come from the outbox; the node stays up and rejoins by itself.
		const nft = (...a: string[]) => run3('nft', a);
		const run3 = (cmd: string, a: string[]) =>
			execFileSync('ip', ['netns', 'exec', 'mzc-n3', cmd, ...a], { stdio: ['ignore', 'pipe', 'pipe'] });
		nft('add', 'table', 'inet', 'mzc_cut');
		nft('add', 'chain', 'inet', 'mzc_cut', 'out', '{ type filter hook output priority 0; policy accept; }');
		nft('add', 'chain', 'inet', 'mzc_cut', 'in', '{ type filter hook input priority 0; policy accept; }');
		nft('add', 'rule', 'inet', 'mzc_cut', 'out', 'ip', 'daddr', `${NET}.21`, 'drop');
		nft('add', 'rule', 'inet', 'mzc_cut', 'in', 'ip', 'saddr', `${NET}.21`, 'drop');
		mark('n3 cut off from Redis');
		console.log(`n3 cut off from Redis (nft, in its namespace) for ${REDIS_DOWN_S} s`);
		await sleep(REDIS_DOWN_S * 1000 - 2000);
		console.log(`  n3 /readyz while cut off: redis ${await redisReadiness(13)}`);
		await sleep(2000);
		nft('delete', 'table', 'inet', 'mzc_cut');
		mark('n3 reaches Redis again');
		check(
			nodes.every((n) => n.child.exitCode === null),
			'no node died while n3 was cut off from Redis'
		);
		const t = Date.now();
		let state = '';
		// Each new answer of its /readyz, and when: what a slow return was waiting on.
		while (Date.now() - t < 30_000) {
			const asked = Date.now();
			const now = await redisReadiness(13);
			if (now !== state)
				console.log(`  n3 /readyz ${asked - t} ms after the cut: redis ${now} (${Date.now() - asked} ms)`);
			if ((state = now) === 'ok') break;
			await sleep(500);
		}
		check(
			state === 'ok',
			`n3 reached Redis again by itself (${Date.now() - t} ms after the cut ended; last: ${state})`
		);
	});
	await run('postgres-restart', async () => {
		const stopping = Date.now();
		topology('pg-stop');
		// While it is down, what a page, the API and the portal are answered: 503 with Retry-After.
		const down = Date.now();
		const probes: string[] = [];
		const probeMs: number[] = [];
		const cookie = data.clients[0]!.cookie;
		while (Date.now() - down < 3000) {
			for (const [path, headers] of [
				['/api/v1/health', {}],
				['/api/v1/me', { cookie }]
			] as const) {
				const asked = Date.now();
				const answer = await fetch(`${LB}${path}`, { headers, signal: AbortSignal.timeout(5000) })
					.then(async (r) => `${r.status} retry-after ${r.headers.get('retry-after')} ${(await r.json()).code}`)
					.catch((e: Error) => e.message);
				probes.push(answer);
				probeMs.push(Date.now() - asked);
				if (!/^503 /.test(answer))
					console.log(`  ${path} at ${sec(asked)}: ${answer} after ${Date.now() - asked} ms (${r503(answer)})`);
			}
			await sleep(250);
		}
		const starting = Date.now();
		topology('pg-start');
		const started = Date.now();
		const seen = [...new Set(probes)];
		console.log(
			`PostgreSQL stopped (fast; pg_ctl stop took ${down - stopping} ms, start ${started - starting} ms) for ${started - down} ms; ` +
				`${probes.length} probes (${probeMs.join(', ')} ms), answers while down: ${seen.join('; ')}`
		);
		check(
			probes.length > 0 && probes.every((p) => /^503 retry-after \d+ database-unavailable$/.test(p)),
			`while PostgreSQL was down every request got 503 with Retry-After (${probes.length} probes)`
		);
		// Each new answer, and when: what a slow return was waiting on (nginx, a node, the database).
		let answer = '';
		while (Date.now() - started < 30_000) {
			const asked = Date.now();
			const now = await fetch(`${LB}/api/v1/me`, { headers: { cookie }, signal: AbortSignal.timeout(5000) })
				.then(async (r) =>
					`${r.status} ${r.status === 200 ? '' : ((await r.json().catch(() => ({}))) as { code?: string }).code}`.trim()
				)
				.catch((e: Error) => e.message);
			if (now !== answer)
				console.log(`  /api/v1/me ${asked - started} ms after PostgreSQL started: ${now} (${Date.now() - asked} ms)`);
			if ((answer = now) === '200') break;
			await sleep(250);
		}
		check(
			answer === '200',
			`requests succeed again ${Date.now() - started} ms after PostgreSQL started, no restart (last: ${answer})`
		);
	});
	await run('netem', async () => {
		// 50 ms ± 20 ms and 1 % loss on n1's packets to PostgreSQL: a prio qdisc whose third band is netem.
		const tc = (...a: string[]) =>
			execFileSync('ip', ['netns', 'exec', 'mzc-n1', 'tc', ...a], { stdio: ['ignore', 'pipe', 'pipe'] });
		const delay = ['netem', 'delay', '50ms', '20ms', 'loss', '1%'];
		try {
			tc('qdisc', 'add', 'dev', 'eth0', 'root', 'handle', '1:', 'prio');
			tc('qdisc', 'add', 'dev', 'eth0', 'parent', '1:3', 'handle', '30:', ...delay);
		} catch (e) {
			// This kernel has no netem (nor prio): the scenario cannot run here. Say exactly why.
			const said = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim();
			const config = kernelConfig(['CONFIG_NET_SCH_NETEM', 'CONFIG_NET_SCH_PRIO', 'CONFIG_MODULES']);
			console.log(
				`not run: \`tc qdisc add dev eth0 … ${delay.join(' ')}\` ` +
					`failed: "${said}" (kernel ` +
					`${execFileSync('uname', ['-r']).toString().trim()}${config ? `: ${config}` : ''})`
			);
			skipped.push('netem');
			try {
				tc('qdisc', 'del', 'dev', 'eth0', 'root');
			} catch {
				/* nothing was added */
			}
			return;
		}
		const toPostgres = ['match', 'ip', 'dst', `${NET}.20/32`, 'flowid', '1:3'];
		tc('filter', 'add', 'dev', 'eth0', 'protocol', 'ip', 'parent', '1:0', 'prio', '3', 'u32', ...toPostgres);
		console.log('n1 → PostgreSQL: 50 ms ± 20 ms, 1 % loss');
		await sleep(PHASE_S.netem * 1000 - 500);
		tc('qdisc', 'del', 'dev', 'eth0', 'root');
	});
	await run('rolling-restart', async () => {
		for (let i = 1; i <= 3; i++) {
			const t = Date.now();
			const node = nodes[i - 1]!;
			await stopNode(node, 'SIGTERM');
			const stopped = Date.now();
			const grace = node.out.split('\n').filter((l) => /grace period|shutdown failed/.test(l));
			await startNode(i);
			console.log(
				`n${i} restarted: stopped (SIGTERM) in ${stopped - t} ms, started in ` +
					`${Date.now() - stopped} ms${grace.length ? `\n  ${grace.join('\n  ')}` : ''}`
			);
		}
	});

	writing = false;
	cpuPhase = 'settle';
	registering = false;
	await Promise.all([writerLoop, portalLoop]);
	console.log('\nload stopped; letting the last events and replays arrive');
	// Until every client is connected and has replayed what it missed (a minute at most), then a
	// few seconds more for the last live events.
	const settling = Date.now();
	let away = -1;
	for (;;) {
		await sleep(2000);
		away = (await Promise.all(groups.map((g) => g.away()))).reduce((a, b) => a + b, 0);
		if (away === 0 || Date.now() - settling > SETTLE_MS) break;
	}
	console.log(
		away === 0
			? `every client connected and caught up ${Date.now() - settling} ms after the load stopped`
			: `${away} clients still away ${Date.now() - settling} ms after the load stopped`
	);

	// What was committed, with its routing, as the database says.
	const committed = async () => {
		const rows = await ctx.db
			.select({
				id: caseEvents.id,
				type: caseEvents.type,
				after: caseEvents.after,
				at: caseEvents.at,
				number: cases.number,
				unit: cases.unit,
				assignee: cases.assigneeId
			})
			.from(caseEvents)
			.innerJoin(cases, eq(cases.id, caseEvents.caseId));
		const types = new Set<string>(CASE_EVENT_TYPES);
		const events: CommittedEvent[] = rows
			.filter((r) => r.id > startId && types.has(r.type))
			.map((r) => ({
				id: r.id,
				type: r.type,
				unit: r.unit,
				assigned: r.assignee !== null,
				agency: ((r.after as { agency?: string } | null)?.agency ?? null) || null
			}));
		return { rows, events };
	};
	// Then until every client holds every event owed to it (the last live ones, and those the
	// scheduler committed as the load stopped), half a minute at most: what is still missing then is lost.
	const delivering = Date.now();
	let { rows, events } = await committed();
	for (;;) {
		const owed = (await Promise.all(groups.map((g) => g.owed(events)))).reduce((a, b) => a + b, 0);
		if (owed === 0) {
			console.log(`every client holds every event owed to it ${Date.now() - delivering} ms later`);
			break;
		}
		if (Date.now() - delivering > DELIVER_MS) {
			console.log(`${owed} events still owed to clients ${Date.now() - delivering} ms later`);
			break;
		}
		await sleep(1000);
		({ rows, events } = await committed());
	}
	// The soak's spans (a 30-s one per sample, and its windows) as the ids committed in each.
	const spans = sampling ? soakSpans(sampling.begun, sampling.begun + SOAK_MINUTES * 60_000, SOAK_MINUTES) : null;
	const windows = spans && { samples: idRanges(commitAt, spans.samples), windows: idRanges(commitAt, spans.windows) };
	const reports = await Promise.all(
		groups.map((g) => g.report({ events, commitAt, phases: phaseIds, ...(windows ? { windows } : {}) }))
	);

	printCpu();
	console.log(`\n== results (${events.length} case events committed after the clients connected)`);
	const roles: Record<string, ClientReport['byRole'][string]> = {};
	for (const r of reports)
		for (const [k, v] of Object.entries(r.byRole)) {
			const t = (roles[k] ??= { clients: 0, missing: 0, leaked: 0, pageDoubles: 0, wireDoubles: 0, expected: 0 });
			for (const f of Object.keys(t) as (keyof typeof t)[]) t[f] += v[f];
		}
	for (const [k, v] of Object.entries(roles))
		console.log(
			`${k.padEnd(18)} clients ${String(v.clients).padStart(5)}  expected ` +
				`${v.expected}  missing ${v.missing}  leaked ${v.leaked}  shown ` +
				`twice ${v.pageDoubles}  (copies replayed over live ${v.wireDoubles})`
		);
	explainMissed(
		reports.flatMap((r) => r.missed),
		new Map(rows.map((r) => [r.id, r])),
		commitAt,
		phaseIds
	);
	const merged = (pick: (r: ClientReport) => Pct) => ({
		p50: Math.max(...reports.map((r) => pick(r).p50)),
		p99: Math.max(...reports.map((r) => pick(r).p99)),
		max: Math.max(...reports.map((r) => pick(r).max))
	});
	for (const name of Object.keys(phaseIds)) {
		const l = merged((r) => r.latency.phases[name] ?? { p50: 0, p99: 0, max: 0 });
		console.log(`latency from commit, ${name.padEnd(16)} p50 ${l.p50} ms  p99 ${l.p99} ms  worst ${l.max} ms`);
	}
	if (sampling && windows) {
		// Each span's figures over all clients: the worst group's percentiles (as for the phases).
		const over = (k: 'samples' | 'windows') =>
			windows[k].map((_, i): SpanLatency => {
				const per = reports.map((r) => r.latency.windows![k]![i]!);
				return { n: per.reduce((s, w) => s + w.n, 0), ...merged((r) => r.latency.windows![k]![i]!) };
			});
		for (const [ok, what] of soakReport(SOAK_MINUTES, sampling.samples, {
			samples: over('samples'),
			windows: over('windows')
		}))
			check(ok, what);
	}
	const rc = merged((r) => r.reconnect);
	console.log(
		`reconnects ${reports.reduce((s, r) => s + r.reconnect.n, 0)}: back ` +
			`and replayed p50 ${rc.p50} ms, p99 ${rc.p99} ms, worst ${rc.max} ms`
	);
	console.log(`portal: ${registered.length} applications registered; writer commits refused ${commitFailures}`);
	for (const [name, t] of portal)
		console.log(
			`  portal during ${name.padEnd(16)} statuses ${JSON.stringify(t.statuses)} ` +
				`(0: no answer)  retried ${t.retried}  failed for good ${t.failed}`
		);

	// Each overdue completeness check fired once, across the nodes.
	const fired = await ctx.db
		.select({ caseId: caseEvents.caseId, type: caseEvents.type, after: caseEvents.after })
		.from(caseEvents);
	const breaches = new Map<string, number>();
	for (const e of fired)
		if (e.type === 'clock:breached' && (e.after as { kind?: string }).kind === 'completeness')
			breaches.set(e.caseId, (breaches.get(e.caseId) ?? 0) + 1);
	const perCase = registered.map((id) => breaches.get(id) ?? 0);

	const sum = (f: keyof ClientReport['byRole'][string]) => Object.values(roles).reduce((s, v) => s + v[f], 0);
	check(sum('missing') === 0, 'every client received every event its role may see');
	check(sum('leaked') === 0, 'no client received an event its role may not see');
	check(sum('pageDoubles') === 0, 'no event was shown twice');
	check(
		reports.every((r) => r.stillAway === 0),
		'every client is connected again'
	);
	const unhandled = reports.flatMap((r) => r.unhandled);
	check(
		unhandled.length === 0,
		`no rejection went unhandled in the load clients (${unhandled.length}${unhandled.length ? `: ${[...new Set(unhandled)].slice(0, 3).join('; ')}` : ''})`
	);
	check(
		perCase.every((n) => n === 1),
		`each overdue deadline fired exactly once (${registered.length} cases)`
	);
	// While PostgreSQL is down requests may fail; anywhere else a retried request must get through.
	const failedElsewhere = [...portal].filter(([name, t]) => name !== 'postgres-restart' && t.failed > 0);
	check(failedElsewhere.length === 0, 'no portal request failed after its retries (but while PostgreSQL was down)');
	check(
		[...portal.values()].every((t) => !t.statuses[500]),
		'no portal request was answered 500 (a database outage is 503)'
	);
	check(
		nodes.every((n) => n.child.exitCode === null),
		'every node is running'
	);
	for (const n of nodes) if (n.child.exitCode !== null) console.log(`${n.name} output:\n${n.out}`);
	if (failures.length) {
		console.log('the cluster, as the test changed it:');
		for (const [at, what] of timeline) console.log(`  ${sec(at)} ${what}`);
	}
	if (failures.length) {
		const errors = readFileSync(`${LOGS}/nginx-error.log`, 'utf8').trim().split('\n');
		console.log(`nginx's error log (last 15 of ${errors.length} lines):\n${errors.slice(-15).join('\n')}`);
	}
	console.log(
		`\ncluster test ` +
			`${failures.length ? 'FAILED' : 'passed'}${skipped.length ? ` (not run: ${skipped.join(', ')})` : ''} ` +
			`in ${Math.round((Date.now() - started) / 1000)} s`
	);

	await writer.close();
	await ctx.dbHandle.close();
	nginx.kill('SIGTERM');
	for (const n of nodes) await stopNode(n, 'SIGTERM');
}

const teardown = () => {
	for (const c of clientProcesses) if (c.exitCode === null) c.kill('SIGKILL');
	// PostgreSQL's and Redis's logs live in WORK, which the teardown removes.
	for (const [from, to] of [
		[`${WORK}/pg/log`, 'postgres.log'],
		[`${WORK}/redis.log`, 'redis.log']
	] as const)
		if (existsSync(from)) copyFileSync(from, `${LOGS}/${to}`);
	console.log(`this run's logs (nodes, nginx, PostgreSQL, Redis, CPU samples, this report): ${LOGS}`);
	try {
		topology('down');
	} catch {
		/* best effort: the wrapper's trap runs it again */
	}
};
// Nothing thrown outside a phase's own handling ends the run uncounted (a socket.io acknowledgement
// rejected when its connection dropped, say): it is a failed check, and the run goes on.
process.on('unhandledRejection', (e) => check(false, `unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
process.on('uncaughtException', (e) => check(false, `uncaught exception: ${e.stack ?? String(e)}`));
process.once('SIGINT', () => (teardown(), process.exit(130)));
process.once('SIGTERM', () => (teardown(), process.exit(143)));
main()
	.catch((e: unknown) => {
		console.error(e);
		failures.push('the run did not finish');
	})
	.finally(() => {
		printCpu();
		teardown();
		process.exit(failures.length ? 1 : 0);
	});
