import { json } from '@sveltejs/kit';
import { asc, eq, isNull } from 'drizzle-orm';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requireToken } from '$lib/server/integration/token-auth';
import { cases, mfaChecks } from '$lib/server/db/schema';

/** Authenticity checks awaiting the MFA's result (MFA token), oldest first (001 p.17). */
export const GET = apiRoute(async (event) => {
	await requireToken(event, ['mfa']);
	if ((event.url.searchParams.get('status') ?? 'pending') !== 'pending')
		throw new ApiError(400, 'status: only "pending" is supported.');
	const rows = await event.locals.ctx.db
		.select({
			id: mfaChecks.id,
			caseId: mfaChecks.caseId,
			caseNumber: cases.number,
			requestedAt: mfaChecks.requestedAt,
			application: cases.application
		})
		.from(mfaChecks)
		.innerJoin(cases, eq(cases.id, mfaChecks.caseId))
		.where(isNull(mfaChecks.resultAt))
		.orderBy(asc(mfaChecks.requestedAt))
		.limit(500);
	return json({
		checks: rows.map(({ application, ...r }) => ({
			...r,
			counterparty: (application as { counterparty?: unknown }).counterparty ?? null
		}))
	});
});
