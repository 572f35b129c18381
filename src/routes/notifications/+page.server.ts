import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { getLocale } from '$lib/paraglide/runtime';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from '$lib/domain/notifications/kinds';
import { ListQuerySchema } from '$lib/server/notifications/notification.schemas';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const q = ListQuerySchema.safeParse({ before: event.url.searchParams.get('before') ?? undefined });
	const ctx = event.locals.ctx;
	return {
		list: await ctx.notifications.list(user.id, getLocale(), q.success ? q.data : {}),
		preferences: await ctx.notifications.preferences(user.id)
	};
};

const ids = (form: FormData) =>
	form
		.getAll('id')
		.map(Number)
		.filter((n) => Number.isSafeInteger(n) && n > 0)
		.slice(0, 500);

export const actions: Actions = {
	read: async (event) => {
		const user = requireUser(event);
		const chosen = ids(await event.request.formData());
		if (chosen.length === 0) return fail(400, { code: 'none' as const });
		await event.locals.ctx.notifications.markRead(user.id, { ids: chosen }, event.locals.ctx.realClock.now());
	},
	readAll: async (event) => {
		const user = requireUser(event);
		await event.locals.ctx.notifications.markRead(user.id, { all: true }, event.locals.ctx.realClock.now());
	},
	/** The form carries a checkbox per kind and channel that is on; a missing one is off. */
	preferences: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const changes = NOTIFICATION_KINDS.flatMap((kind) =>
			NOTIFICATION_CHANNELS.map((channel) => ({ kind, channel, enabled: form.get(`${kind}:${channel}`) === 'on' }))
		);
		await event.locals.ctx.notifications.setPreferences(user.id, changes);
		return { code: 'saved' as const };
	}
};
