import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { countByStage, listCases } from '$lib/server/cases/cases.repository';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'board:read');
	const db = event.locals.ctx.db;
	const [stages, soonest] = await Promise.all([countByStage(db), listCases(db, { limit: 12, offset: 0 })]);
	return {
		stages: stages.map((s) => ({ stage: s.stage, n: Number(s.n) })),
		soonest: soonest.rows.map((r) => ({ id: r.id, number: r.number, applicant: r.applicant, stage: r.stage, nextDueAt: r.nextDueAt?.toISOString() ?? null })),
		asOf: event.locals.ctx.clock.now().toISOString()
	};
};
