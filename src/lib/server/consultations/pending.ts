/**
 * An agency's consultation requests still awaiting its answer (001 p.16), the closest due first:
 * the same list for the agency's token (GET /api/v1/consultations) and its liaison's page. Each
 * with the application data the body needs to answer (goods, codes, quantities, the parties and
 * their countries) and nothing else of the case (case-audience.ts).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, consultations } from '../db/schema';
import { applicationForAgency } from '../../domain/access/case-audience';

export const PENDING_LIMIT = 500;

export async function listPendingConsultations(db: Db, agency: string) {
	const rows = await db
		.select({
			id: consultations.id,
			caseId: consultations.caseId,
			caseNumber: cases.number,
			service: cases.service,
			requestedAt: consultations.requestedAt,
			dueAt: consultations.dueAt,
			application: cases.application
		})
		.from(consultations)
		.innerJoin(cases, eq(cases.id, consultations.caseId))
		.where(and(eq(consultations.agencyCode, agency), isNull(consultations.decision)))
		.orderBy(asc(consultations.dueAt))
		.limit(PENDING_LIMIT);
	return rows.map(({ application, ...r }) => ({ ...r, application: applicationForAgency(application ?? {}) }));
}
