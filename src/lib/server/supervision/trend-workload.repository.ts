/**
 * Reads the facts of the agency trend (consultations requested in the period, by month) and of the
 * workload "as of" an instant, counted in SQL by the rule of domain/supervision/workload-as-of. The
 * trend's arithmetic is in domain/supervision/agency-trend.
 */
import { and, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import type { Period } from '../../domain/supervision/period';
import { agencyTrend, type AgencyTrendRow } from '../../domain/supervision/agency-trend';
import { sortCounts, type Workload, type WorkloadTables } from '../../domain/supervision/workload-as-of';
import { loadConsultationFacts } from './analysis.repository';
import type { AnalysisFilters } from './analysis-query';

export async function loadAgencyTrend(
	db: Db,
	calendar: WorkingCalendar,
	period: Period,
	filters: AnalysisFilters
): Promise<AgencyTrendRow[]> {
	return agencyTrend(await loadConsultationFacts(db, calendar, period, filters), period, calendar);
}

/**
 * Open cases at `asOf` per officer, unit and stage, counted in the database (ADR-103): the rule of
 * domain/supervision/workload-as-of in one statement, so only the counts cross to the process. The
 * open cases join their assignment and stage events (the planner picks an index read per case or
 * one pass over the events) and are grouped per case: the officer is the last `case:assigned` at or
 * before `asOf` (none when every assignment came later; the current assignee when the case has none
 * at all), the stage the last stage an event recorded by then, else the current one. Event
 * instants are compared at the milliseconds the rule sees. The service and unit filters select
 * cases; the officer filter applies to the officer as of then.
 */
export async function loadWorkloadAsOf(db: Db, asOf: Date, filters: AnalysisFilters): Promise<WorkloadTables> {
	const t = sql`${asOf.toISOString()}::timestamptz`;
	const ms = (col: SQL) => sql`date_trunc('milliseconds', ${col})`;
	const where: SQL[] = [
		sql`c.created_at <= ${t}`,
		sql`(c.decided_at is null or (c.decided_at > ${t} and ${ms(sql`c.decided_at`)} > ${t}))`
	];
	if (filters.service) where.push(sql`c.service = ${filters.service}`);
	if (filters.unit) where.push(sql`c.unit = ${filters.unit}`);
	const assigned = sql`(e.type = 'case:assigned' and jsonb_typeof(e.after) = 'object' and e.after ? 'assigneeId')`;
	const staged = sql`(jsonb_typeof(e.after -> 'stage') = 'string')`;
	const byThen = sql`(${ms(sql`e.at`)} <= ${t})`;
	const ever = sql`bool_or(${assigned})`;
	const lastOfficer = sql`(array_agg(e.after -> 'assigneeId' order by e.seq desc) filter (where ${assigned} and ${byThen}))[1]`;
	const lastStage = sql`(array_agg(e.after ->> 'stage' order by e.seq desc) filter (where ${staged} and ${byThen}))[1]`;
	const officerFilter = filters.officer ? sql`where p.officer = to_jsonb(${filters.officer}::int)` : sql``;
	const statement = sql`
		with per_case as (
			select case when coalesce(${ever}, false) then ${lastOfficer} else to_jsonb(min(c.assignee_id)) end as officer,
				coalesce(min(c.unit), '') as unit, coalesce(${lastStage}, min(c.stage)) as stage
			from cases c
			left join case_events e on e.case_id = c.id and (e.type = 'case:assigned' or e.after ? 'stage')
			where ${and(...where)}
			group by c.id
		), keyed as (
			select coalesce(p.officer #>> '{}', '') as officer, p.unit, p.stage from per_case p ${officerFilter}
		)
		select case when grouping(officer) = 0 then 'officer' when grouping(unit) = 0 then 'unit'
				when grouping(stage) = 0 then 'stage' else 'total' end as by,
			coalesce(officer, unit, stage) as key, count(*)::int as open
		from keyed
		group by grouping sets ((officer), (unit), (stage), ())`;
	// JIT compiling this statement took longer than running it (bench/HISTORY.md, 2026-12-07).
	const rows = await db.transaction(async (tx) => {
		await tx.execute(sql`set local jit = off`);
		return rowsOf<{ by: 'officer' | 'unit' | 'stage' | 'total'; key: string | null; open: number }>(
			await tx.execute(statement)
		);
	});
	const counts = (by: string) =>
		sortCounts(rows.filter((r) => r.by === by).map((r) => ({ key: r.key ?? '', open: Number(r.open) })));
	const workload: Workload = {
		total: Number(rows.find((r) => r.by === 'total')?.open ?? 0),
		officers: counts('officer'),
		units: counts('unit'),
		stages: counts('stage')
	};
	const ids = workload.officers.map((o) => Number(o.key)).filter((n) => n > 0);
	const names = ids.length
		? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))
		: [];
	return {
		...workload,
		asOf: asOf.toISOString(),
		officerNames: Object.fromEntries(names.map((n) => [String(n.id), n.name]))
	};
}
