/**
 * The queue's section "after the decision" (ADR-084): decided cases whose certificate's six-month
 * presentation term is still running (000 Annex 4 form 1 item 12; form 2 item 9; ADR-065), in the
 * same tab and service scope as the queue, the nearest due first. The term is the certificate
 * holder's, not the desk's, so these rows carry no urgency band and never mix with the open cases.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, clocks, documents, organisations, users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import { PRESENTATION_CLOCK_KIND } from '../../domain/documents/presentation-clock';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';
import type { PresentationRow } from '../../types/desk';
import { queueScope, type QueueFilter, type QueueUser } from './queue.service';

/** Rows shown at most; more are counted (`more`) and found on /cases. */
export const PRESENTATION_ROWS = 200;

/** A term the scheduler has not yet closed is running: 'overdue' only until its lapse is recorded. */
const RUNNING = ['running', 'overdue'];

export async function loadPresentationTerms(
	db: Db,
	calendar: WorkingCalendar,
	user: QueueUser,
	f: Pick<QueueFilter, 'tab' | 'service'>,
	locale: DisplayLocale = 'en'
): Promise<{ rows: PresentationRow[]; more: boolean }> {
	const found = await db
		.select({
			clockId: clocks.id,
			id: cases.id,
			number: cases.number,
			service: cases.service,
			applicant: organisations.name,
			assignee: userNameSql(locale),
			dueAt: clocks.dueAt,
			citation: clocks.citation
		})
		.from(clocks)
		.innerJoin(cases, eq(cases.id, clocks.caseId))
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.leftJoin(users, eq(users.id, cases.assigneeId))
		.where(
			and(
				eq(clocks.kind, PRESENTATION_CLOCK_KIND),
				inArray(clocks.state, RUNNING),
				isNotNull(clocks.dueAt),
				isNotNull(cases.decidedAt),
				...queueScope(user, f)
			)
		)
		.orderBy(asc(clocks.dueAt), asc(cases.number))
		.limit(PRESENTATION_ROWS + 1);
	const shown = found.slice(0, PRESENTATION_ROWS);
	const ids = [...new Set(shown.map((r) => r.id))];
	// Each signed certificate records its presentation date; a re-signed version has its own clock (ADR-065).
	const certificates = ids.length
		? await db
				.select({
					caseId: documents.caseId,
					kind: documents.kind,
					number: documents.number,
					due: documents.presentationDue
				})
				.from(documents)
				.where(and(inArray(documents.caseId, ids), isNotNull(documents.presentationDue)))
		: [];
	const rows = shown.map(({ dueAt, ...r }) => {
		const dueDate = calendar.localDate(dueAt!);
		const own = certificates.filter((d) => d.caseId === r.id);
		// A calendar change may have moved the clock's due off the date printed on the certificate.
		const doc = own.find((d) => d.due === dueDate) ?? own.at(-1);
		return {
			...r,
			document: doc ? { kind: doc.kind, number: doc.number } : null,
			due: dueAt!.toISOString(),
			dueDate
		};
	});
	return { rows, more: found.length > PRESENTATION_ROWS };
}
