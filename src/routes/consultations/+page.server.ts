import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { listPendingConsultations } from '$lib/server/consultations/pending';
import { calendarSnapshot } from '$lib/server/queue/queue.service';
import { listPendingControlRequests } from '$lib/server/export-control/pending-control-requests';

/** An agency liaison sees only the requests addressed to their own agency, and answers them here. */
export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'consultations:answer');
	const { ctx } = event.locals;
	const calendar = await ctx.calendar.current();
	const now = ctx.clock.now();
	const rows = user.agencyCode ? await listPendingConsultations(ctx.db, user.agencyCode) : [];
	const control = user.agencyCode ? await listPendingControlRequests(ctx.db, user.agencyCode) : [];
	return {
		agency: user.agencyCode,
		pending: rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString(), dueAt: r.dueAt.toISOString() })),
		// 001 p.17 para 1: the same body's control-system requests (no term), answered on this page too.
		controlPending: control.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() })),
		calendar: calendarSnapshot(calendar, now),
		serverNow: now.toISOString()
	};
};
