/**
 * The supervision analyses at the Committee's archive scale: N cases (default 1,000,000) with E events each
 * (default 10, so 10,000,000 case events) on PostgreSQL, each beside the obvious alternative in the
 * same run (ADR-046, ADR-071):
 * - a year's compliance, agencies, agency trend and complaints (target p95 < 500 ms each), with the
 *   decided-at and requested-at indexes, against the same reads without them (indexes dropped);
 * - the workload "as of" a past instant (target < 2 s), counted in SQL (ADR-103), against the
 *   former replay in JS of the events of the cases open then, and the naive replay of every case's
 *   events up to that instant.
 * Data is generated in SQL (generate_series), deterministic (hashes of the row number): cases over
 * 2024-01 to 2026-11, 60 % decided 20 days after receipt with a met or late 15-WD service term, one
 * consultation in five cases, one complaint in forty with its review clock, E events per case
 * (registration, assignments, stage changes, notes) with hash-chain columns.
 * Run (PostgreSQL from BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres):
 *   nice npx tsx bench/supervision-scale.bench.ts [--cases N] [--events E] [--runs R]
 * BENCH_KEEP=1 keeps the database, BENCH_REUSE=1 measures again on it; BENCH_SUPERVISION_DB names
 * it (default merzim_bench_supervision).
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import postgres from 'postgres';
import { and, asc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { createDb, type Db } from '../src/lib/server/db/client';
import { ensureReferenceData } from '../src/lib/server/db/reference-data';
import { caseEvents, cases, clocks } from '../src/lib/server/db/schema';
import { createCalendar } from '../src/lib/domain/calendar';
import { periodContaining } from '../src/lib/domain/supervision/period';
import {
	loadAgencies,
	loadCompliance,
	loadComplianceByReplay,
	periodInstants
} from '../src/lib/server/supervision/analysis.repository';
import { refreshDecidedFacts } from '../src/lib/server/supervision/decided-facts.repository';
import { groupByCaseInBatches } from '../tests/helpers/case-batches';
import { loadComplaints } from '../src/lib/server/supervision/complaints.repository';
import { loadAgencyTrend, loadWorkloadAsOf } from '../src/lib/server/supervision/trend-workload.repository';
import { workloadAsOf, type WorkloadCase, type WorkloadEvent } from '../src/lib/domain/supervision/workload-as-of';
import { replayWorkloadAsOf } from '../tests/helpers/workload-replay';

const SERVICES = [
	'export-licence',
	'import-licence',
	'general-export-licence',
	'end-user-certificate',
	'import-certificate'
];
const STAGES = ['completeness-check', 'under-review', 'consultation', 'hearing', 'decision'];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;
const rnd = (seed: string, n: number) => `(abs(hashtext(${seed})) % ${n})`;
const RECEIVED = `timestamptz '2024-01-01 04:00+00' + (g % 1050) * interval '1 day' + (g % 480) * interval '1 minute'`;

async function exec(db: Db, text: string) {
	await db.execute(sql.raw(text));
}

async function generate(db: Db, n: number, e: number) {
	const t0 = performance.now();
	await ensureReferenceData(db);
	await exec(
		db,
		`insert into users (username, display_name, password_hash, unit, created_at, updated_at)
		select 'bench' || g, 'Bench ' || g, 'x', 'U' || (g % 4), now(), now() from generate_series(1, 40) g`
	);
	await exec(
		db,
		`insert into organisations (bin, name, legal_address, city)
		select lpad(g::text, 12, '0'), 'ТОО «Бенч ' || g || '»', 'Astana', 'Astana' from generate_series(1, 1000) g`
	);
	await exec(db, `alter table cases disable trigger case_search_refresh`);
	const batch = 100_000;
	for (let from = 1; from <= n; from += batch) {
		const to = Math.min(n, from + batch - 1);
		// Every 40th case is a complaint about the case before it.
		await exec(
			db,
			`insert into cases (number, service, stage, applicant_id, assignee_id, unit, received_at, registered_on,
				decided_at, decided_by, application, created_at, updated_at)
			select 'S' || lpad(g::text, 8, '0'),
				case when g % 40 = 0 then 'complaint' else (${arr(SERVICES)})[1 + ${rnd("g::text || 's'", SERVICES.length)}] end,
				case when g % 10 < 6 then 'granted' else (${arr(STAGES)})[1 + ${rnd("g::text || 't'", STAGES.length)}] end,
				1 + g % 1000,
				case when g % 7 = 0 then null else (select min(id) from users where username like 'bench%') + g % 40 end,
				'U' || (g % 4),
				${RECEIVED},
				(${RECEIVED})::date,
				case when g % 10 < 6 then ${RECEIVED} + interval '20 days' end,
				case when g % 10 < 6 then (select min(id) from users where username like 'bench%') + g % 40 end,
				'{}'::jsonb,
				${RECEIVED}, now()
			from generate_series(${from}, ${to}) g`
		);
	}
	const tCases = performance.now();
	// Clocks: the service term of each case (met, late or running), the review of each complaint.
	await exec(
		db,
		`insert into clocks (case_id, kind, subject, unit, length, citation, events, state, due_at)
		select id, case when service = 'complaint' then 'complaint-review' else 'service-term' end,
			case when service = 'complaint' then (case when h % 3 = 0 then 'quality-body' else 'provider' end) end,
			'working_days', case when service = 'complaint' then (case when h % 3 = 0 then 15 else 5 end) else 15 end,
			'bench',
			case when decided_at is null then jsonb_build_array(jsonb_build_object('type', 'started', 'at', received_at))
			else jsonb_build_array(jsonb_build_object('type', 'started', 'at', received_at),
				jsonb_build_object('type', 'met', 'at', case when h % 5 = 0 then decided_at + interval '10 days' else decided_at end)) end,
			case when decided_at is null then 'running' else 'met' end,
			received_at + interval '21 days'
		from (select c.*, abs(hashtext(number)) as h from cases c) x`
	);
	await exec(
		db,
		`insert into consultations (case_id, agency_code, requested_at, due_at, answered_at, decision)
		select c.id, a.code, c.received_at + interval '1 day', c.received_at + interval '15 days',
			case when x.h % 4 < 2 then c.received_at + (x.h % 20) * interval '1 day' end,
			case when c.decided_at is null and x.h % 4 = 3 then null when x.h % 4 = 0 then 'approve' when x.h % 4 = 1 then 'object'
				else 'deemed_approved' end
		from (select id, abs(hashtext(number)) as h from cases where abs(hashtext(number)) % 5 = 0) x
		join cases c on c.id = x.id
		join lateral (select code from agencies order by code offset (x.h % (select count(*) from agencies)) limit 1) a on true`
	);
	const tClocks = performance.now();
	// E events per case, in batches of cases: registration, then assignments, stage changes and notes.
	await exec(db, `alter table case_events disable trigger user`);
	const firstUser = `(select min(id) from users where username like 'bench%')`;
	const num = (g: number) => `'S${String(g).padStart(8, '0')}'`;
	for (let from = 1; from <= n; from += 50_000) {
		const to = Math.min(n, from + 49_999);
		if ((from - 1) % 200_000 === 0)
			console.log(
				`  events of cases from ${from.toLocaleString('en')}: ${((performance.now() - t0) / 1000).toFixed(0)} s`
			);
		await exec(
			db,
			`insert into case_events (case_id, seq, type, actor_id, actor_label, at, after, prev_hash, hash)
			select c.id, s, case when s = 1 then 'case:registered' when s % 3 = 2 then 'case:assigned'
					when s % 3 = 0 then 'case:stage-changed' else 'note:added' end,
				null, 'bench', c.received_at + s * interval '2 hours',
				case when s % 3 = 2 then jsonb_build_object('assigneeId', ${firstUser} + (abs(hashtext(c.number)) + s) % 40)
					when s % 3 = 0 then jsonb_build_object('stage', (${arr(STAGES)})[1 + (s / 3) % ${STAGES.length}])
					else jsonb_build_object('n', s) end,
				md5(c.number || (s - 1)), md5(c.number || s)
			from cases c, generate_series(1, ${e}) s where c.number between ${num(from)} and ${num(to)}`
		);
	}
	await exec(db, `alter table case_events enable trigger user`);
	await exec(db, `alter table cases enable trigger case_search_refresh`);
	const tEvents = performance.now();
	await exec(db, `vacuum analyze`);
	const s = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
	console.log(
		`generated: cases ${s(t0, tCases)} s, clocks and consultations ${s(tCases, tClocks)} ` +
			`s, events ${s(tClocks, tEvents)} s, vacuum ${s(tEvents, performance.now())} s`
	);
}

function stats(times: number[]) {
	const s = [...times].sort((a, b) => a - b);
	const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
	return `p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms (${s.length} runs)`;
}
async function timed(runs: number, f: () => Promise<unknown>) {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await f();
		times.push(performance.now() - t);
	}
	return stats(times);
}

/** The naive "as of": every case created by then, all its assignment and stage events, replayed in JS. */
async function naiveAsOf(db: Db, asOf: Date) {
	const all = await db
		.select({
			caseId: cases.id,
			unit: cases.unit,
			createdAt: cases.createdAt,
			decidedAt: cases.decidedAt,
			stage: cases.stage,
			assigneeId: cases.assigneeId
		})
		.from(cases)
		.where(lte(cases.createdAt, asOf));
	const events = await db
		.select({ caseId: caseEvents.caseId, type: caseEvents.type, at: caseEvents.at, after: caseEvents.after })
		.from(caseEvents)
		.where(
			and(
				lte(caseEvents.at, asOf),
				or(eq(caseEvents.type, 'case:assigned'), sql`${caseEvents.after} ->> 'stage' is not null`)
			)
		)
		.orderBy(asc(caseEvents.caseId), asc(caseEvents.seq));
	const byCase = new Map<string, WorkloadEvent[]>();
	for (const r of events) {
		const l = byCase.get(r.caseId) ?? [];
		l.push({ type: r.type, at: r.at, after: r.after as Record<string, unknown> | null });
		byCase.set(r.caseId, l);
	}
	const history: WorkloadCase[] = all.map((c) => ({ ...c, events: byCase.get(c.caseId) ?? [] }));
	return workloadAsOf(history, asOf);
}

async function measure(db: Db, runs: number) {
	const calendar = createCalendar();
	// After every generated event: a clock history with an event after now is refused by the rules.
	const now = new Date('2027-03-01T06:00:00Z');
	const year = periodContaining('year', '2025-06-01');
	const analyses: [string, () => Promise<unknown>][] = [
		['compliance', () => loadCompliance(db, calendar, now, year, {}, 'en')],
		['agencies', () => loadAgencies(db, calendar, year, {})],
		['agency trend', () => loadAgencyTrend(db, calendar, year, {})],
		['complaints', () => loadComplaints(db, calendar, now, year, {})]
	];
	const [{ n: decided }] = (await db.execute(
		sql.raw(`select count(*)::int as n from cases where decided_at >= '2025-01-01' and decided_at < '2026-01-01'`)
	)) as unknown as [{ n: number }];
	console.log(`year 2025: ${decided.toLocaleString('en')} cases decided`);
	// The kept facts (ADR-135): every decided case was marked dirty as it was written; the first
	// read computes them all once, later reads only what was written or expired since.
	const t0 = performance.now();
	const { computed } = await refreshDecidedFacts(db, calendar, now, periodInstants(calendar, year));
	console.log(
		`kept facts: ${computed.toLocaleString('en')} decided cases computed in ${((performance.now() - t0) / 1000).toFixed(1)} s (once)`
	);
	for (const [name, f] of analyses) {
		await f();
		console.log(`${name.padEnd(14)} (indexed)   ${await timed(runs, f)}`);
	}
	const complianceReplay = () => loadComplianceByReplay(db, calendar, now, year, {}, 'en');
	const [byFacts, byReplay] = [await loadCompliance(db, calendar, now, year, {}, 'en'), await complianceReplay()];
	for (const t of ['services', 'units', 'officers'] as const)
		for (const [i, row] of byFacts[t].entries())
			if (!isDeepStrictEqual(row, byReplay[t][i]))
				console.log(`!! ${t} row ${i}: kept ${JSON.stringify(row)} replay ${JSON.stringify(byReplay[t][i])}`);
	console.log(`compliance     (replay)    ${await timed(Math.min(3, runs), complianceReplay)}`);
	// The compliance's read of the year's clocks: one join (now) against the decided cases' ids sent
	// back 5,000 at a time (before).
	const { start, end } = periodInstants(calendar, year);
	const inYear = and(gte(cases.decidedAt, start), lt(cases.decidedAt, end));
	const byJoin = () =>
		db.select({ clock: clocks }).from(clocks).innerJoin(cases, eq(cases.id, clocks.caseId)).where(inYear);
	const byIds = async () => {
		const ids = await db.select({ id: cases.id }).from(cases).where(inYear);
		return groupByCaseInBatches(
			ids.map((r) => r.id),
			(batch) => db.select().from(clocks).where(inArray(clocks.caseId, batch)),
			(r) => r
		);
	};
	console.log(`year's clocks by a join            ${await timed(runs, byJoin)}`);
	console.log(`year's clocks by id lists          ${await timed(runs, byIds)}`);
	const asOf = new Date('2025-06-30T18:59:59Z');
	const open = await loadWorkloadAsOf(db, asOf, {});
	console.log(`as of 2025-06-30: ${open.total.toLocaleString('en')} open cases`);
	const asOfRuns = Math.max(3, Math.floor(runs / 4));
	console.log(`as of (SQL counts, ADR-103)          ${await timed(asOfRuns, () => loadWorkloadAsOf(db, asOf, {}))}`);
	const replay = await replayWorkloadAsOf(db, asOf, {});
	if (JSON.stringify(replay) !== JSON.stringify(open)) console.log(`!! the replay differs from the SQL counts`);
	console.log(
		`as of (replay of open cases in JS)  ` +
			`${await timed(Math.min(3, asOfRuns), () => replayWorkloadAsOf(db, asOf, {}))}`
	);
	const naive = await naiveAsOf(db, asOf);
	if (naive.total !== open.total) console.log(`!! naive as-of counted ${naive.total}, ours ${open.total}`);
	console.log(`as of (naive: every case's events)  ${await timed(Math.min(2, runs), () => naiveAsOf(db, asOf))}`);
	// The alternative to the indexes: the same reads with them dropped (recreated after).
	await exec(db, `drop index cases_decided_at_idx`);
	await exec(db, `drop index consultations_requested_at_idx`);
	try {
		for (const [name, f] of analyses)
			console.log(`${name.padEnd(14)} (no index)  ${await timed(Math.min(3, runs), f)}`);
	} finally {
		await exec(db, `create index cases_decided_at_idx on cases (decided_at) where decided_at is not null`);
		await exec(db, `create index consultations_requested_at_idx on consultations (requested_at)`);
	}
	const [{ size }] = (await db.execute(
		sql.raw(`select pg_size_pretty(pg_database_size(current_database())) as size`)
	)) as unknown as [{ size: string }];
	console.log(`database size ${size}`);
}

export async function runSupervisionScaleBench(o: { cases: number; events: number; runs: number }) {
	const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = process.env.BENCH_SUPERVISION_DB ?? 'merzim_bench_supervision';
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	const reuse = !!process.env.BENCH_REUSE;
	if (!reuse) {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.unsafe(`create database ${name}`);
	}
	const handle = await createDb({ url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString() });
	try {
		console.log(`\n## Supervision at scale: ${o.cases.toLocaleString('en')} cases × ${o.events} events (PostgreSQL)`);
		if (!reuse) await generate(handle.db, o.cases, o.events);
		await measure(handle.db, o.runs);
	} finally {
		await handle.close();
		if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({
		options: { cases: { type: 'string' }, events: { type: 'string' }, runs: { type: 'string' } }
	});
	await runSupervisionScaleBench({
		cases: Number(values.cases ?? 1_000_000),
		events: Number(values.events ?? 10),
		runs: Number(values.runs ?? 20)
	});
}
