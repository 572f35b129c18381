/**
 * The workload "as of" computed the way the server did before ADR-103: every case open at the
 * instant read into the process with its assignment and stage events, replayed by the domain rule
 * (domain/supervision/workload-as-of). The reference the SQL count is held equal to
 * (tests/integration/supervision-workload-sql.test.ts) and the bench's obvious alternative.
 */
import { and, asc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { caseEvents, cases, users } from '../../src/lib/server/db/schema';
import {
	caseAsOf,
	workloadAsOf,
	type WorkloadCase,
	type WorkloadEvent
} from '../../src/lib/domain/supervision/workload-as-of';
import { groupByCaseInBatches } from './case-batches';
import type { AnalysisFilters } from '../../src/lib/server/supervision/analysis-query';
import type { WorkloadTables } from '../../src/lib/domain/supervision/workload-as-of';

export async function replayWorkloadAsOf(db: Db, asOf: Date, filters: AnalysisFilters): Promise<WorkloadTables> {
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
