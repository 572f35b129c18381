/**
 * Reads the register of general-licence execution reports (001 pp.27–28, Annex 4): every
 * `execution-report` clock whose export day (the clock's start, Almaty) falls in the period, with
 * its case, licence and applicant; the arithmetic is in domain/supervision/execution-register.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, clocks, organisations } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import type { Period } from '../../domain/supervision/period';
import {
	executionRegister,
	licenceSummaries,
	type ExecutionReport,
	type RegisterInput
} from '../../domain/supervision/execution-register';
import { reviveClock } from '../calendar/recompute-clocks';
import { periodInstants } from './analysis.repository';
import type { AnalysisFilters } from './analysis-query';

const STARTED = sql`(${clocks.events}->0->>'at')::timestamptz`;

export async function loadExecutionRegister(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	period: Period,
	filters: AnalysisFilters
) {
	const { start, end } = periodInstants(calendar, period);
	const where: SQL[] = [
		eq(clocks.kind, 'execution-report'),
		sql`${STARTED} >= ${start.toISOString()}::timestamptz`,
		sql`${STARTED} < ${end.toISOString()}::timestamptz`
	];
	if (filters.service) where.push(eq(cases.service, filters.service));
	if (filters.unit) where.push(eq(cases.unit, filters.unit));
	if (filters.officer) where.push(eq(cases.assigneeId, filters.officer));
	const rows = await db
		.select({
			caseId: cases.id,
			caseNumber: cases.number,
			decision: cases.decision,
			applicant: organisations.name,
			clock: clocks
		})
		.from(clocks)
		.innerJoin(cases, eq(cases.id, clocks.caseId))
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.where(and(...where));
	const inputs: RegisterInput[] = rows.map((r) => {
		const record = r.decision ?? {};
		const licence = typeof record.documentNumber === 'string' ? record.documentNumber : null;
		const reports = Array.isArray(record.executionReports) ? (record.executionReports as ExecutionReport[]) : [];
		return {
			caseId: r.caseId,
			caseNumber: r.caseNumber,
			licence,
			applicant: r.applicant,
			clock: reviveClock(r.clock),
			reports
		};
	});
	const exports = executionRegister(inputs, calendar, now);
	return { exports, licences: licenceSummaries(inputs, exports) };
}

export type ExecutionRegisterData = Awaited<ReturnType<typeof loadExecutionRegister>>;
