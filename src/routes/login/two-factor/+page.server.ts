import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';
import { users } from '$lib/server/db/schema';
import { verifyTotpAt } from '$lib/server/auth/totp';
import { secondFactorKey } from '$lib/server/auth/login-throttle';
import { appendAuditEvent } from '$lib/server/audit/audit.repository';
import { useRecoveryCode } from '$lib/server/auth/recovery-codes';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.session) redirect(303, '/login');
	if (locals.session.twoFactorVerified) redirect(303, '/');
	if (!locals.user?.hasTotp) redirect(303, '/login/two-factor/setup');
	return {};
};

const lockedMessage = (ms: number) => m.ops3_2fa_locked({ minutes: Math.ceil(ms / 60_000) });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { session, user, ctx } = locals;
		if (!session || !user) redirect(303, '/login');
		const code = String((await request.formData()).get('code') ?? '').trim();
		// Wrong codes are counted per user on their own key, which a correct password never resets:
		// otherwise signing in again would give unlimited guesses at the code.
		const key = secondFactorKey(user.id);
		const wait = await ctx.throttle.retryAfterMs([key]);
		if (wait > 0) return fail(429, { message: lockedMessage(wait) });
		const [row] = await ctx.db.select({ key: users.totpKey }).from(users).where(eq(users.id, user.id));
		// Six digits are a code from the app; anything else may be one of the recovery codes.
		const valid =
			!!row?.key &&
			(/^\d{6}$/.test(code)
				? verifyTotpAt(row.key, code, ctx.realClock.now())
				: await ctx.db.transaction((tx) =>
						useRecoveryCode(tx, user.id, code, { userId: user.id, label: user.username }, ctx.clock.now())
					));
		if (!valid) {
			const [lockMs] = await ctx.throttle.recordFailure([key]);
			if (lockMs) {
				await appendAuditEvent(ctx.db, `user:${user.id}`, {
					type: 'second-factor-locked',
					actor: { userId: user.id, label: user.username },
					at: ctx.clock.now(),
					after: { lockedForMinutes: Math.ceil(lockMs / 60_000) }
				});
				return fail(429, { message: lockedMessage(lockMs) });
			}
			return fail(400, { message: m.ops3_2fa_code_invalid() });
		}
		await ctx.throttle.reset(key);
		await ctx.sessions.markTwoFactorVerified(session.id);
		redirect(303, '/');
	}
};
