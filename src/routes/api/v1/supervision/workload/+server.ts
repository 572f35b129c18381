import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadWorkloadAsOf } from '$lib/server/supervision/trend-workload.repository';
import { parseAsOf } from '$lib/server/supervision/as-of-query';

/**
 * Open cases per officer, unit and stage as they stood at `at` (a date's end or an instant),
 * replayed from the case events.
 */
export const GET = apiRoute(async (event) => {
	const { ctx, now, query } = await analysisRequest(event, ['at']);
	const asOf = parseAsOf(event.url.searchParams.get('at'), now);
	return json({ filters: query.filters, workload: await loadWorkloadAsOf(ctx.db, asOf, query.filters) });
});
