import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadAgencies } from '$lib/server/supervision/analysis.repository';

/** Consultations requested in the period, per agency: answered in time, objections, deemed approvals (001 p.16). */
export const GET = apiRoute(async (event) => {
	const { ctx, calendar, query } = await analysisRequest(event);
	const agencies = await loadAgencies(ctx.db, calendar, query.period, query.filters);
	return json({ period: query.period, filters: query.filters, agencies });
});
