/**
 * Recomputes open clocks after a calendar change. Only clocks that started on or before the
 * changed date and were not already due before it can move; each is recomputed from its stored
 * event history with `computeClock` (the denormalised due/state columns are never patched by hand).
 */
import { and, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { cases, clocks } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import { computeClock, type ClockEvent, type ComputedClock, type SlaClock } from '../../domain/sla';

export interface RecomputeSummary {
	/** Open clocks whose due instant changes. */
	moved: number;
	/** … of which were not breached before and are after the change. */
	intoBreach: number;
	/** Cases whose clocks moved. */
	cases: number;
	/** Clocks whose history the engine refused (left unchanged, reported, never fatal to the change). */
	skipped: number;
}

const OPEN_STATES = ['running', 'suspended', 'overdue'];
const BATCH = 5_000;

/** Stored events have ISO strings for instants; the domain wants Dates. */
export function reviveClock(row: { kind: string; unit: string; length: number; citation: string; events: unknown }): SlaClock {
	const events = (row.events as (Omit<ClockEvent, 'at'> & { at: string })[]).map((e) => ({ ...e, at: new Date(e.at) }) as ClockEvent);
	return { kind: row.kind, unit: row.unit, length: row.length, citation: row.citation, events } as SlaClock;
}

export async function recomputeOpenClocks(
	ex: Executor,
	opts: { before: WorkingCalendar; after: WorkingCalendar; now: Date; date: string; write: boolean }
): Promise<RecomputeSummary> {
	const dayStart = new Date(`${opts.date}T00:00:00+05:00`);
	const candidates = await ex
		.select({ id: clocks.id, caseId: clocks.caseId, kind: clocks.kind, unit: clocks.unit, length: clocks.length, citation: clocks.citation, events: clocks.events })
		.from(clocks)
		.where(and(inArray(clocks.state, OPEN_STATES), or(isNull(clocks.dueAt), gte(clocks.dueAt, dayStart))));

	const summary: RecomputeSummary = { moved: 0, intoBreach: 0, cases: 0, skipped: 0 };
	const changed: { id: string; caseId: string; due: Date | null; state: string }[] = [];
	for (const row of candidates) {
		const clock = reviveClock(row);
		let was: ComputedClock, now: ComputedClock;
		try {
			was = computeClock(clock, opts.before, opts.now);
			now = computeClock(clock, opts.after, opts.now);
		} catch (e) {
			if (!(e instanceof Error) || e.name !== 'ClockSequenceError') throw e;
			summary.skipped++;
			continue;
		}
		if (was.due?.getTime() === now.due?.getTime() && was.state === now.state) continue;
		summary.moved++;
		if (now.state === 'overdue' && was.state !== 'overdue') summary.intoBreach++;
		changed.push({ id: row.id, caseId: row.caseId, due: now.due, state: now.state });
	}
	summary.cases = new Set(changed.map((c) => c.caseId)).size;
	if (!opts.write || changed.length === 0) return summary;

	for (let i = 0; i < changed.length; i += BATCH) {
		const part = changed.slice(i, i + BATCH);
		const values = sql.join(
			part.map((c) => sql`(${c.id}::uuid, ${c.due?.toISOString() ?? null}::timestamptz, ${c.state})`),
			sql`, `
		);
		await ex.execute(sql`update clocks set due_at = v.due, state = v.state from (values ${values}) as v(id, due, state) where clocks.id = v.id`);
	}
	const caseIds = [...new Set(changed.map((c) => c.caseId))];
	for (let i = 0; i < caseIds.length; i += BATCH) {
		const part = caseIds.slice(i, i + BATCH);
		await ex
			.update(cases)
			.set({
				nextDueAt: sql`(select min(due_at) from clocks where clocks.case_id = ${cases.id} and clocks.state in ('running', 'overdue'))`
			})
			.where(inArray(cases.id, part));
	}
	return summary;
}
