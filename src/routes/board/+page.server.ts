import type { PageServerLoad } from './$types';
import { desc, eq, inArray } from 'drizzle-orm';
import { requirePermission } from '$lib/server/auth/guard';
import { calendarSnapshot, loadQueue } from '$lib/server/queue/queue.service';
import { caseEvents, cases } from '$lib/server/db/schema';
import { boardSummaryOf, caseRowForBoard } from '$lib/domain/access/case-audience';

const RECENT_TYPES = ['consultation:answered', 'consultation:deemed-approved', 'mfa:result-received'];

/**
 * The wall board: counts by risk band, the cases closest to breach, recent agency answers. A kiosk
 * on a wall: each row shaped for the board (case-audience.ts) — no assignee, no consulted body, no
 * agency's reason or MFA reference (001 p.16, p.17, p.19 para 5).
 */
export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'board:read');
	const { ctx } = event.locals;
	const calendar = await ctx.calendar.current();
	const now = ctx.clock.now();
	// The board reads as a kiosk whatever its user's roles: no confidential case on a wall (004 P 14–15).
	const { active, suspended } = await loadQueue(ctx.db, calendar, now, { ...user, kiosk: true }, { tab: 'all' });
	const bands = { breached: 0, red: 0, amber: 0, ok: 0 } as Record<string, number>;
	for (const r of active) if (r.band in bands) bands[r.band]!++;
	const recent = await ctx.db
		.select({
			id: caseEvents.id,
			type: caseEvents.type,
			at: caseEvents.at,
			after: caseEvents.after,
			number: cases.number
		})
		.from(caseEvents)
		.innerJoin(cases, eq(cases.id, caseEvents.caseId))
		.where(inArray(caseEvents.type, RECENT_TYPES))
		.orderBy(desc(caseEvents.at), desc(caseEvents.id))
		.limit(8);
	return {
		bands,
		suspended: suspended.length,
		closest: active.slice(0, 12).map(caseRowForBoard),
		recent: recent.map((r) => ({
			id: r.id,
			type: r.type,
			number: r.number,
			at: r.at.toISOString(),
			...boardSummaryOf(r.type, r.after as Record<string, unknown> | null)
		})),
		calendar: calendarSnapshot(calendar, now),
		serverNow: now.toISOString()
	};
};
