import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requirePermission, userCan } from '$lib/server/auth/guard';
import { loadSupervision } from '$lib/server/supervision/supervision.service';
import { parseAnalysisQuery } from '$lib/server/supervision/analysis-query';
import { loadAgencies, loadCompliance } from '$lib/server/supervision/analysis.repository';
import { loadComplaints } from '$lib/server/supervision/complaints.repository';
import { loadAgencyTrend, loadWorkloadAsOf } from '$lib/server/supervision/trend-workload.repository';
import { parseAsOf } from '$lib/server/supervision/as-of-query';
import { loadFilterOptions } from '$lib/server/supervision/filter-options';
import { isDomainError } from '$lib/domain/errors/domain-error';
import { displayLocale } from '$lib/format';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'supervision:read');
	const { ctx } = event.locals;
	const now = ctx.clock.now();
	const calendar = await ctx.calendar.current();
	const locale = displayLocale();
	const charts = await loadSupervision(ctx.db, calendar, now, locale);
	return { ...charts, asOf: now.toISOString(), analysis: await loadAnalysis() };

	/** The period analyses, for those who may run them (supervision:analyse, checked again by the API). */
	async function loadAnalysis() {
		if (!userCan(event, 'supervision:analyse')) return null;
		let query;
		let asOf;
		try {
			query = parseAnalysisQuery(event.url.searchParams, calendar.localDate(now), ['at']);
			asOf = parseAsOf(event.url.searchParams.get('at'), now);
		} catch (e) {
			if (isDomainError(e)) error(400, e.message);
			throw e;
		}
		const [compliance, agencies, complaints, trend, workload, options] = await Promise.all([
			loadCompliance(ctx.db, calendar, now, query.period, query.filters, locale),
			loadAgencies(ctx.db, calendar, query.period, query.filters),
			loadComplaints(ctx.db, calendar, now, query.period, query.filters),
			loadAgencyTrend(ctx.db, calendar, query.period, query.filters),
			loadWorkloadAsOf(ctx.db, asOf, query.filters),
			loadFilterOptions(ctx.db, locale)
		]);
		const at = event.url.searchParams.get('at') ?? '';
		return { query, compliance, agencies, complaints, trend, workload, at, options };
	}
};
