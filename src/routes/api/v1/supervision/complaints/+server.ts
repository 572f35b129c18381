import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadComplaints } from '$lib/server/supervision/complaints.repository';

/**
 * Complaints decided in the period: in time against 5 / 15 WD (+10 once), by body, unit and
 * reviewer (001 pp.24–25).
 */
export const GET = apiRoute(async (event) => {
	const { ctx, calendar, now, query } = await analysisRequest(event);
	const complaints = await loadComplaints(ctx.db, calendar, now, query.period, query.filters);
	return json({ period: query.period, filters: query.filters, complaints });
});
