import { json } from '@sveltejs/kit';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { hasBearer, requireToken } from '$lib/server/integration/token-auth';
import { cases, consultations } from '$lib/server/db/schema';

/** An agency's consultations awaiting its answer (its token, or its liaison signed in), by due. */
export const GET = apiRoute(async (event) => {
	let agency: string;
	if (hasBearer(event)) agency = (await requireToken(event, ['agency'])).agencyCode!;
	else {
		const user = requirePermission(event, 'consultations:answer');
		if (!user.agencyCode) throw new ApiError(403, 'Your account speaks for no agency.');
		agency = user.agencyCode;
	}
	const status = event.url.searchParams.get('status') ?? 'pending';
	if (status !== 'pending') throw new ApiError(400, 'status: only "pending" is supported.');
	const rows = await event.locals.ctx.db
		.select({ id: consultations.id, caseId: consultations.caseId, caseNumber: cases.number, service: cases.service, requestedAt: consultations.requestedAt, dueAt: consultations.dueAt })
		.from(consultations)
		.innerJoin(cases, eq(cases.id, consultations.caseId))
		.where(and(eq(consultations.agencyCode, agency), isNull(consultations.decision)))
		.orderBy(asc(consultations.dueAt))
		.limit(500);
	return json({ agency, consultations: rows });
});
