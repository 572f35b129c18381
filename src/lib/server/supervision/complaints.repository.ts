/**
 * Reads the complaints decided in a period with their review clocks; the arithmetic is in
 * domain/supervision/complaint-compliance. The reviewer is who decided the complaint (else its
 * assignee); the service filter narrows to complaints about cases of that service.
 */
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { cases, clocks, users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import type { Period } from '../../domain/supervision/period';
import {
	complaintFacts,
	complaintsBy,
	type ComplaintFacts,
	type ComplaintTables,
	type ReviewBody
} from '../../domain/supervision/complaint-compliance';
import { reviveClock } from '../calendar/recompute-clocks';
import { periodInstants } from './analysis.repository';
import type { AnalysisFilters } from './analysis-query';

const original = alias(cases, 'original');
const BODIES: readonly string[] = ['provider', 'quality-body'];

export async function loadComplaintFacts(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	period: Period,
	filters: AnalysisFilters
): Promise<ComplaintFacts[]> {
	const { start, end } = periodInstants(calendar, period);
	const reviewerId = sql<number | null>`coalesce(${cases.decidedBy}, ${cases.assigneeId})`;
	const where: SQL[] = [eq(cases.service, 'complaint'), gte(cases.decidedAt, start), lt(cases.decidedAt, end)];
	if (filters.unit) where.push(eq(cases.unit, filters.unit));
	if (filters.officer) where.push(sql`${reviewerId} = ${filters.officer}`);
	if (filters.service) where.push(eq(original.service, filters.service));
	const decided = await db
		.select({
			id: cases.id,
			unit: cases.unit,
			reviewerId,
			reviewer: users.displayName,
			decidedAt: cases.decidedAt
		})
		.from(cases)
		.leftJoin(original, eq(original.id, cases.complaintOf))
		.leftJoin(users, sql`${users.id} = ${reviewerId}`)
		.where(and(...where));
	// The same complaints' review clocks by a join on the same conditions: no id list.
	const reviews = new Map<string, { clock: ReturnType<typeof reviveClock>; subject: string | null }>();
	const rows = await db
		.select({ clock: clocks })
		.from(clocks)
		.innerJoin(cases, eq(cases.id, clocks.caseId))
		.leftJoin(original, eq(original.id, cases.complaintOf))
		.where(and(eq(clocks.kind, 'complaint-review'), ...where));
	for (const { clock: r } of rows) reviews.set(r.caseId, { clock: reviveClock(r), subject: r.subject });
	return decided.map((c) => {
		const review = reviews.get(c.id);
		const subject = review?.subject ?? null;
		return complaintFacts(
			{
				caseId: c.id,
				unit: c.unit,
				reviewerId: c.reviewerId === null ? null : Number(c.reviewerId),
				reviewer: c.reviewer,
				decidedAt: c.decidedAt!,
				review: review?.clock ?? null,
				body: subject && BODIES.includes(subject) ? (subject as ReviewBody) : null
			},
			calendar,
			now
		);
	});
}

export async function loadComplaints(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	period: Period,
	filters: AnalysisFilters
): Promise<ComplaintTables> {
	const facts = await loadComplaintFacts(db, calendar, now, period, filters);
	return {
		bodies: complaintsBy(facts, 'body'),
		units: complaintsBy(facts, 'unit'),
		reviewers: complaintsBy(facts, 'reviewer')
	};
}
