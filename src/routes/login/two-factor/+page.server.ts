import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';
import { users } from '$lib/server/db/schema';
import { verifyTotpAt } from '$lib/server/auth/totp';
import { accountKey } from '$lib/server/auth/login-throttle';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.session) redirect(303, '/login');
	if (locals.session.twoFactorVerified) redirect(303, '/');
	if (!locals.user?.hasTotp) redirect(303, '/login/two-factor/setup');
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { session, user, ctx } = locals;
		if (!session || !user) redirect(303, '/login');
		const code = String((await request.formData()).get('code') ?? '').trim();
		// Wrong codes count towards the same per-account lockout as wrong passwords.
		const key = accountKey(user.username);
		if ((await ctx.throttle.retryAfterMs([key])) > 0)
			return fail(429, { message: 'Too many failed attempts. Try again later.' });
		const [row] = await ctx.db.select({ key: users.totpKey }).from(users).where(eq(users.id, user.id));
		if (!row?.key || !verifyTotpAt(row.key, code, ctx.clock.now())) {
			await ctx.throttle.recordFailure([key]);
			return fail(400, { message: 'That code is not valid. Enter the 6 digits your app shows now.' });
		}
		await ctx.sessions.markTwoFactorVerified(session.id);
		redirect(303, '/');
	}
};
