import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { deleteSessionCookie } from '$lib/server/auth/cookie';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return {
		hasTotp: user.hasTotp,
		mfaRequired: user.mfaRequired,
		expiresAt: event.locals.session!.expiresAt.toISOString()
	};
};

export const actions: Actions = {
	/** "Sign out everywhere": every session of this user, this one included. */
	signOutEverywhere: async (event) => {
		const user = requireUser(event);
		await event.locals.ctx.sessions.invalidateAllForUser(user.id);
		deleteSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, '/login');
	},
	removeSecondFactor: async (event) => {
		const user = requireUser(event);
		if (user.mfaRequired) return fail(403, { message: 'Your role requires a second factor; it cannot be removed.' });
		await event.locals.ctx.users.setTotpKey(user.id, null, { userId: user.id, label: user.username });
		return { message: 'Second factor removed.' };
	}
};
