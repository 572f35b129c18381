import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requireUser } from '$lib/server/auth/guard';
import { PreferenceChangesSchema } from '$lib/server/notifications/notification.schemas';

/** Per kind and channel, on or off (ADR-060). */
export const GET = apiRoute(async (event) => {
	const user = requireUser(event);
	return json(await event.locals.ctx.notifications.preferences(user.id));
});

/** `[{kind, channel, enabled}]`: the given ones changed, the others kept. */
export const PATCH = apiRoute(async (event) => {
	const user = requireUser(event);
	const changes = await readJson(event.request, PreferenceChangesSchema, 8 * 1024);
	await event.locals.ctx.notifications.setPreferences(user.id, changes);
	return json(await event.locals.ctx.notifications.preferences(user.id));
});
