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
 * the one killed. Figures per phase are printed. `--quick`: one minute of load in all.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
import { importApplication } from '../../tests/helpers/import-application';

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		clients: { type: 'string' },
		rate: { type: 'string' },
		only: { type: 'string' }
	}
});
const quick = args.quick;
const CLIENTS = Number(args.clients ?? (quick ? 300 : 3000));
const RATE = Number(args.rate ?? (quick ? 20 : 50));
/** Seconds per phase: a minute in all with --quick; scenario 1 alone runs 5 minutes in the full run. */
const PHASE_S = quick
	? { load: 15, 'node-kill': 12, 'redis-down': 12, 'postgres-restart': 8, netem: 8, 'rolling-restart': 5 }
	: { load: 300, 'node-kill': 30, 'redis-down': 45, 'postgres-restart': 30, netem: 60, 'rolling-restart': 10 };
const REDIS_DOWN_S = quick ? 10 : 30;
const NET = '10.77.0';
const LB = `http://${NET}.10`;
const WORK = process.env.MERZIM_CLUSTER_DIR ?? '/tmp/merzim-cluster';
const DB_URL = `postgres://postgres@${NET}.20:5432/merzim`;
const REDIS_URL = `redis://${NET}.21:6379`;
const topology = (cmd: string) => execFileSync('bash', ['scripts/cluster/topology.sh', cmd], { stdio: 'inherit' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failures: string[] = [];
const skipped: string[] = [];
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
			MERZIM_DATA_DIR: `${WORK}/${name}`
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const node: Node = { name, child, out: '', expectedExit: false };
	const onData = (d: Buffer) => (node.out = (node.out + d.toString()).slice(-20_000));
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	nodes[i - 1] = node;
	const until = Date.now() + 90_000;
	while (!/serving on/.test(node.out)) {
		if (child.exitCode !== null) throw new Error(`node ${name} exited at start:\n${node.out}`);
		if (Date.now() > until) throw new Error(`node ${name} did not start:\n${node.out}`);
		await sleep(100);
	}
	return node;
}

async function stopNode(node: Node, signal: NodeJS.Signals) {
	node.expectedExit = true;
	const gone = new Promise((r) => node.child.once('exit', r));
	node.child.kill(signal);
	await gone;
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
error_log ${dir}/error.log warn;
events { worker_connections 16384; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	include ${dir}/upstream.conf;
	server {
		listen ${NET}.10:80;
		include ${resolve('deploy/nginx/merzim-locations.conf')};
	}
}
`
	);
	execFileSync('ip', ['netns', 'exec', 'mzc-lb', 'nginx', '-t', '-q', '-c', `${dir}/nginx.conf`, '-p', dir]);
	return spawn('ip', ['netns', 'exec', 'mzc-lb', 'nginx', '-c', `${dir}/nginx.conf`, '-p', dir, '-g', 'daemon off;'], {
		stdio: 'inherit'
	});
}

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
	return { clients, caseIds, portal };
}

/** The client processes, ended with the run however it ends (they live outside the namespaces). */
const clientProcesses: ChildProcess[] = [];

function loadClients(part: { cookie: string; role: Role }[]) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster/load-clients.ts'], {
		stdio: ['pipe', 'pipe', 'inherit']
	});
	clientProcesses.push(child);
	let out = '';
	child.stdout.on('data', (d: Buffer) => (out += d.toString()));
	child.stdin.write(JSON.stringify({ url: LB, origin: LB, clients: part }) + '\n');
	const ready = (async () => {
		while (!out.includes('ready')) {
			if (child.exitCode !== null) throw new Error('load clients exited');
			await sleep(100);
		}
	})();
	return {
		ready,
		report: async (req: unknown) => {
			child.stdin.write(JSON.stringify(req) + '\n');
			while (!/\{.*\}\n/s.test(out.slice(out.indexOf('ready') + 5))) await sleep(100);
			return JSON.parse(out.slice(out.indexOf('{'))) as ClientReport;
		}
	};
}

interface ClientReport {
	byRole: Record<
		string,
		{ clients: number; missing: number; leaked: number; pageDoubles: number; wireDoubles: number; expected: number }
	>;
	latency: { n: number; p50: number; p99: number; max: number; phases: Record<string, Pct> };
	reconnect: Pct & { n: number };
	stillAway: number;
}
interface Pct {
	p50: number;
	p99: number;
	max: number;
}

// ---- the load: a writer and the portal ----

async function main() {
	const started = Date.now();
	surviveDriverFailures(); // the writer is an app process too
	console.log(
		`Merzim cluster test${quick ? ' (quick)' : ''}: 3 nodes behind nginx, ${CLIENTS} socket clients, ${RATE} events/s`
	);
	topology('up');
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
	// The writer is a fourth app process on the host side (as a node committing events would be):
	// its publisher forwards what it commits to the nodes through Redis.
	const writer = await startServer(ctx, { port: 0, host: `${NET}.1`, scheduler: false });
	const startId = Number(
		(await ctx.db.select({ id: caseEvents.id }).from(caseEvents).orderBy(caseEvents.id)).at(-1)?.id ?? 0
	);

	const groups = Array.from({ length: Math.max(1, Math.ceil(CLIENTS / 500)) }, (_, g) =>
		loadClients(data.clients.filter((_, i) => i % Math.ceil(CLIENTS / 500) === g))
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
				await sleep(1000);
			}
			await sleep(1000);
		}
	})();

	const only = args.only?.split(',');
	const run = async (name: keyof typeof PHASE_S, act: () => Promise<void> = async () => {}) => {
		if (only && name !== 'load' && !only.includes(name)) return;
		phase = name;
		const begun = Date.now();
		console.log(`\n-- ${name}`);
		await act();
		const left = PHASE_S[name] * 1000 - (Date.now() - begun);
		if (left > 0) await sleep(left);
	};

	await run('load');
	await run('node-kill', async () => {
		await sleep(2000);
		await stopNode(nodes[1]!, 'SIGKILL');
		console.log('n2 killed with SIGKILL; restarted in 5 s');
		await sleep(5000);
		await startNode(2);
	});
	await run('redis-down', async () => {
		topology('redis-stop');
		console.log(`Redis stopped for ${REDIS_DOWN_S} s`);
		await sleep(REDIS_DOWN_S * 1000);
		topology('redis-start');
		const alive = nodes.every((n) => n.child.exitCode === null);
		check(alive, 'no node died while Redis was down');
	});
	await run('postgres-restart', async () => {
		topology('pg-stop');
		const health = await fetch(`${LB}/api/v1/health`, { signal: AbortSignal.timeout(5000) })
			.then((r) => `${r.status}${r.headers.get('retry-after') ? ` retry-after ${r.headers.get('retry-after')}` : ''}`)
			.catch((e: Error) => e.message);
		console.log(`PostgreSQL stopped (fast); /api/v1/health answers ${health}; started again in 3 s`);
		await sleep(3000);
		topology('pg-start');
	});
	await run('netem', async () => {
		const tc = (...a: string[]) => execFileSync('ip', ['netns', 'exec', 'mzc-n1', 'tc', ...a]);
		try {
			tc('qdisc', 'add', 'dev', 'eth0', 'root', 'handle', '1:', 'prio');
		} catch {
			// A kernel without sch_prio/sch_netem (many containers): say so; the scenario did not run.
			console.log('SKIPPED: this kernel has no prio/netem qdisc (tc qdisc add … netem failed)');
			skipped.push('netem');
			return;
		}
		tc('qdisc', 'add', 'dev', 'eth0', 'parent', '1:3', 'handle', '30:', 'netem', 'delay', '50ms', '20ms', 'loss', '1%');
		tc(
			'filter',
			'add',
			'dev',
			'eth0',
			'protocol',
			'ip',
			'parent',
			'1:0',
			'prio',
			'3',
			'u32',
			'match',
			'ip',
			'dst',
			`${NET}.20/32`,
			'flowid',
			'1:3'
		);
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
				`n${i} restarted: stopped (SIGTERM) in ${stopped - t} ms, started in ${Date.now() - stopped} ms${grace.length ? `\n  ${grace.join('\n  ')}` : ''}`
			);
		}
	});

	writing = false;
	registering = false;
	await Promise.all([writerLoop, portalLoop]);
	console.log('\nload stopped; letting the last events and replays arrive');
	await sleep(8000);

	// What was committed, with its routing, as the database says.
	const rows = await ctx.db
		.select({
			id: caseEvents.id,
			type: caseEvents.type,
			after: caseEvents.after,
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
	const reports = await Promise.all(groups.map((g) => g.report({ events, commitAt, phases: phaseIds })));

	console.log(`\n== results (${events.length} case events committed after the clients connected)`);
	const roles: Record<string, ClientReport['byRole'][string]> = {};
	for (const r of reports)
		for (const [k, v] of Object.entries(r.byRole)) {
			const t = (roles[k] ??= { clients: 0, missing: 0, leaked: 0, pageDoubles: 0, wireDoubles: 0, expected: 0 });
			for (const f of Object.keys(t) as (keyof typeof t)[]) t[f] += v[f];
		}
	for (const [k, v] of Object.entries(roles))
		console.log(
			`${k.padEnd(18)} clients ${String(v.clients).padStart(5)}  expected ${v.expected}  missing ${v.missing}  leaked ${v.leaked}  shown twice ${v.pageDoubles}  (copies replayed over live ${v.wireDoubles})`
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
	const rc = merged((r) => r.reconnect);
	console.log(
		`reconnects ${reports.reduce((s, r) => s + r.reconnect.n, 0)}: back and replayed p50 ${rc.p50} ms, p99 ${rc.p99} ms, worst ${rc.max} ms`
	);
	console.log(`portal: ${registered.length} applications registered; writer commits refused ${commitFailures}`);
	for (const [name, t] of portal)
		console.log(
			`  portal during ${name.padEnd(16)} statuses ${JSON.stringify(t.statuses)} (0: no answer)  retried ${t.retried}  failed for good ${t.failed}`
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
	check(
		perCase.every((n) => n === 1),
		`each overdue deadline fired exactly once (${registered.length} cases)`
	);
	// While PostgreSQL is down requests may fail; anywhere else a retried request must get through.
	const failedElsewhere = [...portal].filter(([name, t]) => name !== 'postgres-restart' && t.failed > 0);
	check(failedElsewhere.length === 0, 'no portal request failed after its retries (but while PostgreSQL was down)');
	check(
		nodes.every((n) => n.child.exitCode === null),
		'every node is running'
	);
	for (const n of nodes) if (n.child.exitCode !== null) console.log(`${n.name} output:\n${n.out}`);
	if (failures.length) {
		const errors = readFileSync(`${WORK}/nginx/error.log`, 'utf8').trim().split('\n');
		console.log(`nginx's error log (last 15 of ${errors.length} lines):\n${errors.slice(-15).join('\n')}`);
	}
	console.log(
		`\ncluster test ${failures.length ? 'FAILED' : 'passed'}${skipped.length ? ` (not run: ${skipped.join(', ')})` : ''} in ${Math.round((Date.now() - started) / 1000)} s`
	);

	await writer.close();
	await ctx.dbHandle.close();
	nginx.kill('SIGTERM');
	for (const n of nodes) await stopNode(n, 'SIGTERM');
}

const teardown = () => {
	for (const c of clientProcesses) if (c.exitCode === null) c.kill('SIGKILL');
	try {
		topology('down');
	} catch {
		/* best effort: the wrapper's trap runs it again */
	}
};
process.once('SIGINT', () => (teardown(), process.exit(130)));
process.once('SIGTERM', () => (teardown(), process.exit(143)));
main()
	.catch((e: unknown) => {
		console.error(e);
		failures.push('the run did not finish');
	})
	.finally(() => {
		teardown();
		process.exit(failures.length ? 1 : 0);
	});
