/** Read models of cases for the pages and the API. */
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { caseEvents, cases, clocks, consultations, mfaChecks, organisations, users } from '../db/schema';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';

export interface CaseListFilter {
	stage?: string;
	service?: string;
	assigneeId?: number;
	/** The cases this reader may see at all (readable-cases.ts; 004 P 14–15). */
	readable?: SQL;
	limit: number;
	offset: number;
	/** The reader's language, for the assignee's name (ADR-062). */
	locale?: DisplayLocale;
}

export async function listCases(db: Db, f: CaseListFilter) {
	const where: SQL[] = [];
	if (f.stage) where.push(eq(cases.stage, f.stage));
	if (f.service) where.push(eq(cases.service, f.service));
	if (f.assigneeId) where.push(eq(cases.assigneeId, f.assigneeId));
	if (f.readable) where.push(f.readable);
	const cond = where.length ? and(...where) : undefined;
	// The clocks are the only stored deadline (a case-level copy made every calendar change rewrite
	// a million case rows): the next due is the earliest running clock's.
	const nextDueAt =
		sql<Date | null>`(select min(k.due_at) from clocks k where k.case_id = ${cases.id} and k.state in ('running', 'overdue'))`.mapWith(
			(v: string | null) => (v === null ? null : new Date(v))
		);
	const rows = await db
		.select({
			id: cases.id,
			number: cases.number,
			service: cases.service,
			stage: cases.stage,
			registeredOn: cases.registeredOn,
			nextDueAt,
			applicant: organisations.name,
			assignee: userNameSql(f.locale ?? 'en')
		})
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.leftJoin(users, eq(users.id, cases.assigneeId))
		.where(cond)
		.orderBy(sql`${nextDueAt} asc nulls last`, asc(cases.number))
		.limit(f.limit)
		.offset(f.offset);
	const [total] = await db.select({ n: count() }).from(cases).where(cond);
	return { rows, total: Number(total?.n ?? 0) };
}

/** The user an assignment event names (`after.assigneeId`), when it names one. */
const assigned = alias(users, 'assigned');
export const assigneeIdOf = sql<number>`case when jsonb_typeof(${caseEvents.after} -> 'assigneeId') = 'number' then (${caseEvents.after} ->> 'assigneeId')::int end`;

export async function getCase(db: Db, id: string, locale: DisplayLocale = 'en') {
	const [row] = await db
		.select({ c: cases, applicant: organisations, assignee: userNameSql(locale) })
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.leftJoin(users, eq(users.id, cases.assigneeId))
		.where(eq(cases.id, id));
	if (!row) return null;
	const [events, caseClocks, caseConsultations, checks] = await Promise.all([
		// The timeline names people as the reader writes them, not by their login (ADR-062): the
		// acting user's name, and an assignment's assignee, come with each event in the same query.
		db
			.select({ event: caseEvents, actorName: userNameSql(locale), assigneeName: userNameSql(locale, assigned) })
			.from(caseEvents)
			.leftJoin(users, eq(users.id, caseEvents.actorId))
			.leftJoin(assigned, eq(assigned.id, assigneeIdOf))
			.where(eq(caseEvents.caseId, id))
			.orderBy(desc(caseEvents.seq)),
		db.select().from(clocks).where(eq(clocks.caseId, id)).orderBy(asc(clocks.dueAt)),
		db.select().from(consultations).where(eq(consultations.caseId, id)).orderBy(asc(consultations.agencyCode)),
		db.select().from(mfaChecks).where(eq(mfaChecks.caseId, id))
	]);
	return {
		...row.c,
		applicant: row.applicant,
		assignee: row.assignee,
		events: events.map(({ event, actorName, assigneeName }) => ({
			...event,
			actorName: event.actorId === null ? null : (actorName ?? null),
			assigneeName: assigneeName ?? null
		})),
		clocks: caseClocks,
		consultations: caseConsultations,
		mfaChecks: checks
	};
}

export async function countByStage(db: Db) {
	return db.select({ stage: cases.stage, n: count() }).from(cases).groupBy(cases.stage).orderBy(cases.stage);
}
