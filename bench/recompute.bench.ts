/**
 * Recomputing open deadlines after a calendar override, end to end, on PostgreSQL: N open cases
 * (default 1,000,000), each with a running working-day clock started in the last 60 working days
 * (lengths 1–60 WD), then an admin sets a day off on a working day a week ahead. Timed: the whole
 * `calendar.change()` — the override, the audit row, reading the candidate clocks, recomputing each
 * from its history, writing the moved ones, in one transaction.
 * Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/recompute.bench.ts [N]
 * Knobs for investigating: BENCH_DROP_INDEX=a,b drops those indexes before timing (what an index
 * costs the change); BENCH_KEEP=1 keeps the database afterwards (EXPLAIN the queries by hand).
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createDb } from '../src/lib/server/db/client';
import { ensureReferenceData } from '../src/lib/server/db/reference-data';
import { createCalendarService } from '../src/lib/server/calendar/calendar.service';
import { ManualClock } from '../src/lib/server/clock';
import { createCalendar } from '../src/lib/domain/calendar';

export async function runRecomputeBench(n = 1_000_000) {
	const adminUrl =
		process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = 'merzim_bench_recompute';
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const handle = await createDb({ url: url.toString() });
	const { db } = handle;
	try {
		await ensureReferenceData(db);
		const now = new Date('2026-06-01T05:00:00Z'); // Monday 10:00 in Almaty
		const calendar = createCalendar({});
		const today = calendar.localDate(now);
		// Distinct (start day, length) combinations, their due computed by our engine.
		const starts: string[] = [];
		const lengths: number[] = [];
		const dues: string[] = [];
		for (let back = 0; back < 60; back++) {
			const day = calendar.addWorkingDays(today, -back);
			for (let len = 1; len <= 60; len++) {
				starts.push(`${day}T10:00:00+05:00`);
				lengths.push(len);
				dues.push(calendar.workingDaysDue(day, len).toISOString());
			}
		}
		const t0 = performance.now();
		await db.execute(
			sql`insert into organisations (bin, name, legal_address, city) values ('000740001307', 'Bench', 'Astana', 'Astana')`
		);
		await db.execute(
			sql`create table bench_combos as select * from unnest(${`{${starts.join(',')}}`}::timestamptz[], ${`{${lengths.join(',')}}`}::int[], ${`{${dues.join(',')}}`}::timestamptz[]) with ordinality as c(start_at, len, due_at, k)`
		);
		await db.execute(sql`
			insert into cases (number, service, stage, applicant_id, received_at, registered_on, application, created_at, updated_at)
			select 'B-' || g, 'export-licence', 'consultation', (select id from organisations limit 1), c.start_at, (c.start_at at time zone 'Asia/Almaty')::date, '{}'::jsonb, c.start_at, c.start_at
			from generate_series(1, ${n}) g join bench_combos c on c.k = 1 + (g::bigint * 7919) % ${starts.length}`);
		await db.execute(sql`
			insert into clocks (case_id, kind, unit, length, citation, events, state, due_at)
			select cs.id, 'service-term', 'working_days', c.len, '001 Annex 1 row 3',
				jsonb_build_array(jsonb_build_object('type', 'started', 'at', to_char(c.start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
				case when c.due_at < ${now.toISOString()}::timestamptz then 'overdue' else 'running' end, c.due_at
			from cases cs join bench_combos c on c.k = 1 + (substr(cs.number, 3)::bigint * 7919) % ${starts.length}`);
		for (const ix of (process.env.BENCH_DROP_INDEX ?? '').split(',').filter(Boolean))
			await db.execute(sql.raw(`drop index ${ix}`));
		// A million clocks accumulate over months in real life, not in the seconds before the change:
		// settle the freshly loaded table as autovacuum and the checkpointer would have (hint bits,
		// visibility map, statistics, dirty pages written), so the timing is of the change alone.
		await db.execute(sql`vacuum analyze clocks`);
		await db.execute(sql`vacuum analyze cases`);
		await db.execute(sql`checkpoint`);
		const [{ count }] = (await db.execute(sql`select count(*)::int as count from clocks`)) as unknown as [
			{ count: number }
		];
		console.log(
			`\n## Recompute after a calendar override (PostgreSQL, ${count.toLocaleString('en')} ` +
				`open clocks; set-up ${((performance.now() - t0) / 1000).toFixed(1)} s)`
		);

		const service = createCalendarService({ db, clock: new ManualClock(now) });
		const dayOff = calendar.addWorkingDays(today, 5);
		const preview0 = performance.now();
		await service.preview({ date: dayOff, override: { kind: 'day_off', reason: 'bench' } });
		const previewMs = performance.now() - preview0;
		const t1 = performance.now();
		const result = await service.change(
			{ date: dayOff, override: { kind: 'day_off', reason: 'bench closure' } },
			{ userId: null, label: 'bench' }
		);
		const ms = performance.now() - t1;
		console.log(`preview (read + recompute, no writes): ${(previewMs / 1000).toFixed(2)} s`);
		console.log(
			`change day off ${dayOff}: ${(ms / 1000).toFixed(2)} s end to end; moved ` +
				`${result.moved.toLocaleString('en')} clocks in ${result.cases.toLocaleString('en')} ` +
				`cases, ${result.intoBreach} into breach, ${result.skipped} skipped`
		);
	} finally {
		await handle.close();
		if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await runRecomputeBench(Number(process.argv[2] ?? 1_000_000));
