/**
 * Reads the facts of the agency trend (consultations requested in the period, by month) and of the
 * workload "as of" an instant (cases open then, with their assignment and stage events). The
 * arithmetic is in domain/supervision (agency-trend, workload-as-of).
 */
import { and, asc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { caseEvents, cases, users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import type { Period } from '../../domain/supervision/period';
import { agencyTrend, type AgencyTrendRow } from '../../domain/supervision/agency-trend';
import {
	caseAsOf,
	workloadAsOf,
	type Workload,
	type WorkloadCase,
	type WorkloadEvent
} from '../../domain/supervision/workload-as-of';
import { loadConsultationFacts } from './analysis.repository';
import { groupByCaseInBatches } from './case-batches';
import type { AnalysisFilters } from './analysis-query';

export async function loadAgencyTrend(
	db: Db,
	calendar: WorkingCalendar,
	period: Period,
	filters: AnalysisFilters
): Promise<AgencyTrendRow[]> {
	return agencyTrend(await loadConsultationFacts(db, calendar, period, filters), period, calendar);
}

export interface WorkloadTables extends Workload {
	readonly asOf: string;
	/** Officer names by id, for the table's first column. */
	readonly officerNames: Record<string, string>;
}

/**
 * Open cases at `asOf` per officer, unit and stage. The service and unit filters select cases; the
 * officer filter applies to the officer as of then, so it is checked after the history is replayed.
 */
export async function loadWorkloadAsOf(db: Db, asOf: Date, filters: AnalysisFilters): Promise<WorkloadTables> {
	const where: SQL[] = [lte(cases.createdAt, asOf), or(isNull(cases.decidedAt), gt(cases.decidedAt, asOf))!];
	if (filters.service) where.push(eq(cases.service, filters.service));
	if (filters.unit) where.push(eq(cases.unit, filters.unit));
	const open = await db
		.select({
			caseId: cases.id,
			unit: cases.unit,
			createdAt: cases.createdAt,
			decidedAt: cases.decidedAt,
			assigneeId: cases.assigneeId,
			stage: cases.stage
		})
		.from(cases)
		.where(and(...where));
	const events = await groupByCaseInBatches(
		open.map((c) => c.caseId),
		(ids) =>
			db
				.select({ caseId: caseEvents.caseId, type: caseEvents.type, at: caseEvents.at, after: caseEvents.after })
				.from(caseEvents)
				.where(
					and(
						inArray(caseEvents.caseId, ids),
						or(eq(caseEvents.type, 'case:assigned'), sql`${caseEvents.after} ->> 'stage' is not null`)
					)
				)
				.orderBy(asc(caseEvents.caseId), asc(caseEvents.seq)),
		(r): WorkloadEvent => ({ type: r.type, at: r.at, after: r.after as Record<string, unknown> | null })
	);
	const history: WorkloadCase[] = open.map((c) => ({ ...c, events: events.get(c.caseId) ?? [] }));
	const workload = workloadAsOf(
		filters.officer ? history.filter((c) => caseAsOf(c, asOf)?.officerId === filters.officer) : history,
		asOf
	);
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
