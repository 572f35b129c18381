/**
 * A control-system body's requests still awaiting its answer (001 p.17 para 1), oldest first: the
 * same list for its token (GET /api/v1/control-requests) and its liaison's page. No term runs.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, controlRequests } from '../db/schema';

export const CONTROL_PENDING_LIMIT = 500;

export function listPendingControlRequests(db: Db, agency: string) {
	return db
		.select({
			id: controlRequests.id,
			caseId: controlRequests.caseId,
			caseNumber: cases.number,
			service: cases.service,
			requestedAt: controlRequests.requestedAt
		})
		.from(controlRequests)
		.innerJoin(cases, eq(cases.id, controlRequests.caseId))
		.where(and(eq(controlRequests.agencyCode, agency), isNull(controlRequests.answeredAt)))
		.orderBy(asc(controlRequests.requestedAt))
		.limit(CONTROL_PENDING_LIMIT);
}
