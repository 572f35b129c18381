import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import {
	calendarSnapshot,
	loadQueue,
	QUEUE_TABS,
	RISK_BANDS,
	type QueueFilter,
	type QueueTab
} from '$lib/server/queue/queue.service';
import { loadPresentationTerms } from '$lib/server/queue/presentation-terms';
import { isServiceCode } from '$lib/domain/reference/services';
import { isAgencyCode } from '$lib/domain/reference/agencies';
import { displayLocale } from '$lib/format';

/** Filters live in the URL; unknown values are ignored rather than failing the page. */
function filterFrom(q: URLSearchParams): QueueFilter {
	const tab = q.get('tab') ?? 'mine';
	const band = q.get('band') ?? '';
	return {
		tab: (QUEUE_TABS as readonly string[]).includes(tab) ? (tab as QueueTab) : 'mine',
		service: isServiceCode(q.get('service') ?? '') ? q.get('service')! : undefined,
		stage: /^[a-z-]{2,40}$/.test(q.get('stage') ?? '') ? q.get('stage')! : undefined,
		agency: isAgencyCode(q.get('agency') ?? '') ? q.get('agency')! : undefined,
		mfaPending: q.get('mfa') === 'pending',
		band: (RISK_BANDS as readonly string[]).includes(band) ? (band as QueueFilter['band']) : undefined
	};
}

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'cases:read');
	const { ctx } = event.locals;
	const filter = filterFrom(event.url.searchParams);
	const calendar = await ctx.calendar.current();
	const now = ctx.clock.now();
	const scope = {
		...user,
		kiosk: event.locals.session?.kind === 'kiosk',
		standsInFor: await ctx.absences.standsInFor(user.id)
	};
	const queue = await loadQueue(ctx.db, calendar, now, scope, filter, displayLocale());
	// After the decision: the certificates' running presentation terms, nearest due first (ADR-084).
	const presentation = await loadPresentationTerms(ctx.db, calendar, scope, filter, displayLocale());
	return { filter, ...queue, presentation, calendar: calendarSnapshot(calendar, now), serverNow: now.toISOString() };
};
