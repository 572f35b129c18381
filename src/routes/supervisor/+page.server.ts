import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { loadSupervision } from '$lib/server/supervision/supervision.service';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'supervision:read');
	const { ctx } = event.locals;
	const now = ctx.clock.now();
	return { ...(await loadSupervision(ctx.db, await ctx.calendar.current(), now)), asOf: now.toISOString() };
};
