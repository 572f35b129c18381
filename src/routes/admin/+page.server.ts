import { fail } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { agencies, roles, userRoles, users } from '$lib/server/db/schema';
import { NewUserSchema, ProfileSchema, RolesSchema } from '$lib/server/users/user.schemas';
import { isUserInputError } from '$lib/server/users/users.service';
import { isRole, ROLES } from '$lib/domain/access/roles';
import { errorMessage, fieldAnswers } from '$lib/server/http/error-answer';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { zodFieldProblems } from '$lib/domain/errors/field-problem';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { nameIn, NAME_LANGUAGES } from '$lib/domain/names/local-names';
import { displayLocale } from '$lib/format';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'users:manage');
	const db = event.locals.ctx.db;
	const [userRows, roleRows, links, agencyRows] = await Promise.all([
		db.select().from(users).orderBy(asc(users.username)),
		db.select().from(roles).orderBy(asc(roles.name)),
		db.select().from(userRoles),
		db.select().from(agencies).orderBy(asc(agencies.code))
	]);
	return {
		users: userRows.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			displayNames: u.displayNames,
			/** As this page's reader writes it: in the labels that name the person. */
			name: nameIn(u.displayNames, u.displayName, displayLocale()),
			agencyCode: u.agencyCode,
			unit: u.unit,
			disabled: u.disabled,
			totp: u.totpKey !== null,
			mustChangePassword: u.mustChangePassword,
			roles: links.filter((l) => l.userId === u.id).map((l) => l.role)
		})),
		roles: roleRows,
		agencies: agencyRows.map((a) => ({ code: a.code, name: a.nameEn })),
		roleNames: [...ROLES]
	};
};

/**
 * What each of the form's fields accepts, in the page's language: an admin who typed a bad user
 * name is told what a user name may hold, not only that it is invalid.
 */
const FIELD_HINTS: Record<string, () => string> = {
	username: m.ops2_field_username,
	displayName: m.ops2_field_display_name,
	password: () => m.ops2_field_password({ min: PASSWORD_MIN_LENGTH }),
	roles: m.ops2_field_roles,
	unit: m.ops2_field_unit,
	agencyCode: m.ops2_field_agency
};

/** The form's field problems, coded (ADR-107), each with its field's hint where it has one. */
function formFields(error: z.ZodError) {
	const answers = fieldAnswers(zodFieldProblems(error, 'form-field'), getLocale());
	for (const [field, answer] of Object.entries(answers)) {
		const hint = FIELD_HINTS[field];
		if (hint) answers[field] = { ...answer, message: hint() };
	}
	return answers;
}

const ReasonSchema = z.string().trim().min(10).max(500);
const actorOf = (user: { id: number; username: string }) => ({ userId: user.id, label: user.username });
/** The `displayName_kk`, `_ru`, `_en` fields (ADR-062). */
const namesOf = (form: FormData) =>
	Object.fromEntries(NAME_LANGUAGES.map((l) => [l, String(form.get(`displayName_${l}`) ?? '')]));
const idOf = (form: FormData) => Number.parseInt(String(form.get('userId') ?? ''), 10);

export const actions: Actions = {
	createUser: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const form = await event.request.formData();
		const parsed = NewUserSchema.safeParse(
			{
				username: form.get('username'),
				displayName: form.get('displayName'),
				displayNames: namesOf(form),
				password: form.get('password'),
				roles: form.getAll('roles'),
				agencyCode: form.get('agencyCode') || null,
				unit: form.get('unit') || null
			},
			{ reportInput: true }
		);
		if (!parsed.success) return fail(422, { action: 'createUser', fields: formFields(parsed.error) });
		try {
			await event.locals.ctx.users.create(parsed.data, actorOf(admin));
		} catch (e) {
			if (isUserInputError(e))
				return fail(422, {
					action: 'createUser',
					fields: { [e.field]: { code: e.code, message: errorMessage(e, getLocale()) } }
				});
			throw e;
		}
		return { action: 'createUser', message: m.ops2_admin_user_created() };
	},
	setRoles: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const form = await event.request.formData();
		const parsed = RolesSchema.safeParse(form.getAll('roles'));
		const userId = idOf(form);
		if (!parsed.success || !Number.isInteger(userId))
			return fail(422, { action: 'setRoles', message: m.ops2_admin_unknown_role_or_user() });
		try {
			await event.locals.ctx.users.setRoles(userId, parsed.data, actorOf(admin));
		} catch (e) {
			if (isUserInputError(e)) return fail(422, { action: 'setRoles', message: errorMessage(e, getLocale()) });
			throw e;
		}
		return { action: 'setRoles', message: m.ops2_admin_roles_saved() };
	},
	setDisabled: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const form = await event.request.formData();
		const userId = idOf(form);
		if (userId === admin.id) return fail(422, { action: 'setDisabled', message: m.ops2_admin_cannot_disable_self() });
		try {
			await event.locals.ctx.users.setDisabled(userId, form.get('disabled') === 'true', actorOf(admin));
		} catch (e) {
			if (isUserInputError(e)) return fail(422, { action: 'setDisabled', message: errorMessage(e, getLocale()) });
			throw e;
		}
		return { action: 'setDisabled', message: m.ops2_admin_saved() };
	},
	setProfile: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const form = await event.request.formData();
		const userId = idOf(form);
		const parsed = ProfileSchema.safeParse(
			{ displayName: form.get('displayName'), displayNames: namesOf(form), unit: form.get('unit') ?? '' },
			{ reportInput: true }
		);
		if (!parsed.success || !Number.isInteger(userId))
			return fail(422, { action: 'setProfile', userId, fields: parsed.success ? {} : formFields(parsed.error) });
		try {
			await event.locals.ctx.users.setProfile(userId, parsed.data, actorOf(admin));
		} catch (e) {
			if (isUserInputError(e)) return fail(404, { action: 'setProfile', message: errorMessage(e, getLocale()) });
			throw e;
		}
		return { action: 'setProfile', profileSaved: true };
	},
	/** The temporary password is in this answer only; the user must change it at the next sign-in. */
	resetPassword: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const userId = idOf(await event.request.formData());
		if (!Number.isInteger(userId)) return fail(422, { action: 'resetPassword', message: m.ops2_admin_no_such_user() });
		try {
			const temporaryPassword = await event.locals.ctx.userAdmin.resetPassword(userId, actorOf(admin));
			const [u] = await event.locals.ctx.db
				.select({ username: users.username })
				.from(users)
				.where(eq(users.id, userId));
			return { action: 'resetPassword', temporaryPassword, username: u?.username ?? '' };
		} catch (e) {
			if (isUserInputError(e)) return fail(404, { action: 'resetPassword', message: errorMessage(e, getLocale()) });
			throw e;
		}
	},
	/** A lost authenticator, with the reason on record (10-500 characters). */
	resetSecondFactor: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const form = await event.request.formData();
		const userId = idOf(form);
		const reason = ReasonSchema.safeParse(form.get('reason'));
		if (!Number.isInteger(userId))
			return fail(422, { action: 'resetSecondFactor', message: m.ops2_admin_no_such_user() });
		if (!reason.success) return fail(422, { action: 'resetSecondFactor', reasonError: true, userId });
		try {
			await event.locals.ctx.userAdmin.resetSecondFactor(userId, reason.data, actorOf(admin));
		} catch (e) {
			if (isUserInputError(e)) return fail(409, { action: 'resetSecondFactor', message: errorMessage(e, getLocale()) });
			throw e;
		}
		return { action: 'resetSecondFactor', secondFactorReset: true };
	},
	setRoleMfa: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const form = await event.request.formData();
		const role = String(form.get('role') ?? '');
		if (!isRole(role)) return fail(422, { action: 'setRoleMfa', message: m.ops2_admin_unknown_role() });
		await event.locals.ctx.users.setRoleMfaRequired(role, form.get('required') === 'true', actorOf(admin));
		return { action: 'setRoleMfa', message: m.ops2_admin_saved() };
	}
};
