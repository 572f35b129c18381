import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadAgencyTrend } from '$lib/server/supervision/trend-workload.repository';

/** The agencies' answers per month of the period (001 p.16); `agency=` narrows to one. */
export const GET = apiRoute(async (event) => {
	const { ctx, calendar, query } = await analysisRequest(event);
	const months = await loadAgencyTrend(ctx.db, calendar, query.period, query.filters);
	return json({ period: query.period, filters: query.filters, months });
});
