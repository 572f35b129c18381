import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';

/** Sends a failed delivery again: same id, same body, a new 24-hour retry window. */
export const POST = apiRoute(async (event) => {
	const admin = requirePermission(event, 'tokens:manage');
	const id = event.params.id ?? '';
	const done = await event.locals.ctx.webhooks.resend(id, { userId: admin.id, label: admin.username });
	if (!done) throw new ApiError(404, 'No failed delivery with this id.');
	return json({ id, status: 'pending' }, { status: 202 });
});
