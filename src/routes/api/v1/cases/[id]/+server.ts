import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { hasBearer, requireToken } from '$lib/server/integration/token-auth';
import { caseView, type CaseViewer } from '$lib/server/cases/case-view';

/** A case as its reader may know it: the applicant's view for the portal, a staff view for staff. */
export const GET = apiRoute(async (event) => {
	const { ctx } = event.locals;
	let viewer: CaseViewer;
	if (hasBearer(event)) {
		await requireToken(event, ['portal']);
		viewer = { kind: 'applicant' };
	} else {
		const user = requirePermission(event, 'cases:read');
		viewer = {
			kind: 'staff',
			user: { kind: 'staff', userId: user.id, username: user.username, roles: user.roles },
			unit: user.unit,
			standsInFor: await ctx.absences.standsInFor(user.id)
		};
	}
	const view = await caseView(ctx.db, event.params.id ?? '', viewer, ctx.clock.now(), await ctx.calendar.current());
	if (!view) throw ApiError.notFound('case-not-found', 'No such case.');
	return json(view);
});
