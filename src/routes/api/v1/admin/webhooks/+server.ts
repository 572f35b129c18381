import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { NewWebhookSchema } from '$lib/server/webhooks/webhooks.service';

/** Subscriptions, and the deliveries that failed (for "resend"). */
export const GET = apiRoute(async (event) => {
	requirePermission(event, 'tokens:manage');
	const { webhooks } = event.locals.ctx;
	return json({ webhooks: await webhooks.list(), failed: await webhooks.failed() });
});

/** Subscribes a token; the signing secret is in this answer only. */
export const POST = apiRoute(async (event) => {
	const admin = requirePermission(event, 'tokens:manage');
	const input = await readJson(event.request, NewWebhookSchema, 8192);
	const { ctx } = event.locals;
	const own = [event.url.origin, ...(ctx.config.origin ? [ctx.config.origin] : [])];
	const created = await ctx.webhooks.create(input, { userId: admin.id, label: admin.username }, own);
	return json(created, { status: 201 });
});
