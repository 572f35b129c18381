/**
 * The desk's reads at scale (ADR-040, ADR-041), each beside the naive query in the same run:
 * - search: `searchCases` (GIN keys, pg_trgm names, number prefix) for a mix of what officers type
 *   — BIN, IMEI, a Kazakh name fragment, two words of a name, a CN FEA prefix, a control code, a
 *   case number prefix — against one `ILIKE '%q%'` over the number, the names and the application
 *   JSON. Targets: p95 < 50 ms at 1,000,000 cases on PostgreSQL, < 100 ms at 100,000 on PGlite.
 * - `/cases`: a page of 50 with three filters and the count (keyset), against the former list
 *   (OFFSET page, ordered by the next due, the same filters). Target p95 < 100 ms at 1,000,000.
 * Data is generated in SQL (generate_series), deterministic (hashes of the row number).
 * - `/cases` per filter and sort (desk-list.ts), beside the same reads without the per-pair indexes.
 * Run: npx tsx bench/desk.bench.ts [--pg N] [--pglite N] [--list]   (defaults 1,000,000 and 100,000;
 * `--list`: only the `/cases` part, PostgreSQL only unless --pglite is given;
 * PostgreSQL from BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../src/lib/server/db/client';
import { ensureReferenceData } from '../src/lib/server/db/reference-data';
import { searchCases } from '../src/lib/server/search/search.service';
import { searchScope } from '../src/lib/domain/access/search-scope';
import { countCases, listCasePage } from '../src/lib/server/cases/case-list.repository';
import { listCases } from '../src/lib/server/cases/cases.repository';
import type { CaseListFilter } from '../src/lib/server/cases/case-list.filter';
import { benchCaseList, generateClocks } from './desk-list';

const WORDS_KK = ['Қазақ', 'Алтын', 'Өнеркәсіп', 'Дала', 'Сұңқар', 'Күміс', 'Жібек', 'Ұлытау', 'Бәйтерек', 'Шығыс'];
const WORDS_RU = ['Техно', 'Сервис', 'Стальмаш', 'Энерго', 'Приборы', 'Логистик', 'Союз', 'Восток', 'Гранит', 'Связь'];
const WORDS_EN = [
	'Steppe',
	'Orient',
	'Global',
	'Trading',
	'Systems',
	'Silk',
	'Caspian',
	'Nomad',
	'Falcon',
	'Electronics'
];
const SERVICES = [
	'export-licence',
	'import-licence',
	'general-export-licence',
	'end-user-certificate',
	'import-certificate',
	'device-verification',
	'licence-reissue',
	'complaint'
];
const STAGES = [
	'completeness-check',
	'under-review',
	'consultation',
	'mfa-check',
	'hearing',
	'granted',
	'refused',
	'returned-incomplete'
];
const CODES = ['1С350', '10С905', '5А002', '3А001', '2В001', '1С001', '6А003', '9А004', '10С906', '4А003'];

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;
/** A deterministic pseudo-random integer in [0, n) from a seed expression. */
const rnd = (seed: string, n: number) => `(abs(hashtext(${seed})) % ${n})`;

async function generate(db: Db, n: number, now: Date, withSearch = true) {
	const orgs = Math.max(100, Math.floor(n / 20));
	const t0 = performance.now();
	await ensureReferenceData(db);
	await db.execute(
		sql.raw(`insert into users (username, display_name, password_hash, unit, created_at, updated_at)
		select 'bench' || g, 'Bench ' || g, 'x', 'U' || (g % 4), now(), now() from generate_series(1, 20) g`)
	);
	await db.execute(
		sql.raw(`insert into organisations (bin, name, legal_address, city)
		select lpad(g::text, 12, '0'),
			(array['ТОО','ЖШС','АО','LLP'])[1 + ${rnd("g::text || 'f'", 4)}] || ' «' ||
			(${arr(WORDS_KK)})[1 + ${rnd("g::text || 'a'", 10)}] || ' ' || (${arr(WORDS_RU)})[1 + ${rnd("g::text || 'b'", 10)}] || ' ' ||
			(${arr(WORDS_EN)})[1 + ${rnd("g::text || 'c'", 10)}] || ' ' || g || '»',
			'Astana', 'Astana'
		from generate_series(1, ${orgs}) g`)
	);
	// The search document is built in one statement after the load, not by the trigger row by row;
	// the list's per-pair indexes (ADR-088) once over the loaded rows too.
	await db.execute(sql.raw(`alter table cases disable trigger case_search_refresh`));
	const listIndexes = (await db.execute(
		sql.raw(`select indexname, indexdef from pg_indexes where tablename = 'cases' and indexname like 'cases_list_%'`)
	)) as unknown as { indexname: string; indexdef: string }[];
	for (const i of listIndexes) await db.execute(sql.raw(`drop index ${i.indexname}`));
	const batch = 100_000;
	for (let from = 1; from <= n; from += batch) {
		const to = Math.min(n, from + batch - 1);
		await db.execute(
			sql.raw(`insert into cases (number, service, stage, applicant_id, assignee_id, unit, external_id,
				received_at, registered_on, decided_at, application, created_at, updated_at)
			select 'B' || (2020 + g % 7) || '-' || lpad(g::text, 7, '0'),
				(${arr(SERVICES)})[1 + ${rnd("g::text || 's'", SERVICES.length)}],
				(${arr(STAGES)})[1 + ${rnd("g::text || 't'", STAGES.length)}],
				1 + ${rnd("g::text || 'o'", orgs)},
				case when g % 3 = 0 then null else (select min(id) from users) + g % 20 end,
				'U' || (g % 4),
				'ext-' || g,
				timestamptz '2024-01-01 04:00+00' + (g % 1000) * interval '1 day' + (g % 480) * interval '1 minute',
				date '2024-01-01' + (g % 1000),
				case when g % 8 >= 5 then timestamptz '2024-01-20 04:00+00' + (g % 1000) * interval '1 day' end,
				jsonb_build_object(
					'goodsLines', jsonb_build_array(jsonb_build_object(
						'hsCode', (array['84','85','87','90','93'])[1 + ${rnd("g::text || 'h'", 5)}] || lpad(${rnd("g::text || 'i'", 100000000)}::text, 8, '0'),
						'controlCode', (${arr(CODES)})[1 + ${rnd("g::text || 'k'", CODES.length)}],
						'description', 'goods', 'quantity', 1 + g % 50, 'unit', 'pcs')),
					'counterparty', jsonb_build_object('name', (${arr(WORDS_EN)})[1 + ${rnd("g::text || 'p'", 10)}] || ' Partner ' || (g % 5000), 'country', 'TR'),
					'endUser', jsonb_build_object('name', (${arr(WORDS_RU)})[1 + ${rnd("g::text || 'u'", 10)}] || ' Конечный ' || (g % 7000), 'country', 'KG'),
					'devices', case when g % 10 = 0 then jsonb_build_array('35' || lpad(${rnd("g::text || 'm'", 1000000000)}::text, 9, '0') || lpad((g % 1000000)::text, 4 + 0, '0')) else '[]'::jsonb end
				),
				now(), now()
			from generate_series(${from}, ${to}) g`)
		);
	}
	for (const i of listIndexes) await db.execute(sql.raw(i.indexdef));
	await generateClocks(db, now);
	const tLoad = performance.now();
	if (!withSearch) {
		await db.execute(sql.raw(`vacuum analyze`));
		return { orgs, seconds: (performance.now() - t0) / 1000 };
	}
	// Indexes built once over the loaded rows rather than row by row.
	await db.execute(sql.raw(`drop index case_search_keys_idx`));
	await db.execute(sql.raw(`drop index if exists case_search_names_trgm_idx`));
	await db.execute(
		sql.raw(`insert into case_search (case_id, names, keys)
		select c.id, merzim_fold(concat_ws(' ', o.name, c.application -> 'counterparty' ->> 'name', c.application -> 'endUser' ->> 'name')),
			case_search_keys(c, o.bin)
		from cases c join organisations o on o.id = c.applicant_id`)
	);
	await db.execute(sql.raw(`create index case_search_keys_idx on case_search using gin (keys)`));
	await db.execute(sql.raw(`create index case_search_names_trgm_idx on case_search using gin (names gin_trgm_ops)`));
	await db.execute(sql.raw(`alter table cases enable trigger case_search_refresh`));
	const tDoc = performance.now();
	await db.execute(sql.raw(`vacuum analyze`));
	console.log(
		`load ${((tLoad - t0) / 1000).toFixed(1)} s, search ` +
			`documents ${((tDoc - tLoad) / 1000).toFixed(1)} s, vacuum ` +
			`${((performance.now() - tDoc) / 1000).toFixed(1)} s`
	);
	return { orgs, seconds: (performance.now() - t0) / 1000 };
}

function stats(times: number[]) {
	const s = [...times].sort((a, b) => a - b);
	const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
	return { p50: q(0.5), p95: q(0.95), max: s.at(-1)!, n: s.length };
}
const fmt = (x: { p50: number; p95: number; max: number; n: number }) =>
	`p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, max ${x.max.toFixed(1)} ms (${x.n} runs)`;

async function timed(runs: number, f: (i: number) => Promise<unknown>) {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await f(i);
		times.push(performance.now() - t);
	}
	return stats(times);
}

/** What officers type, from the generated data: the row numbers are spread over the table. */
async function queries(db: Db, n: number) {
	const pick = async (g: number) => {
		const rows = (await db.execute(
			sql.raw(`select c.number, c.external_id, o.bin, c.application from cases c
			join organisations o on o.id = c.applicant_id where c.external_id = 'ext-${g}'`)
		)) as unknown as {
			number: string;
			bin: string;
			application: { goodsLines: { hsCode: string; controlCode: string }[]; devices: string[] };
		}[];
		return rows[0]!;
	};
	const out: string[] = [];
	for (let k = 1; k <= 10; k++) {
		const g = Math.floor((n / 11) * k) - (Math.floor((n / 11) * k) % 10);
		const r = await pick(g);
		out.push(
			r.bin,
			r.application.devices[0] ?? r.bin,
			WORDS_KK[k % 10]!.toLowerCase().slice(0, 5),
			`${WORDS_KK[(k + 3) % 10]} ${WORDS_RU[k % 10]!.slice(0, 4)}`,
			r.application.goodsLines[0]!.hsCode.slice(0, 6),
			r.application.goodsLines[0]!.controlCode,
			r.number.slice(0, 11),
			`ext-${g}`
		);
	}
	return out;
}

async function naiveSearch(db: Db, q: string) {
	const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return db.execute(sql`select c.id, c.number from cases c join organisations o on o.id = c.applicant_id
		where o.bin = ${q} or c.number ilike ${like} or o.name ilike ${like} or c.external_id = ${q}
			or c.application::text ilike ${like}
		limit 40`);
}

async function runOne(label: string, db: Db, n: number, naiveRuns: number, reuse = false, listOnly = false) {
	console.log(`\n## Desk on ${label}, ${n.toLocaleString('en')} cases`);
	const now = new Date('2026-12-01T05:00:00Z');
	if (!reuse) {
		const gen = await generate(db, n, now, !listOnly);
		console.log(
			`generated ${n.toLocaleString('en')} cases of ` +
				`${gen.orgs.toLocaleString('en')} organisations in ${gen.seconds.toFixed(1)} s`
		);
	}
	const scope = searchScope({ userId: 1, roles: ['head'], unit: null, agencyCode: null });
	if (!listOnly) await benchSearch(db, n, naiveRuns, scope);

	const viewer = { userId: 1, scope };
	const [bench5] = (await db.execute(sql`select id from users where username = 'bench5'`)) as unknown as {
		id: number;
	}[];
	await benchCaseList(db, { viewer, now, assignee: bench5!.id, timed, fmt, runs: listOnly ? 12 : 6 });
	const filters: CaseListFilter[] = [
		{ service: 'export-licence', stage: 'consultation', receivedFrom: '2025-03-01', receivedTo: '2025-03-31' },
		{ service: 'import-licence', unit: 'U1', assignee: 'none' },
		{ stage: 'under-review', unit: 'U2', decidedFrom: '2024-06-01', decidedTo: '2025-06-30' }
	];
	const page = await timed(30, async (i) => {
		const f = filters[i % filters.length]!;
		// As the page does: the count first, then the page read by the filter's own indexes when few.
		const { capped } = await countCases(db, f, viewer, now);
		const p = await listCasePage(db, f, viewer, now, 50, { few: !capped });
		if (p.next) await listCasePage(db, { ...f, after: p.next }, viewer, now, 50, { few: !capped });
	});
	const old = await timed(Math.max(3, Math.floor(naiveRuns / 2)), (i) => {
		const f = filters[i % filters.length]!;
		return listCases(db, { service: f.service, stage: f.stage, limit: 50, offset: 50 });
	});
	console.log(`/cases 3 filters (keyset + count, then the next page)  ${fmt(page)}`);
	console.log(`/cases former list (OFFSET, next-due order)            ${fmt(old)}`);
}

async function benchSearch(db: Db, n: number, naiveRuns: number, scope: ReturnType<typeof searchScope>) {
	const qs = await queries(db, n);
	for (const q of qs.slice(0, 8)) await searchCases(db, scope, q); // warm the caches and plans
	const ours = await timed(qs.length * 3, (i) => searchCases(db, scope, qs[i % qs.length]!));
	if (process.env.BENCH_DETAIL)
		for (let k = 0; k < 8; k++) {
			const st = await timed(10, (i) => searchCases(db, scope, qs[k + 8 * (i % 10)]!));
			console.log(`  kind ${k} (${qs[k]}): ${fmt(st)}`);
		}
	const naive = await timed(naiveRuns, (i) => naiveSearch(db, qs[(i * 7) % qs.length]!));
	console.log(`search (indexed)          ${fmt(ours)}`);
	console.log(`search (naive ILIKE)      ${fmt(naive)}`);
}

export async function runDeskBench(o: { pg: number; pglite: number; listOnly?: boolean }) {
	if (o.pg > 0) {
		const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
		const name = process.env.BENCH_DESK_DB ?? 'merzim_bench_desk';
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		// BENCH_REUSE=1: measure again on the database a BENCH_KEEP=1 run left (generating takes minutes).
		const reuse = !!process.env.BENCH_REUSE;
		if (!reuse) {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.unsafe(`create database ${name}`);
		}
		const handle = await createDb({ url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString() });
		try {
			await runOne('PostgreSQL', handle.db, o.pg, 5, reuse, o.listOnly);
		} finally {
			await handle.close();
			if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	}
	if (o.pglite > 0) {
		const handle = await createDb({ dataDir: 'memory://' });
		try {
			await runOne('PGlite', handle.db, o.pglite, 6, false, o.listOnly);
		} finally {
			await handle.close();
		}
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({
		options: { pg: { type: 'string' }, pglite: { type: 'string' }, list: { type: 'boolean' } }
	});
	await runDeskBench({
		pg: Number(values.pg ?? 1_000_000),
		pglite: Number(values.pglite ?? (values.list ? 0 : 100_000)),
		listOnly: values.list
	});
}
