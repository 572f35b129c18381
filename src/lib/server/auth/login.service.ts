/**
 * Sign-in: throttle check, password check (same time for unknown users), session creation, and
 * what the second factor still requires. Returns a result, never throws for a user's mistake.
 * A browser known to the account (device cookie) is held back only by its own failures; any other
 * by the account's and the IP address's growing waits (see login-throttle.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { Clock } from '../clock';
import { appendAuditEvent } from '../audit/audit.repository';
import { dummyPasswordHash, verifyPassword } from './password';
import { accountKey, deviceKey, ipKey, type LoginThrottle } from './login-throttle';
import type { KnownDevices } from './known-devices';
import type { SessionService } from './session.service';

export type SignInResult =
	| {
			ok: true;
			token: string;
			expiresAt: Date;
			kiosk: boolean;
			secondFactor: 'none' | 'verify' | 'setup';
			/** A new device cookie to set, when this browser was not known to the account yet. */
			deviceToken: string | null;
			/** The user's own language: the pages' default when the browser has not chosen one (ADR-059). */
			language: 'kk' | 'ru' | 'en';
	  }
	| { ok: false; reason: 'invalid' }
	/** The password was right, but the user's role signs in only through single sign-on. */
	| { ok: false; reason: 'sso-only' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

export interface SignInInput {
	username: string;
	password: string;
	ip: string;
	userAgent?: string;
	/** The browser's device cookie, if it has one. */
	deviceCookie?: string;
}

export function createLoginService(deps: {
	db: Db;
	sessions: SessionService;
	throttle: LoginThrottle;
	devices: KnownDevices;
	clock: Clock;
	/** Roles that may not sign in with a local password (LOCAL_PASSWORD_DISABLED_ROLES). */
	passwordDisabledRoles?: readonly string[];
}) {
	const { db, sessions, throttle, devices, clock } = deps;
	const ssoOnly = new Set(deps.passwordDisabledRoles ?? []);

	return {
		async signIn(input: SignInInput): Promise<SignInResult> {
			const [user] = await db
				.select()
				.from(users)
				.where(eq(sql`lower(${users.username})`, input.username.trim().toLowerCase()));
			let device = await devices.recognise(input.deviceCookie, user?.id);
			if (device && (await throttle.retryAfterMs([deviceKey(device)])) > 0) device = null;
			const keys = device
				? [deviceKey(device), accountKey(input.username)]
				: [accountKey(input.username), ipKey(input.ip)];
			const retryAfterMs = device ? 0 : await throttle.retryAfterMs(keys);
			if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs };

			const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
			if (!user || !valid || user.disabled) {
				await throttle.recordFailure(keys);
				return { ok: false, reason: 'invalid' };
			}
			await throttle.reset(accountKey(input.username));
			if (device) await throttle.reset(deviceKey(device));
			const deviceToken = await devices.remember(device, user.id);

			const sessionUser = await sessions.loadUser(user.id);
			if (!sessionUser) return { ok: false, reason: 'invalid' };
			if (sessionUser.roles.some((r) => ssoOnly.has(r))) return { ok: false, reason: 'sso-only' };
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
			return {
				ok: true,
				token,
				expiresAt: session.expiresAt,
				kiosk,
				secondFactor,
				deviceToken,
				language: sessionUser.language
			};
		}
	};
}

export type LoginService = ReturnType<typeof createLoginService>;
