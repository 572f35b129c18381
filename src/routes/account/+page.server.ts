import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { confirmIdentity } from '$lib/server/auth/confirm-identity';
import { isUserInputError } from '$lib/server/users/users.service';
import { m } from '$lib/paraglide/messages';
import { OwnSettingsSchema } from '$lib/server/users/user.schemas';
import { setLocaleCookie } from '$lib/server/users/locale-cookie';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return {
		hasTotp: user.hasTotp,
		mfaRequired: user.mfaRequired,
		mustChangePassword: user.mustChangePassword,
		language: user.language,
		email: user.email,
		expiresAt: event.locals.session!.expiresAt.toISOString()
	};
};

export const actions: Actions = {
	/** Language and notification address (ADR-059); choosing a language here also switches the pages. */
	settings: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const parsed = OwnSettingsSchema.safeParse({
			language: String(form.get('language') ?? ''),
			email: String(form.get('email') ?? '')
		});
		if (!parsed.success) return fail(400, { settingsCode: 'invalid' as const });
		await event.locals.ctx.users.setOwnSettings(user.id, parsed.data, { userId: user.id, label: user.username });
		if (parsed.data.language) setLocaleCookie(event.cookies, parsed.data.language);
		return { settingsCode: 'saved' as const };
	},
	/** The user's own password: the current one, 12+ characters, not breached; other sessions end. */
	changePassword: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('repeat') ?? '')) return fail(400, { passwordCode: 'mismatch' as const });
		try {
			await event.locals.ctx.userAdmin.changeOwnPassword(user.id, current, next, event.locals.session!.id);
		} catch (e) {
			if (!isUserInputError(e)) throw e;
			const passwordCode =
				e.field === 'current'
					? 'current'
					: /breached/.test(e.message)
						? 'breached'
						: /different/.test(e.message)
							? 'same'
							: 'length';
			return fail(e.field === 'current' ? 403 : 400, { passwordCode });
		}
		return { passwordCode: 'changed' as const };
	},
	/** "Sign out everywhere": every session of this user, this one included. */
	signOutEverywhere: async (event) => {
		const user = requireUser(event);
		await event.locals.ctx.sessions.invalidateAllForUser(user.id);
		deleteSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, '/login');
	},
	/** Needs the password or a current code, and ends the user's other sessions. */
	removeSecondFactor: async (event) => {
		const user = requireUser(event);
		if (user.mfaRequired) return fail(403, { message: m.ops2_account_factor_required() });
		const current = String((await event.request.formData()).get('current') ?? '');
		const confirmed = await confirmIdentity(event.locals.ctx, user.id, current);
		if (!confirmed.ok) return fail(confirmed.status, { message: confirmed.message });
		await event.locals.ctx.users.setTotpKey(user.id, null, { userId: user.id, label: user.username });
		await event.locals.ctx.sessions.invalidateAllForUser(user.id, event.locals.session!.id);
		return { message: m.ops2_account_factor_removed() };
	}
};
