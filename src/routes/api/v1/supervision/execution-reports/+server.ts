import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadExecutionRegister } from '$lib/server/supervision/execution-register.repository';

/** The register of general-licence execution reports of exports in the period (001 pp.27–28, Annex 4). */
export const GET = apiRoute(async (event) => {
	const { ctx, calendar, now, query } = await analysisRequest(event);
	const register = await loadExecutionRegister(ctx.db, calendar, now, query.period, query.filters);
	return json({ period: query.period, filters: query.filters, ...register });
});
