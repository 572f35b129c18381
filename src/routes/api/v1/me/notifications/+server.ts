import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson, fieldErrors } from '$lib/server/http/json-body';
import { requireUser } from '$lib/server/auth/guard';
import { ListQuerySchema, MarkReadSchema } from '$lib/server/notifications/notification.schemas';
import { getLocale } from '$lib/paraglide/runtime';

/** The signed-in user's notifications, newest first (ADR-060). */
export const GET = apiRoute(async (event) => {
	const user = requireUser(event);
	const q = ListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!q.success)
		throw new ApiError(422, 'Some fields are invalid.', fieldErrors(q.error), undefined, 'invalid-fields');
	return json(await event.locals.ctx.notifications.list(user.id, getLocale(), q.data));
});

/** Marks the user's own notifications read; answers the unread count after. */
export const PATCH = apiRoute(async (event) => {
	const user = requireUser(event);
	const body = await readJson(event.request, MarkReadSchema, 16 * 1024);
	const unread = await event.locals.ctx.notifications.markRead(user.id, body, event.locals.ctx.realClock.now());
	return json({ unread });
});
