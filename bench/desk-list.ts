/**
 * `/cases` at scale (ADR-041, ADR-088): each filter the page offers with each sort, measured as the
 * page reads it (the capped count, the first page, the next page by keyset), beside the same reads
 * with the per-pair indexes dropped (in a transaction rolled back afterwards), and the plan of each
 * page query (EXPLAIN) with the indexes it used.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../src/lib/server/db/client';
import { countCases, listCasePage, type ListViewer } from '../src/lib/server/cases/case-list.repository';
import { SORTS, type CaseListFilter } from '../src/lib/server/cases/case-list.filter';

export interface Stats {
	p50: number;
	p95: number;
	max: number;
	n: number;
}
type Timed = (runs: number, f: (i: number) => Promise<unknown>) => Promise<Stats>;

/** Half the cases get a running clock: ~1 % past due, ~0.24 % red, ~0.36 % amber at `now`. */
export async function generateClocks(db: Db, now: Date) {
	const at = now.toISOString();
	await db.execute(
		sql.raw(`insert into clocks (case_id, kind, unit, length, citation, events, state, due_at, warn_at, red_at)
		select id, 'service-term', 'working_days', 30, 'bench', '[]'::jsonb, 'running', d, d - interval '120 hours', d - interval '48 hours'
		from (select id, timestamptz '${at}' + ((abs(hashtext(number || 'h')) % 20000) - 200) * interval '1 hour' as d
			from cases where abs(hashtext(number || 'q')) % 2 = 0) x`)
	);
}

/** Page 1 and page 2 as `/cases` reads them; returns the page query's plans when `explain`. */
async function readAsThePage(db: Db, f: CaseListFilter, viewer: ListViewer, now: Date) {
	const { capped } = await countCases(db, f, viewer, now);
	const p = await listCasePage(db, f, viewer, now, 50, { few: !capped });
	if (p.next) await listCasePage(db, { ...f, after: p.next }, viewer, now, 50, { few: !capped });
}

/** The indexes the first page's query reads (its EXPLAIN, through a Db that explains instead). */
async function indexesUsed(db: Db, f: CaseListFilter, viewer: ListViewer, now: Date): Promise<string[]> {
	const { capped } = await countCases(db, f, viewer, now);
	const plans: string[] = [];
	const explaining = {
		execute: async (q: ReturnType<typeof sql>) => {
			const r = await db.execute(sql`explain ${q}`);
			plans.push(...rowsOf<Record<string, string>>(r).map((x) => Object.values(x)[0]!));
			return r;
		}
	} as unknown as Db;
	await listCasePage(explaining, f, viewer, now, 50, { few: !capped });
	const used = new Set<string>();
	for (const line of plans) for (const m of line.matchAll(/using (\w+)|Scan on (\w+_idx)/g)) used.add(m[1] ?? m[2]!);
	return [...used].filter((n) => n !== 'users_pkey' && n !== 'organisations_pkey');
}

export async function benchCaseList(
	db: Db,
	o: { viewer: ListViewer; now: Date; assignee: number; timed: Timed; fmt: (s: Stats) => string; runs: number }
) {
	const { viewer, now, timed, fmt } = o;
	const single: [string, CaseListFilter][] = [
		['service', { service: 'export-licence' }],
		['stage', { stage: 'under-review' }],
		['assignee', { assignee: o.assignee }],
		['unit', { unit: 'U1' }]
	];
	const combos: [string, CaseListFilter][] = [
		...single.flatMap(([name, f]) =>
			SORTS.map((s) => [`${name} × ${s}`, { ...f, sort: s }] as [string, CaseListFilter])
		),
		...(['breached', 'red', 'amber'] as const).flatMap((b) =>
			(['received', 'number'] as const).map(
				(s) => [`band ${b} × ${s}`, { band: b, sort: s }] as [string, CaseListFilter]
			)
		),
		[
			'service+stage+received dates × received',
			{ service: 'export-licence', stage: 'consultation', receivedFrom: '2025-03-01', receivedTo: '2025-03-31' }
		],
		['service+unit+assignee none × received', { service: 'import-licence', unit: 'U1', assignee: 'none' }],
		[
			'stage+unit+decided dates × received',
			{ stage: 'under-review', unit: 'U2', decidedFrom: '2024-06-01', decidedTo: '2025-06-30' }
		],
		[
			'stage+unit+decided dates × decided',
			{ stage: 'under-review', unit: 'U2', decidedFrom: '2024-06-01', decidedTo: '2025-06-30', sort: 'decided' }
		],
		[
			'service+assignee+band red × number',
			{ service: 'export-licence', assignee: o.assignee, band: 'red', sort: 'number' }
		]
	];
	const ours = new Map<string, Stats>();
	const all: number[] = [];
	for (const [name, f] of combos) {
		await readAsThePage(db, f, viewer, now); // warm
		const times: number[] = [];
		const st = await timed(o.runs, async () => {
			const t = performance.now();
			await readAsThePage(db, f, viewer, now);
			times.push(performance.now() - t);
		});
		all.push(...times);
		ours.set(name, st);
		console.log(`  ${name.padEnd(44)} ${fmt(st)}  [${(await indexesUsed(db, f, viewer, now)).join(', ')}]`);
	}
	const s = [...all].sort((a, b) => a - b);
	console.log(
		`/cases every pair (count + two keyset pages): p50 ` +
			`${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, p95 ` +
			`${s[Math.floor(s.length * 0.95)]!.toFixed(1)} ms (${s.length} runs)`
	);
	// The same reads without the per-pair indexes (dropped in a transaction that is rolled back).
	console.log('  without the per-pair indexes (cases_list_*):');
	const without: number[] = [];
	await db
		.transaction(async (tx) => {
			const names = rowsOf<{ indexname: string }>(
				await tx.execute(
					sql`select indexname from pg_indexes where tablename = 'cases' and indexname like 'cases_list_%'`
				)
			);
			for (const { indexname } of names) await tx.execute(sql.raw(`drop index ${indexname}`));
			const t = tx as unknown as Db;
			for (const [name, f] of combos) {
				const st = await timed(Math.max(2, Math.floor(o.runs / 3)), async () => {
					const t0 = performance.now();
					await readAsThePage(t, f, viewer, now);
					without.push(performance.now() - t0);
				});
				console.log(`  ${name.padEnd(44)} ${fmt(st)}  (${(st.p50 / ours.get(name)!.p50).toFixed(1)}× ours at p50)`);
			}
			throw new Rollback();
		})
		.catch((e) => {
			if (!(e instanceof Rollback)) throw e;
		});
	const w = [...without].sort((a, b) => a - b);
	console.log(
		`/cases every pair without them: p50 ${w[Math.floor(w.length / 2)]!.toFixed(1)} ` +
			`ms, p95 ${w[Math.floor(w.length * 0.95)]!.toFixed(1)} ms (${w.length} runs)`
	);
}

class Rollback extends Error {}
