/** The common start of every supervision analysis endpoint: authorize, then read the period and filters. */
import type { RequestEvent } from '@sveltejs/kit';
import { requirePermission } from '../auth/guard';
import { parseAnalysisQuery } from './analysis-query';

export async function analysisRequest(event: RequestEvent, extraParams: string[] = []) {
	const user = requirePermission(event, 'supervision:analyse');
	const { ctx } = event.locals;
	const calendar = await ctx.calendar.current();
	const now = ctx.clock.now();
	const query = parseAnalysisQuery(event.url.searchParams, calendar.localDate(now), extraParams);
	return { user, ctx, calendar, now, query };
}
