/**
 * Before the second factor of a signed-in user is changed or removed, the user proves again that
 * they hold the account: the password, or a code of the current second factor. A stolen session
 * alone must not be enough to swap in the thief's authenticator. Wrong answers count on the user's
 * second-factor key (login-throttle.ts), so this form is no way round its lock.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import { users } from '../db/schema';
import { verifyPassword } from './password';
import { verifyTotpAt } from './totp';
import { secondFactorKey } from './login-throttle';
import { m } from '../../paraglide/messages';

/** `message` is in the request's language (Paraglide's locale of the request). */
export type ConfirmResult = { ok: true } | { ok: false; status: 400 | 429; message: string };

export async function confirmIdentity(ctx: AppContext, userId: number, answer: string): Promise<ConfirmResult> {
	const key = secondFactorKey(userId);
	const wait = await ctx.throttle.retryAfterMs([key]);
	if (wait > 0) return locked(wait);
	const [row] = await ctx.db
		.select({ hash: users.passwordHash, totp: users.totpKey })
		.from(users)
		.where(eq(users.id, userId));
	const trimmed = answer.trim();
	const ok =
		row !== undefined &&
		answer.length > 0 &&
		answer.length <= 256 &&
		((row.totp !== null && /^\d{6}$/.test(trimmed) && verifyTotpAt(row.totp, trimmed, ctx.realClock.now())) ||
			(await verifyPassword(row.hash, answer)));
	if (ok) return { ok: true };
	const [lockMs] = await ctx.throttle.recordFailure([key]);
	if (lockMs) return locked(lockMs);
	return { ok: false, status: 400, message: m.ops2_confirm_missing() };
}

function locked(ms: number): ConfirmResult {
	const minutes = Math.ceil(ms / 60_000);
	return { ok: false, status: 429, message: m.ops2_confirm_throttled({ minutes }) };
}
