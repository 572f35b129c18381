import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadCompliance } from '$lib/server/supervision/analysis.repository';

/** Cases decided in the period by service, unit and officer: share within term, WD used, breaches. */
export const GET = apiRoute(async (event) => {
	const { ctx, calendar, now, query } = await analysisRequest(event);
	const tables = await loadCompliance(ctx.db, calendar, now, query.period, query.filters);
	return json({ period: query.period, filters: query.filters, ...tables });
});
