import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { confirmIdentity } from '$lib/server/auth/confirm-identity';
import { isUserInputError } from '$lib/server/users/users.service';
import { m } from '$lib/paraglide/messages';
import { OwnSettingsSchema } from '$lib/server/users/user.schemas';
import { setLocaleCookie } from '$lib/server/users/locale-cookie';
import { can } from '$lib/domain/access/policy';
import { absenceServiceErrors, almatyToday, readAbsenceForm } from '$lib/server/notifications/absence-form';
import { displayLocale } from '$lib/format';
import { isDomainError } from '$lib/domain/errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return {
		hasTotp: user.hasTotp,
		mfaRequired: user.mfaRequired,
		mustChangePassword: user.mustChangePassword,
		language: user.language,
		email: user.email,
		expiresAt: event.locals.session!.expiresAt.toISOString(),
		// Out of office (ADR-061, ADR-087): for those who work cases, and so may hand them over.
		absence: can(user.roles, 'cases:work')
			? {
					// As whole Almaty days, the last one inclusive (the form's terms).
					list: (await event.locals.ctx.absences.listOwn(user.id, displayLocale())).map((a) => ({
						id: a.id,
						from: almatyToday(new Date(a.startsAt)),
						to: almatyToday(new Date(new Date(a.endsAt).getTime() - 1)),
						reason: a.reason,
						substitute: a.substituteName
					})),
					substitutes: await event.locals.ctx.absences.eligibleSubstitutes(user.id, displayLocale())
				}
			: null
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
	/** Declares an absence with a substitute (ADR-087); each wrong field is named beside it. */
	setAbsence: async (event) => {
		const user = requireUser(event);
		if (!can(user.roles, 'cases:work')) return fail(403, { absenceCode: 'forbidden' as const });
		const read = readAbsenceForm(await event.request.formData(), event.locals.ctx.realClock.now());
		if (!read.ok) return fail(400, { absenceValues: read.values, absenceErrors: read.errors });
		try {
			await event.locals.ctx.absences.set(user.id, read.input, { userId: user.id, label: user.username });
		} catch (e) {
			const errors = absenceServiceErrors(e);
			if (!errors) throw e;
			return fail(400, { absenceValues: read.values, absenceErrors: errors });
		}
		return { absenceCode: 'saved' as const };
	},
	/** Ends one of the user's own absences now (kept, marked cancelled, audited). */
	cancelAbsence: async (event) => {
		const user = requireUser(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!UUID.test(id)) return fail(404, { absenceCode: 'not-found' as const });
		try {
			await event.locals.ctx.absences.cancel(user.id, id, { userId: user.id, label: user.username });
		} catch (e) {
			if (isDomainError(e) && e.kind === 'not-found') return fail(404, { absenceCode: 'not-found' as const });
			throw e;
		}
		return { absenceCode: 'cancelled' as const };
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
