import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requireAgencyCaller } from '$lib/server/integration/token-auth';
import { listPendingControlRequests } from '$lib/server/export-control/pending-control-requests';

/** A control-system body's requests awaiting its answer (001 p.17 para 1): its token, or its liaison. */
export const GET = apiRoute(async (event) => {
	const { agencyCode: agency } = await requireAgencyCaller(event);
	const status = event.url.searchParams.get('status') ?? 'pending';
	if (status !== 'pending') throw new ApiError(400, 'status: only "pending" is supported.');
	return json({ agency, controlRequests: await listPendingControlRequests(event.locals.ctx.db, agency) });
});
