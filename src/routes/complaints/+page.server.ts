import type { PageServerLoad } from './$types';
import { requirePermission, userCan } from '$lib/server/auth/guard';
import { COMPLAINT_FILTERS, loadComplaints, type ComplaintFilter } from '$lib/server/complaints/complaints.service';
import { calendarSnapshot } from '$lib/server/queue/queue.service';

/** `?status=open|decided` (open by default; anything else is ignored rather than failing). */
export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'complaints:read');
	const { ctx } = event.locals;
	const asked = event.url.searchParams.get('status') ?? 'open';
	const status: ComplaintFilter = (COMPLAINT_FILTERS as readonly string[]).includes(asked)
		? (asked as ComplaintFilter)
		: 'open';
	const calendar = await ctx.calendar.current();
	const now = ctx.clock.now();
	return {
		status,
		complaints: await loadComplaints(ctx.db, calendar, now, user.id, status),
		// Heads and supervisors read the list; only a reviewer acts, on the complaint's case page.
		reviewer: userCan(event, 'complaints:review'),
		calendar: calendarSnapshot(calendar, now),
		serverNow: now.toISOString()
	};
};
