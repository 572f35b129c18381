/**
 * Reads the facts the supervision analyses need for a period and filters: decided cases with their
 * clocks, and consultations requested in the period. The arithmetic is in domain/supervision.
 */
import { and, eq, exists, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, clocks, consultations, users } from '../db/schema';
import type { LocalDate, WorkingCalendar } from '../../domain/calendar';
import type { Period } from '../../domain/supervision/period';
import { decidedCaseFacts, type DecidedCaseFacts } from '../../domain/supervision/case-facts';
import { complianceBy, type ComplianceRow } from '../../domain/supervision/compliance';
import { agencyRows, type AgencyRow, type ConsultationFacts } from '../../domain/supervision/agency-stats';
import { reviveClock } from '../calendar/recompute-clocks';
import type { AnalysisFilters } from './analysis-query';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';
import { groupBy } from '../../domain/group-by';
import { complianceFromFacts, refreshDecidedFacts } from './decided-facts.repository';

export interface ComplianceTables {
	readonly services: ComplianceRow[];
	readonly units: ComplianceRow[];
	readonly officers: ComplianceRow[];
}

/** Almaty midnight starting `date`, as an instant (UTC+5 all year, ADR-001). */
const localMidnight = (date: LocalDate) => new Date(`${date}T00:00:00+05:00`);

export function periodInstants(calendar: WorkingCalendar, period: Period): { start: Date; end: Date } {
	return { start: localMidnight(period.from), end: localMidnight(calendar.addCalendarDays(period.to, 1)) };
}

function caseFilters(f: AnalysisFilters): SQL[] {
	const where: SQL[] = [];
	if (f.service) where.push(eq(cases.service, f.service));
	if (f.unit) where.push(eq(cases.unit, f.unit));
	if (f.officer) where.push(eq(cases.assigneeId, f.officer));
	return where;
}

export async function loadDecidedFacts(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	period: Period,
	filters: AnalysisFilters,
	/** The reader's language, for the officers' names (ADR-062). */
	locale: DisplayLocale = 'en'
): Promise<DecidedCaseFacts[]> {
	const { start, end } = periodInstants(calendar, period);
	const where = [gte(cases.decidedAt, start), lt(cases.decidedAt, end), ...caseFilters(filters)];
	if (filters.agency)
		where.push(
			exists(
				db
					.select({ one: sql`1` })
					.from(consultations)
					.where(and(eq(consultations.caseId, cases.id), eq(consultations.agencyCode, filters.agency)))
			)
		);
	const decided = await db
		.select({
			id: cases.id,
			service: cases.service,
			unit: cases.unit,
			officerId: cases.assigneeId,
			officer: userNameSql(locale),
			decidedAt: cases.decidedAt
		})
		.from(cases)
		.leftJoin(users, eq(users.id, cases.assigneeId))
		.where(and(...where));
	// The same cases' clocks by a join on the same conditions: no id list crosses to the database.
	const clocksByCase = groupBy(
		await db
			.select({ clock: clocks })
			.from(clocks)
			.innerJoin(cases, eq(cases.id, clocks.caseId))
			.where(and(...where)),
		(r) => r.clock.caseId,
		(r) => reviveClock(r.clock)
	);
	return decided.map((c) =>
		decidedCaseFacts(
			{
				caseId: c.id,
				service: c.service,
				unit: c.unit,
				officerId: c.officerId,
				officer: c.officer,
				decidedAt: c.decidedAt!,
				clocks: clocksByCase.get(c.id) ?? []
			},
			calendar,
			now
		)
	);
}

export async function loadCompliance(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	period: Period,
	filters: AnalysisFilters,
	locale: DisplayLocale = 'en'
): Promise<ComplianceTables> {
	const instants = periodInstants(calendar, period);
	await refreshDecidedFacts(db, calendar, now, instants);
	const t = await complianceFromFacts(db, instants, filters, locale);
	return { services: t.service, units: t.unit, officers: t.officer };
}

/**
 * The same tables computed the former way, from every decided case's clocks replayed in this
 * process: the reference the kept facts are held equal to (tests) and measured against (bench).
 */
export async function loadComplianceByReplay(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	period: Period,
	filters: AnalysisFilters,
	locale: DisplayLocale = 'en'
): Promise<ComplianceTables> {
	const facts = await loadDecidedFacts(db, calendar, now, period, filters, locale);
	return {
		services: complianceBy(facts, 'service'),
		units: complianceBy(facts, 'unit'),
		officers: complianceBy(facts, 'officer')
	};
}

/** Consultations requested in the period, of cases matching the filters. */
export async function loadConsultationFacts(
	db: Db,
	calendar: WorkingCalendar,
	period: Period,
	filters: AnalysisFilters
): Promise<ConsultationFacts[]> {
	const { start, end } = periodInstants(calendar, period);
	const where = [gte(consultations.requestedAt, start), lt(consultations.requestedAt, end), ...caseFilters(filters)];
	if (filters.agency) where.push(eq(consultations.agencyCode, filters.agency));
	return db
		.select({
			agency: consultations.agencyCode,
			requestedAt: consultations.requestedAt,
			dueAt: consultations.dueAt,
			answeredAt: consultations.answeredAt,
			decision: consultations.decision
		})
		.from(consultations)
		.innerJoin(cases, eq(cases.id, consultations.caseId))
		.where(and(...where));
}

export async function loadAgencies(
	db: Db,
	calendar: WorkingCalendar,
	period: Period,
	filters: AnalysisFilters
): Promise<AgencyRow[]> {
	return agencyRows(await loadConsultationFacts(db, calendar, period, filters), calendar);
}
