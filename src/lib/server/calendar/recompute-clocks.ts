/**
 * Recomputes open clocks after a calendar change (ADR-004). Only clocks that started
 * before the end of the changed day and were not already due before it can move; each of those is
 * recomputed from its stored event history with `computeClock`. The stored due/state are the
 * previous computation by the same engine, so they serve as "before".
 *
 * Two paths, one engine:
 * - Most open clocks are a working-day term with one `started` event. Their due depends only on
 *   the local date they started, whether that was at or after the 17:00 cut-off (for terms that
 *   run from registration, ADR-002) and their length (ADR-003: the start day is day 0), so
 *   they are grouped by those in SQL, each group is computed once by `computeClock` from its
 *   earliest history, and one set-based UPDATE writes the moved ones. A million such clocks never
 *   travel to Node (bench/README.md: recompute).
 * - Every other clock (suspended, resumed, extended, other units) is read in pages (keyset on id)
 *   and recomputed one by one from its full history.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../db/client';
import type { WorkingCalendar } from '../../domain/calendar';
import { type ClockEvent, type ComputedClock, type SlaClock } from '../../domain/sla';
import { clockTimers } from '../../domain/procedures/timers';

/**
 * The stored state (cases/write-plan.ts storedState): a clock moved past its due stays 'running'
 * until the scheduler has announced that breach, so a calendar change never swallows one.
 */
const STORED_STATE = (state: string, due: string) =>
	sql.raw(
		`case when ${state} = 'overdue' and clocks.fired_for is distinct from ${due} then 'running' else ${state} end`
	);

export interface RecomputeSummary {
	/** Open clocks whose due instant changes. */
	moved: number;
	/** … of which were not yet due before the change and are past due after it. */
	intoBreach: number;
	/** Cases whose clocks moved. */
	cases: number;
	/** Clocks whose history the engine refused (left unchanged, reported, never fatal to the change). */
	skipped: number;
}

const PAGE = 20_000;

interface CandidateRow {
	id: string;
	case_id: string;
	kind: string;
	unit: string;
	length: number;
	citation: string;
	events: unknown;
	due_at: string | Date | null;
}

interface GroupRow {
	day: string;
	late: boolean;
	length: number;
	kind: string;
	first_at: string;
	due_at: string | Date | null;
	n: number;
}

/** Stored events have ISO strings for instants; the domain wants Dates. */
export function reviveClock(row: {
	kind: string;
	unit: string;
	length: number;
	citation: string;
	events: unknown;
}): SlaClock {
	const events = (row.events as (Omit<ClockEvent, 'at'> & { at: string })[]).map(
		(e) => ({ ...e, at: new Date(e.at) }) as ClockEvent
	);
	return { kind: row.kind, unit: row.unit, length: row.length, citation: row.citation, events } as SlaClock;
}

const ms = (v: string | Date | null): number | null => (v === null ? null : new Date(v).getTime());

/** A single `started` event on a working-day term of at least one day: due = f(start date, length). */
const SIMPLE = sql`unit = 'working_days' and length > 0 and jsonb_array_length(events) = 1 and events->0->>'type' = 'started'`;
const START = sql`(events->0->>'at')::timestamptz`;
const START_DAY = sql`((events->0->>'at')::timestamptz at time zone 'Asia/Almaty')::date`;
/** Terms that run from registration roll a receipt at or after 17:00 to the next working day (ADR-002). */
const START_LATE = sql`(((events->0->>'at')::timestamptz at time zone 'Asia/Almaty')::time >= '17:00')`;

export async function recomputeOpenClocks(
	ex: Executor,
	opts: { after: WorkingCalendar; now: Date; date: string; write: boolean }
): Promise<RecomputeSummary> {
	const dayStart = new Date(`${opts.date}T00:00:00+05:00`).toISOString();
	const dayEnd = new Date(`${opts.date}T23:59:59.999+05:00`).toISOString();
	const candidate = sql`state in ('running', 'suspended', 'overdue')
		and (due_at is null or due_at >= ${dayStart}::timestamptz)
		and ${START} <= ${dayEnd}::timestamptz`;
	const summary: RecomputeSummary = { moved: 0, intoBreach: 0, cases: 0, skipped: 0 };
	const slowCases = await recomputeOneByOne(ex, opts, candidate, summary);
	summary.cases = await recomputeGrouped(ex, opts, candidate, summary, slowCases);
	return summary;
}

/** The fast path; returns the number of distinct cases moved by either path. */
async function recomputeGrouped(
	ex: Executor,
	opts: { after: WorkingCalendar; now: Date; write: boolean },
	candidate: ReturnType<typeof sql>,
	summary: RecomputeSummary,
	slowCases: Set<string>
): Promise<number> {
	const nowMs = opts.now.getTime();
	// The groups are a few thousand rows passed as arrays; the planner guesses ten and would loop
	// over a million clocks once per group. A hash join is always right here.
	await ex.execute(sql`set local enable_nestloop = off`);
	// Grouping a million rows by (day, length, kind, due) sorted on disk in the default 4 MB; in memory it hashes.
	await ex.execute(sql`set local work_mem = '64MB'`);
	const groups = rowsOf<GroupRow>(
		await ex.execute(sql`
			select ${START_DAY}::text as day, ${START_LATE} as late, length, kind, min(events->0->>'at') as first_at, due_at, count(*)::int as n
			from clocks where ${candidate} and ${SIMPLE}
			group by 1, 2, 3, 4, 6`)
	);
	// One computation per (start day, length, kind); the stored dues inside a group may differ
	// (computed under different calendars), so the counts are kept per stored due.
	const computed = new Map<string, ComputedClock>();
	const days: string[] = [];
	const lates: string[] = [];
	const lengths: string[] = [];
	const kinds: string[] = [];
	const dues: string[] = [];
	const states: string[] = [];
	const warns: (string | null)[] = [];
	const reds: (string | null)[] = [];
	for (const g of groups) {
		const key = `${g.day}|${g.late}|${g.length}|${g.kind}`;
		let next = computed.get(key);
		if (!next) {
			const timers = clockTimers(
				reviveClock({
					kind: g.kind,
					unit: 'working_days',
					length: g.length,
					citation: '',
					events: [{ type: 'started', at: g.first_at }]
				}),
				opts.after,
				opts.now
			);
			next = timers.computed;
			computed.set(key, next);
			warns.push(timers.warnAt?.toISOString() ?? null);
			reds.push(timers.redAt?.toISOString() ?? null);
			days.push(g.day);
			lates.push(String(g.late));
			lengths.push(String(g.length));
			kinds.push(g.kind);
			dues.push(next.due!.toISOString());
			states.push(next.state);
		}
		const wasDue = ms(g.due_at);
		const nextDue = next.due!.getTime();
		if (wasDue === nextDue) continue;
		summary.moved += g.n;
		if (nextDue < nowMs && (wasDue === null || wasDue >= nowMs)) summary.intoBreach += g.n;
	}
	const values = sql`select * from unnest(${toPgArray(days)}::date[], ${toPgArray(lates)}::boolean[], ${toPgArray(lengths)}::int[], ${toPgArray(kinds)}::text[], ${toPgArray(dues)}::timestamptz[], ${toPgArray(states)}::text[], ${toPgArray(warns)}::timestamptz[], ${toPgArray(reds)}::timestamptz[]) as v(v_day, v_late, v_length, v_kind, v_due, v_state, v_warn, v_red)`;
	const slow = toPgArray([...slowCases]);
	const moved = opts.write
		? sql`update clocks set due_at = v.v_due, state = ${STORED_STATE('v.v_state', 'v.v_due')}, warn_at = v.v_warn, red_at = v.v_red from v
				where ${candidate} and ${SIMPLE} and clocks.length = v.v_length and clocks.kind = v.v_kind and ${START_DAY} = v.v_day and ${START_LATE} = v.v_late
				  and clocks.due_at is distinct from v.v_due
				returning clocks.case_id`
		: sql`select clocks.case_id from clocks join v on clocks.length = v.v_length and clocks.kind = v.v_kind and ${START_DAY} = v.v_day and ${START_LATE} = v.v_late
				where ${candidate} and ${SIMPLE} and clocks.due_at is distinct from v.v_due`;
	const [row] = rowsOf<{ cases: number }>(
		await ex.execute(sql`
			with v as (${values}), moved as (${moved})
			select count(*)::int as cases from (select case_id from moved union select unnest(${slow}::uuid[])) as c`)
	);
	return row?.cases ?? 0;
}

/** The general path: every candidate that is not a simple working-day term, from its full history. */
async function recomputeOneByOne(
	ex: Executor,
	opts: { after: WorkingCalendar; now: Date; write: boolean },
	candidate: ReturnType<typeof sql>,
	summary: RecomputeSummary
): Promise<Set<string>> {
	const nowMs = opts.now.getTime();
	const touchedCases = new Set<string>();
	// Which clocks, in one sequential scan (few, usually); then their histories by id, a page at a
	// time. A keyset scan (`id > $last order by id limit n`) looked cheaper to the planner, which
	// walked the primary key over the whole table in random order: 3.9 s of the 10 s at a million.
	const slowIds = rowsOf<{ id: string }>(
		await ex.execute(sql`select id from clocks where ${candidate} and not (${SIMPLE})`)
	)
		.map((r) => r.id)
		.sort();
	for (let from = 0; from < slowIds.length; from += PAGE) {
		const page = rowsOf<CandidateRow>(
			await ex.execute(sql`
				select id, case_id, kind, unit, length, citation, events, due_at from clocks
				where id = any(${toPgArray(slowIds.slice(from, from + PAGE))}::uuid[]) and ${candidate}
				order by id`)
		);
		const ids: string[] = [];
		const dues: (string | null)[] = [];
		const states: string[] = [];
		const warns: (string | null)[] = [];
		const reds: (string | null)[] = [];
		for (const row of page) {
			let next: ComputedClock;
			let warnAt: Date | null;
			let redAt: Date | null;
			try {
				const timers = clockTimers(reviveClock(row), opts.after, opts.now);
				next = timers.computed;
				warnAt = timers.warnAt;
				redAt = timers.redAt;
			} catch (e) {
				if (!(e instanceof Error) || e.name !== 'ClockSequenceError') throw e;
				summary.skipped++;
				continue;
			}
			const wasDue = ms(row.due_at);
			const nextDue = next.due?.getTime() ?? null;
			if (wasDue === nextDue) continue;
			summary.moved++;
			if (nextDue !== null && nextDue < nowMs && (wasDue === null || wasDue >= nowMs)) summary.intoBreach++;
			touchedCases.add(row.case_id);
			ids.push(row.id);
			dues.push(next.due?.toISOString() ?? null);
			states.push(next.state);
			warns.push(warnAt?.toISOString() ?? null);
			reds.push(redAt?.toISOString() ?? null);
		}
		if (opts.write && ids.length) await writeClocks(ex, ids, dues, states, warns, reds);
	}
	return touchedCases;
}

/** One statement per page: arrays as parameters, joined by id. */
async function writeClocks(
	ex: Executor,
	ids: string[],
	dues: (string | null)[],
	states: string[],
	warns: (string | null)[],
	reds: (string | null)[]
) {
	await ex.execute(sql`
		update clocks set due_at = v.due, state = ${STORED_STATE('v.state', 'v.due')}, warn_at = v.warn, red_at = v.red
		from unnest(${toPgArray(ids)}::uuid[], ${toPgArray(dues)}::timestamptz[], ${toPgArray(states)}::text[], ${toPgArray(warns)}::timestamptz[], ${toPgArray(reds)}::timestamptz[]) as v(id, due, state, warn, red)
		where clocks.id = v.id`);
}

/**
 * A PostgreSQL array literal. Passed as one text parameter and cast in SQL, so both drivers
 * (postgres.js and PGlite) send it the same way, whatever their own array serialisation.
 */
function toPgArray(values: (string | null)[]): string {
	return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
