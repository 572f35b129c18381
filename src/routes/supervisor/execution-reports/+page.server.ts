import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { parseAnalysisQuery } from '$lib/server/supervision/analysis-query';
import { loadExecutionRegister } from '$lib/server/supervision/execution-register.repository';
import { loadFilterOptions } from '$lib/server/supervision/filter-options';
import { isDomainError } from '$lib/domain/errors/domain-error';
import { displayLocale } from '$lib/format';

/** The register of execution reports (001 pp.27–28, Annex 4): supervisors and heads (supervision:analyse). */
export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'supervision:analyse');
	const { ctx } = event.locals;
	const now = ctx.clock.now();
	const calendar = await ctx.calendar.current();
	let query;
	try {
		query = parseAnalysisQuery(event.url.searchParams, calendar.localDate(now));
	} catch (e) {
		if (isDomainError(e)) error(400, e.message);
		throw e;
	}
	const [register, options] = await Promise.all([
		loadExecutionRegister(ctx.db, calendar, now, query.period, query.filters),
		loadFilterOptions(ctx.db, displayLocale())
	]);
	return { query, options, ...register, asOf: now.toISOString() };
};
