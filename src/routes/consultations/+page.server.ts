import type { PageServerLoad } from './$types';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { requirePermission } from '$lib/server/auth/guard';
import { cases, consultations } from '$lib/server/db/schema';

/** An agency liaison sees only the requests addressed to their own agency. */
export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'consultations:answer');
	const rows = await event.locals.ctx.db
		.select({ id: consultations.id, caseNumber: cases.number, requestedAt: consultations.requestedAt, dueAt: consultations.dueAt })
		.from(consultations)
		.innerJoin(cases, eq(cases.id, consultations.caseId))
		.where(and(eq(consultations.agencyCode, user.agencyCode ?? '-'), isNull(consultations.decision)))
		.orderBy(asc(consultations.dueAt));
	return {
		agency: user.agencyCode,
		pending: rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString(), dueAt: r.dueAt.toISOString() }))
	};
};
