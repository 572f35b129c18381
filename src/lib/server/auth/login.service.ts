/**
 * Sign-in: throttle check, password check (same time for unknown users), session creation, and
 * what the second factor still requires. Returns a result, never throws for a user's mistake.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { Clock } from '../clock';
import { appendAuditEvent } from '../audit/audit.repository';
import { dummyPasswordHash, verifyPassword } from './password';
import { accountKey, ipKey, type LoginThrottle } from './login-throttle';
import type { SessionService } from './session.service';

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; kiosk: boolean; secondFactor: 'none' | 'verify' | 'setup' }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

export interface SignInInput {
	username: string;
	password: string;
	ip: string;
	userAgent?: string;
}

export function createLoginService(deps: { db: Db; sessions: SessionService; throttle: LoginThrottle; clock: Clock }) {
	const { db, sessions, throttle, clock } = deps;

	return {
		async signIn(input: SignInInput): Promise<SignInResult> {
			const keys = [accountKey(input.username), ipKey(input.ip)];
			const retryAfterMs = await throttle.retryAfterMs(keys);
			if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs };

			const [user] = await db
				.select()
				.from(users)
				.where(eq(sql`lower(${users.username})`, input.username.trim().toLowerCase()));
			const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
			if (!user || !valid || user.disabled) {
				await throttle.recordFailure(keys);
				return { ok: false, reason: 'invalid' };
			}
			await throttle.reset(keys[0]!);

			const sessionUser = await sessions.loadUser(user.id);
			if (!sessionUser) return { ok: false, reason: 'invalid' };
			// A user who holds only the wall-board role signs in as a read-only kiosk for one shift.
			const kiosk = sessionUser.roles.length > 0 && sessionUser.roles.every((r) => r === 'wallboard');
			const secondFactor = sessionUser.hasTotp ? 'verify' : sessionUser.mfaRequired ? 'setup' : 'none';
			const { token, session } = await sessions.create(user.id, {
				kind: kiosk ? 'kiosk' : 'staff',
				twoFactorVerified: secondFactor === 'none',
				ip: input.ip,
				userAgent: input.userAgent
			});
			await appendAuditEvent(db, `user:${user.id}`, {
				type: 'signed-in',
				actor: { userId: user.id, label: user.username },
				at: clock.now(),
				after: { sessionKind: session.kind, ip: input.ip }
			});
			return { ok: true, token, expiresAt: session.expiresAt, kiosk, secondFactor };
		}
	};
}

export type LoginService = ReturnType<typeof createLoginService>;
