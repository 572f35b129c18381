/**
 * Collaborative drafting (ADR-015). Part 1: `editors` simulated editors (default 20, in a child
 * process) typing `cps` characters per second each (default 5) into one draft for `seconds`
 * (default 120; 20 with --quick), after an unmeasured warm-up of an eighth of that (at most 15 s:
 * both servers are measured with their code compiled, so the one run first pays no JIT cost the
 * other is spared — before, Merzim ran first and paid it): p50/p99 latency from one editor's keystroke to another's
 * document, server CPU (% of one core over the typing window) and memory — for Merzim's server
 * (socket.io, updates stored before they are acknowledged) and, in the same run, for
 * @hocuspocus/server with its database extension on the same database and the same workload.
 * `--rounds N` runs N such pairs, alternating which server goes first, each on a fresh server and
 * document, and prints the median ratios: one pair's CPU ratio moved by ±20% between runs of the
 * same code. Besides the process's CPU, the main thread's alone (the rest is the embedded
 * database's thread, GC and I/O helpers) and the write system calls are printed; `--profile DIR`
 * writes a V8 CPU profile and a sampled allocation profile of each measured window. `--cps N`
 * changes the typing rate; `--carets` makes every keystroke also move its author's caret (an
 * awareness update, as y-prosemirror's cursor plugin sends in the editor) for both servers.
 * Part 2: loading a draft with 10,000 stored updates, before and after compaction.
 * Run: npx tsx bench/drafting.bench.ts [--quick] [--seconds 120] [--editors 20] [--rounds 1]
 *   [--cps 5] [--carets] [--profile DIR]
 * (needs `npm run build`; BENCH_DATABASE_URL=postgres://… to run on PostgreSQL instead of PGlite)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import inspector from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import postgres from 'postgres';
import * as Y from 'yjs';
import { sql } from 'drizzle-orm';
import { Server as HocuspocusServer } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { loadConfig } from '../src/lib/server/config';
import { createAppContext, type AppContext } from '../src/lib/server/context';
import { createDb, rowsOf, type DbHandle } from '../src/lib/server/db/client';
import { startServer } from '../server/app';
import { cases, drafts, draftUpdates, organisations } from '../src/lib/server/db/schema';
import {
	appendUpdates,
	compactStoredUpdates,
	hashUpdate,
	openCurrentDraft
} from '../src/lib/server/drafting/draft.repository';
import { createDraftingService } from '../src/lib/server/drafting/drafting.service';
import { HttpClient } from '../tests/helpers/http-client';

interface ClientReport {
	keystrokes: number;
	expected: number;
	received: number;
	p50: number;
	p99: number;
	max: number;
	converged: boolean;
}

interface ServerFigures {
	cpuPercent: number;
	/** Of which the main thread (Linux only), or null. */
	mainCpuPercent: number | null;
	/** Time the main thread spent in garbage collection over the window. */
	gcMs: number;
	/**
	 * Write system calls of the process over the window (Linux `/proc/self/io`; every socket write
	 * is one), or null.
	 */
	writeCalls: number | null;
	peakRssMiB: number;
	heapMiB: number;
}

const SAVE = { debounceMs: 40, maxWaitMs: 400 };

/**
 * The editors' child process: `ready` once all are synced; `go()` starts the warm-up and resolves
 * when the measured run starts.
 */
function runClients(config: object): { ready: Promise<void>; go(): Promise<{ report: Promise<ClientReport> }> } {
	const dir = mkdtempSync(join(tmpdir(), 'merzim-bench-draft-'));
	const file = join(dir, 'config.json');
	writeFileSync(file, JSON.stringify(config));
	const child = spawn(process.execPath, ['--import', 'tsx', 'bench/drafting-clients.ts', file], {
		stdio: ['pipe', 'pipe', 'inherit']
	});
	let out = '';
	child.stdout.on('data', (d: Buffer) => (out += d.toString()));
	const ready = new Promise<void>((ok, fail) => {
		const check = setInterval(() => out.includes('ready') && (clearInterval(check), ok()), 20);
		child.once('exit', (code) => code !== 0 && fail(new Error(`clients exited with ${code}`)));
	});
	return {
		ready,
		go: () => {
			const report = new Promise<ClientReport>((ok) => {
				child.once('exit', () => {
					rmSync(dir, { recursive: true, force: true });
					ok(JSON.parse(out.slice(out.indexOf('{'))) as ClientReport);
				});
			});
			child.stdin.write('go\n');
			return new Promise((ok) => {
				const check = setInterval(() => out.includes('measuring') && (clearInterval(check), ok({ report })), 5);
			});
		}
	};
}

/** CPU of this process, as % of one core, over `ms` in which the editors are connected and nobody types. */
async function cpuAtRest(ms = 5_000): Promise<{ total: number; main: number | null }> {
	const cpu0 = process.cpuUsage();
	const main0 = mainThreadCpuMs();
	const t0 = performance.now();
	await new Promise((r) => setTimeout(r, ms));
	const cpu = process.cpuUsage(cpu0);
	const main1 = mainThreadCpuMs();
	const wall = performance.now() - t0;
	return {
		total: ((cpu.user + cpu.system) / 1000 / wall) * 100,
		main: main0 === null || main1 === null ? null : ((main1 - main0) / wall) * 100
	};
}

/** CPU of this process over the measured run (after the warm-up), and its memory sampled each second. */
async function measured(
	run: () => Promise<{ report: Promise<ClientReport> }>,
	profileTo?: string
): Promise<{ report: ClientReport; server: ServerFigures }> {
	const { report: done } = await run();
	const profiler = profileTo ? await startProfile() : null;
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1000);
	const cpu0 = process.cpuUsage();
	const writes0 = writeCalls();
	const main0 = mainThreadCpuMs();
	let gcMs = 0;
	const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration)));
	gc.observe({ entryTypes: ['gc'] });
	const t0 = performance.now();
	const report = await done;
	const cpu = process.cpuUsage(cpu0);
	const writes1 = writeCalls();
	const main1 = mainThreadCpuMs();
	const wall = performance.now() - t0;
	gc.disconnect();
	clearInterval(sampler);
	if (profiler) await profiler.stopTo(profileTo!);
	return {
		report,
		server: {
			cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
			mainCpuPercent: main0 === null || main1 === null ? null : ((main1 - main0) / wall) * 100,
			gcMs,
			writeCalls: writes0 === null || writes1 === null ? null : writes1 - writes0,
			peakRssMiB: peak / 2 ** 20,
			heapMiB: process.memoryUsage().heapUsed / 2 ** 20
		}
	};
}

/**
 * CPU time of this process's main thread in ms (Linux `/proc`, 10-ms ticks), or null: the rest is
 * the embedded database's thread, GC and I/O helpers.
 */
function mainThreadCpuMs(): number | null {
	try {
		const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14, 15 of stat(5))
	} catch {
		return null;
	}
}

function writeCalls(): number | null {
	try {
		const m = /^syscw: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
		return m ? Number(m[1]) : null;
	} catch {
		return null;
	}
}

/**
 * A V8 CPU profile and a sampled allocation profile of this process's main thread (--profile DIR),
 * to open in Chrome's DevTools.
 */
async function startProfile() {
	const session = new inspector.Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 500 });
	await session.post('Profiler.start');
	// Also every allocation sampled, the garbage included: where the GC's work comes from.
	await session.post('HeapProfiler.enable');
	await session.post('HeapProfiler.startSampling', {
		samplingInterval: 4096,
		includeObjectsCollectedByMajorGC: true,
		includeObjectsCollectedByMinorGC: true
	} as never);
	return {
		async stopTo(file: string) {
			const { profile } = await session.post('Profiler.stop');
			writeFileSync(file, JSON.stringify(profile));
			const { profile: heap } = await session.post('HeapProfiler.stopSampling');
			writeFileSync(file.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(heap));
			session.disconnect();
		}
	};
}

async function seedCase(ctx: AppContext, number: string, assigneeId: number): Promise<string> {
	const [org] = await ctx.db
		.insert(organisations)
		.values({
			bin: String(100_000_000_000 + Math.floor(Math.random() * 1e11)),
			name: 'ТОО «Бенчмарк»',
			legalAddress: 'Астана қ.',
			city: 'Astana'
		})
		.returning();
	const now = new Date();
	const [c] = await ctx.db
		.insert(cases)
		.values({
			number,
			service: 'export-licence',
			stage: 'hearing',
			applicantId: org!.id,
			assigneeId,
			receivedAt: now,
			registeredOn: now.toISOString().slice(0, 10),
			application: {},
			createdAt: now,
			updatedAt: now
		})
		.returning();
	return c!.id;
}

function line(label: string, r: ClientReport, s: ServerFigures) {
	const f = (n: number) => n.toFixed(1).padStart(6);
	return `${label.padEnd(34)} p50 ${f(r.p50)} ms  p99 ${f(r.p99)} ms  max ${f(r.max)} ms  delivered ${r.received}/${r.expected}  converged ${r.converged ? 'yes' : 'NO'}  server CPU ${s.cpuPercent.toFixed(1)}%${s.mainCpuPercent === null ? '' : ` (main thread ${s.mainCpuPercent.toFixed(1)}%)`}  GC ${s.gcMs.toFixed(0)} ms${s.writeCalls === null ? '' : `  writes ${s.writeCalls}`}  peak RSS ${s.peakRssMiB.toFixed(0)} MiB  heap ${s.heapMiB.toFixed(0)} MiB`;
}

interface TypingOptions {
	editors: number;
	cps: number;
	seconds: number;
	warmupSeconds: number;
	/** Write a CPU profile of each measured window into this directory. */
	profileDir?: string;
	/** Each keystroke also moves its author's caret (an awareness update), as in the editor. */
	carets?: boolean;
}

interface PhaseResult {
	report: ClientReport;
	server: ServerFigures;
	atRest: { total: number; main: number | null };
}

/** The editors against a server: its CPU while they are connected and idle, then while they type. */
async function measureEditors(server: object, name: string, opts: TypingOptions): Promise<PhaseResult> {
	const clients = runClients({ ...server, ...opts });
	await clients.ready;
	const atRest = await cpuAtRest();
	const result = await measured(() => clients.go(), opts.profileDir && join(opts.profileDir, `${name}.cpuprofile`));
	return { ...result, atRest };
}

/**
 * Ours: the real server (SvelteKit handler + socket.io) on a fresh app context, editors signed in
 * as heads, a fresh case.
 */
async function merzimPhase(
	makeCtx: () => Promise<AppContext>,
	opts: TypingOptions,
	round: number
): Promise<PhaseResult> {
	const ctx = await makeCtx();
	const server = await startServer(ctx, { port: 0, host: '127.0.0.1' });
	try {
		const password = 'bench-password-1';
		const cookies: string[] = [];
		for (let i = 0; i < opts.editors; i++) {
			const username = `bench-editor-${i}`;
			if (round === 0)
				await ctx.users.create(
					{ username, displayName: `Editor ${i}`, password, roles: ['head'] },
					{ userId: null, label: 'bench' }
				);
			const http = new HttpClient(server.url, `10.8.${i >> 8}.${i & 255}`);
			const res = await http.signIn(username, password);
			if (res.status !== 201) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`);
			cookies.push(http.cookieHeader());
		}
		const caseId = await seedCase(ctx, `EL-BENCH-TYPING-${round}`, 1);
		return await measureEditors({ mode: 'merzim', url: server.url, caseId, cookies }, `merzim-${round}`, opts);
	} finally {
		await server.close();
	}
}

/** Hocuspocus on the same database, storing the whole document with the same debounce; a fresh document. */
async function hocuspocusPhase(db: AppContext['db'], opts: TypingOptions, round: number): Promise<PhaseResult> {
	await db.execute(sql`create table if not exists bench_hocuspocus_docs (name text primary key, state bytea not null)`);
	const hocuspocus = new HocuspocusServer({
		port: 0,
		address: '127.0.0.1',
		quiet: true,
		stopOnSignals: false,
		debounce: SAVE.debounceMs,
		maxDebounce: SAVE.maxWaitMs,
		extensions: [
			new Database({
				fetch: async ({ documentName }) => {
					const rows = rowsOf<{ state: Uint8Array }>(
						await db.execute(sql`select state from bench_hocuspocus_docs where name = ${documentName}`)
					);
					return rows[0]?.state ?? null;
				},
				store: async ({ documentName, state }) => {
					await db.execute(
						sql`insert into bench_hocuspocus_docs (name, state) values (${documentName}, ${state}) on conflict (name) do update set state = excluded.state`
					);
				}
			})
		]
	});
	await hocuspocus.listen();
	try {
		return await measureEditors(
			{ mode: 'hocuspocus', url: hocuspocus.webSocketURL, docName: `bench-typing-${round}` },
			`hocuspocus-${round}`,
			opts
		);
	} finally {
		await hocuspocus.destroy();
	}
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * `rounds` pairs of runs, the order alternating (Merzim first in even rounds, Hocuspocus first in
 * odd ones), so neither always runs on a process the other has warmed or left garbage in; with
 * several rounds, the medians of the per-round ratios.
 */
async function typingBench(
	makeCtx: () => Promise<AppContext>,
	db: AppContext['db'],
	opts: TypingOptions & { rounds: number }
) {
	const ratios = { p99: [] as number[], p50: [] as number[], cpu: [] as number[] };
	for (let round = 0; round < opts.rounds; round++) {
		let merzim: PhaseResult;
		let hp: PhaseResult;
		if (round % 2 === 0) {
			merzim = await merzimPhase(makeCtx, opts, round);
			hp = await hocuspocusPhase(db, opts, round);
		} else {
			hp = await hocuspocusPhase(db, opts, round);
			merzim = await merzimPhase(makeCtx, opts, round);
		}
		if (opts.rounds > 1)
			console.log(`round ${round + 1} of ${opts.rounds} (${round % 2 === 0 ? 'merzim first' : 'hocuspocus first'})`);
		console.log(line('merzim (socket.io, ack after store)', merzim.report, merzim.server));
		console.log(line('@hocuspocus/server + database ext.', hp.report, hp.server));
		const r = {
			p99: merzim.report.p99 / hp.report.p99,
			p50: merzim.report.p50 / hp.report.p50,
			cpu: merzim.server.cpuPercent / hp.server.cpuPercent
		};
		ratios.p99.push(r.p99);
		ratios.p50.push(r.p50);
		ratios.cpu.push(r.cpu);
		console.log(
			`p99 ratio merzim/hocuspocus: ${r.p99.toFixed(2)}x; p50 ` +
				`ratio: ${r.p50.toFixed(2)}x; CPU ratio: ${r.cpu.toFixed(2)}x`
		);
		// Our server also polls the outbox and the deadline scheduler; Hocuspocus has nothing to poll.
		const rest = (r: PhaseResult['atRest']) =>
			`${r.total.toFixed(1)}%${r.main === null ? '' : ` (main thread ${r.main.toFixed(1)}%)`}`;
		console.log(
			`server CPU at rest (editors connected, nobody typing, 5 s): ` +
				`merzim ${rest(merzim.atRest)}, hocuspocus ${rest(hp.atRest)}`
		);
	}
	if (opts.rounds > 1) {
		const range = (xs: number[]) =>
			`median ${median(xs).toFixed(2)}x (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
		console.log(
			`over ${opts.rounds} rounds: p99 ratio ${range(ratios.p99)}; ` +
				`p50 ratio ${range(ratios.p50)}; CPU ratio ${range(ratios.cpu)}`
		);
	}
}

/**
 * One save's append (a one-row batch), 400 in a row after 50 unmeasured: ours, a named prepared
 * statement, against the same statement as drizzle runs raw SQL (unprepared: parsed and planned
 * each time), which is what it was until 2026-12-06.
 */
async function appendBench(ctx: AppContext) {
	const caseId = await seedCase(ctx, 'EL-BENCH-APPEND', 1);
	const draft = await openCurrentDraft(ctx.db, caseId, { userId: null, at: new Date() });
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < 900; i++) doc.getText('t').insert(i, 'a');
	const unprepared = async (update: Uint8Array) =>
		ctx.db.execute(sql`
			with open_draft as (select ${drafts.id} from ${drafts} where ${drafts.id} = ${draft.id} and ${drafts.status} = 'drafting' for share)
			insert into ${draftUpdates} (draft_id, update, hash, user_id, at, updates)
			select open_draft.id, v.update, v.hash, v.user_id, v.at, v.updates
			from open_draft, (values (${update}::bytea, ${hashUpdate(update)}::text, ${null}::integer, ${new Date().toISOString()}::timestamptz, 1)) as v (update, hash, user_id, at, updates)
			on conflict do nothing
			returning updates`);
	const prepared = (update: Uint8Array) => appendUpdates(ctx.db, draft.id, [{ update, userId: null, at: new Date() }]);
	const time = async (run: (u: Uint8Array) => Promise<unknown>, from: number) => {
		for (let i = from; i < from + 50; i++) await run(updates[i]!);
		const t0 = performance.now();
		for (let i = from + 50; i < from + 450; i++) await run(updates[i]!);
		return (performance.now() - t0) / 400;
	};
	const raw = await time(unprepared, 0);
	const ours = await time(prepared, 450);
	console.log(
		`append one save's row: ${ours.toFixed(2)} ms prepared (ours) vs ` +
			`${raw.toFixed(2)} ms as drizzle's raw SQL (unprepared), mean of 400`
	);
}

async function loadBench(ctx: AppContext, updates: number) {
	const caseId = await seedCase(ctx, 'EL-BENCH-LOAD', 1);
	const draft = await openCurrentDraft(ctx.db, caseId, { userId: null, at: new Date() });
	const doc = new Y.Doc();
	const all: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => all.push(u));
	const p = new Y.XmlElement('paragraph');
	const text = new Y.XmlText('');
	p.insert(0, [text]);
	doc.getXmlFragment('default').insert(0, [p]);
	for (let i = all.length; i < updates; i++) text.insert(text.length, String.fromCharCode(0x430 + (i % 32)));
	for (let i = 0; i < all.length; i += 500)
		await appendUpdates(
			ctx.db,
			draft.id,
			all.slice(i, i + 500).map((update) => ({ update, userId: null, at: new Date() }))
		);

	// What a server process does when the first editor opens the draft: read it and build the document.
	const openOnce = async () => {
		const service = createDraftingService({ db: ctx.db, clock: ctx.clock });
		const t0 = performance.now();
		const live = await service.open(draft.id);
		const ms = performance.now() - t0;
		if (live.doc.getXmlFragment('default').toString().length < updates)
			throw new Error('loaded document is incomplete');
		await service.halt();
		return ms;
	};
	const median = async (runs: number) => {
		const times: number[] = [];
		for (let i = 0; i < runs; i++) times.push(await openOnce());
		return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
	};
	const before = await median(5);
	const t0 = performance.now();
	const compacted = await compactStoredUpdates(ctx.db, draft.id, new Date());
	const compactMs = performance.now() - t0;
	const after = await median(7);
	const m0 = performance.now();
	Y.mergeUpdates(all.slice(0, 2_000));
	const merge2k = performance.now() - m0;
	console.log(
		`load a draft with ${all.length.toLocaleString('en')} stored updates: ${before.toFixed(1)} ms (median of 5)`
	);
	console.log(
		`compaction (apply to a Y.Doc, re-encode, delete ` +
			`${compacted.folded.toLocaleString('en')} rows): ${compactMs.toFixed(0)} ms`
	);
	console.log(`load the same draft after compaction: ${after.toFixed(1)} ms (median of 7)`);
	console.log(`(for comparison, Y.mergeUpdates of only the first 2,000 of those updates: ${merge2k.toFixed(0)} ms)`);
}

export async function runDraftingBench(
	opts: {
		quick?: boolean;
		seconds?: number;
		editors?: number;
		rounds?: number;
		profileDir?: string;
		cps?: number;
		carets?: boolean;
	} = {}
) {
	const seconds = opts.seconds ?? (opts.quick ? 20 : 120);
	const warmupSeconds = Math.min(15, Math.ceil(seconds / 8));
	const editors = opts.editors ?? 20;
	const cps = opts.cps ?? 5;
	console.log(
		`\n## Collaborative drafting: ${editors} editors × ${cps} ` +
			`chars/s${opts.carets ? ', each keystroke moving its caret,' : ''} ` +
			`for ${seconds} s after ${warmupSeconds} s of unmeasured warm-up ` +
			`(clients in a child process); loading 10,000 stored updates`
	);
	const pgUrl = process.env.BENCH_DATABASE_URL;
	let dbHandle: DbHandle;
	let drop = async () => {};
	if (pgUrl) {
		const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe('drop database if exists merzim_bench_draft with (force)');
		await admin.unsafe('create database merzim_bench_draft');
		dbHandle = await createDb({ url: Object.assign(new URL(pgUrl), { pathname: '/merzim_bench_draft' }).toString() });
		drop = async () => {
			await admin.unsafe('drop database if exists merzim_bench_draft with (force)');
			await admin.end();
		};
	} else dbHandle = await createDb({ dataDir: 'memory://' });
	console.log(
		`database: ${pgUrl ? 'PostgreSQL' : 'PGlite'}; saves debounced ` +
			`${SAVE.debounceMs} ms, at most ${SAVE.maxWaitMs} ms (both servers)`
	);
	process.env.ADDRESS_HEADER = 'x-test-client-ip';
	const makeCtx = () => createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), { dbHandle, drafting: SAVE });
	const ctx = await makeCtx();
	try {
		await typingBench(makeCtx, ctx.db, {
			editors,
			cps,
			carets: opts.carets ?? false,
			seconds,
			warmupSeconds,
			rounds: opts.rounds ?? 1,
			profileDir: opts.profileDir
		});
		await appendBench(ctx);
		await loadBench(ctx, 10_000);
	} finally {
		await ctx.drafting.close();
		await dbHandle.close();
		await drop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			seconds: { type: 'string' },
			editors: { type: 'string' },
			rounds: { type: 'string' },
			profile: { type: 'string' },
			cps: { type: 'string' },
			carets: { type: 'boolean', default: false }
		}
	});
	const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
	await runDraftingBench({
		quick: values.quick,
		seconds: num(values.seconds),
		editors: num(values.editors),
		rounds: num(values.rounds),
		profileDir: values.profile,
		cps: num(values.cps),
		carets: values.carets
	});
	process.exit(0);
}
