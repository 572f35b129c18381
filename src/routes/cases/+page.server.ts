import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { listCases } from '$lib/server/cases/cases.repository';
import { readableCases } from '$lib/server/cases/readable-cases';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'cases:read');
	const q = event.url.searchParams;
	const page = Math.max(1, Math.min(10_000, Number.parseInt(q.get('page') ?? '1', 10) || 1));
	const mine = q.get('mine') === '1';
	const { rows, total } = await listCases(event.locals.ctx.db, {
		stage: q.get('stage') ?? undefined,
		service: q.get('service') ?? undefined,
		assigneeId: mine ? user.id : undefined,
		readable: readableCases({ ...user, kiosk: event.locals.session?.kind === 'kiosk' }),
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	return {
		cases: rows.map((r) => ({ ...r, nextDueAt: r.nextDueAt?.toISOString() ?? null })),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		mine
	};
};
