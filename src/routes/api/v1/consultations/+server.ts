import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requireAgencyCaller } from '$lib/server/integration/token-auth';
import { listPendingConsultations } from '$lib/server/consultations/pending';

/** An agency's consultations awaiting its answer (its token, or its liaison signed in), by due. */
export const GET = apiRoute(async (event) => {
	const { agencyCode: agency } = await requireAgencyCaller(event);
	const status = event.url.searchParams.get('status') ?? 'pending';
	if (status !== 'pending') throw new ApiError(400, 'status: only "pending" is supported.');
	return json({ agency, consultations: await listPendingConsultations(event.locals.ctx.db, agency) });
});
