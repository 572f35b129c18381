import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { draftActor } from '$lib/server/drafting/draft-route';
import { requireDraftAccess } from '$lib/server/drafting/draft-authz';
import { diffTwoVersions } from '$lib/server/drafting/draft-versions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Word-level diff between two versions of the case's letter (`from`, `to`: version ids). */
export const GET = apiRoute(async (event) => {
	const actor = draftActor(event);
	const from = event.url.searchParams.get('from') ?? '';
	const to = event.url.searchParams.get('to') ?? '';
	if (!UUID.test(from) || !UUID.test(to))
		throw new ApiError(400, 'Give `from` and `to` as version ids (see GET …/draft/versions).');
	await requireDraftAccess(event.locals.ctx.db, event.params.id!, actor, 'read');
	return json(await diffTwoVersions(event.locals.ctx.db, event.params.id!, from, to));
});
