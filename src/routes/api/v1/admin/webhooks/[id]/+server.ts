import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { WebhookChangeSchema } from '$lib/server/webhooks/webhooks.service';

/** Pauses or resumes a subscription. */
export const PATCH = apiRoute(async (event) => {
	const admin = requirePermission(event, 'tokens:manage');
	const { paused } = await readJson(event.request, WebhookChangeSchema, 1024);
	const id = event.params.id ?? '';
	const done = await event.locals.ctx.webhooks.setPaused(id, paused, { userId: admin.id, label: admin.username });
	if (!done) throw ApiError.notFound('webhook-not-found', 'No such webhook subscription.');
	return json({ id, paused });
});

/** Deletes a subscription; its queued deliveries are cancelled, its log is kept. */
export const DELETE = apiRoute(async (event) => {
	const admin = requirePermission(event, 'tokens:manage');
	const done = await event.locals.ctx.webhooks.remove(event.params.id ?? '', {
		userId: admin.id,
		label: admin.username
	});
	if (!done) throw ApiError.notFound('webhook-not-found', 'No such webhook subscription.');
	return new Response(null, { status: 204 });
});
