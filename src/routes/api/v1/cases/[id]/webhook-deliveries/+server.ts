import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';

/** The case's webhook deliveries and their attempts, for staff (no bodies, no secrets). */
export const GET = apiRoute(async (event) => {
	requirePermission(event, 'cases:read');
	const id = event.params.id ?? '';
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw ApiError.notFound('case-not-found', 'No such case.');
	return json({ deliveries: await event.locals.ctx.webhooks.caseLog(id) });
});
