import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { requireUser } from '$lib/server/auth/guard';
import { searchScope } from '$lib/domain/access/search-scope';
import { searchCases } from '$lib/server/search/search.service';
import { ApiError } from '$lib/server/http/api-error';

/**
 * The header's search (ADR-040), for a signed-in staff member or liaison: cases by number, BIN/IIN,
 * IMEI, external id, code prefix or name fragment, grouped, within what the viewer may see.
 */
export const GET = apiRoute(async (event) => {
	const user = requireUser(event);
	const scope = searchScope({
		userId: user.id,
		roles: user.roles,
		unit: user.unit,
		agencyCode: user.agencyCode,
		kiosk: event.locals.session?.kind === 'kiosk'
	});
	if (scope.kind === 'none') throw new ApiError(403, 'Your role does not allow searching cases.');
	const q = event.url.searchParams.get('q') ?? '';
	return json({ q: q.slice(0, 200), ...(await searchCases(event.locals.ctx.db, scope, q)) });
});
