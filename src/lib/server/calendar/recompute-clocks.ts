/**
 * Recomputes open clocks after a calendar change (README decision 4). Only clocks that started
 * before the end of the changed day and were not already due before it can move; each of those is
 * recomputed from its stored event history with `computeClock`. The stored due/state are the
 * previous computation by the same engine, so they serve as "before" (one computation per clock).
 * Reads and writes go in pages (keyset on id) so a million open clocks stay in bounded memory.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { WorkingCalendar } from '../../domain/calendar';
import { computeClock, type ClockEvent, type ComputedClock, type SlaClock } from '../../domain/sla';

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

/** Stored events have ISO strings for instants; the domain wants Dates. */
export function reviveClock(row: { kind: string; unit: string; length: number; citation: string; events: unknown }): SlaClock {
	const events = (row.events as (Omit<ClockEvent, 'at'> & { at: string })[]).map((e) => ({ ...e, at: new Date(e.at) }) as ClockEvent);
	return { kind: row.kind, unit: row.unit, length: row.length, citation: row.citation, events } as SlaClock;
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

export async function recomputeOpenClocks(
	ex: Executor,
	opts: { after: WorkingCalendar; now: Date; date: string; write: boolean }
): Promise<RecomputeSummary> {
	const dayStart = new Date(`${opts.date}T00:00:00+05:00`).toISOString();
	const dayEnd = new Date(`${opts.date}T23:59:59.999+05:00`).toISOString();
	const nowMs = opts.now.getTime();
	const summary: RecomputeSummary = { moved: 0, intoBreach: 0, cases: 0, skipped: 0 };
	const touchedCases = new Set<string>();
	let lastId = '00000000-0000-0000-0000-000000000000';

	for (;;) {
		const page = rowsOf<CandidateRow>(
			await ex.execute(sql`
				select id, case_id, kind, unit, length, citation, events, due_at from clocks
				where state in ('running', 'suspended', 'overdue')
				  and (due_at is null or due_at >= ${dayStart}::timestamptz)
				  and (events->0->>'at')::timestamptz <= ${dayEnd}::timestamptz
				  and id > ${lastId}::uuid
				order by id limit ${PAGE}`)
		);
		if (page.length === 0) break;
		lastId = page.at(-1)!.id;
		const ids: string[] = [];
		const dues: (string | null)[] = [];
		const states: string[] = [];
		for (const row of page) {
			let next: ComputedClock;
			try {
				next = computeClock(reviveClock(row), opts.after, opts.now);
			} catch (e) {
				if (!(e instanceof Error) || e.name !== 'ClockSequenceError') throw e;
				summary.skipped++;
				continue;
			}
			const wasDue = row.due_at === null ? null : new Date(row.due_at).getTime();
			const nextDue = next.due?.getTime() ?? null;
			if (wasDue === nextDue) continue;
			summary.moved++;
			if (nextDue !== null && nextDue < nowMs && (wasDue === null || wasDue >= nowMs)) summary.intoBreach++;
			touchedCases.add(row.case_id);
			ids.push(row.id);
			dues.push(next.due?.toISOString() ?? null);
			states.push(next.state);
		}
		if (opts.write && ids.length) await writeClocks(ex, ids, dues, states);
	}
	summary.cases = touchedCases.size;
	if (opts.write && touchedCases.size) await refreshNextDue(ex, [...touchedCases]);
	return summary;
}

/** One statement per page: arrays as parameters, joined by id. */
async function writeClocks(ex: Executor, ids: string[], dues: (string | null)[], states: string[]) {
	await ex.execute(sql`
		update clocks set due_at = v.due, state = v.state
		from unnest(${toPgArray(ids)}::uuid[], ${toPgArray(dues)}::timestamptz[], ${toPgArray(states)}::text[]) as v(id, due, state)
		where clocks.id = v.id`);
}

/** The denormalised ordering key of each touched case: its earliest running clock. */
async function refreshNextDue(ex: Executor, caseIds: string[]) {
	for (let i = 0; i < caseIds.length; i += PAGE) {
		const part = toPgArray(caseIds.slice(i, i + PAGE));
		await ex.execute(sql`
			update cases set next_due_at = m.due
			from (
				select c.id, min(k.due_at) filter (where k.state in ('running', 'overdue')) as due
				from unnest(${part}::uuid[]) as c(id) left join clocks k on k.case_id = c.id
				group by c.id
			) as m
			where cases.id = m.id and cases.next_due_at is distinct from m.due`);
	}
}

/**
 * A PostgreSQL array literal. Passed as one text parameter and cast in SQL, so both drivers
 * (postgres.js and PGlite) send it the same way, whatever their own array serialisation.
 */
function toPgArray(values: (string | null)[]): string {
	return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
