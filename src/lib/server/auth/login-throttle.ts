/**
 * Failed sign-ins are counted in the database (so every server process sees the same counts) under
 * keys of four kinds, each answering a different attacker (OWASP Authentication Cheat Sheet,
 * "Protect against automated attacks"):
 *
 * - `account:` and `ip:` throttle password guessing from browsers the account does not know: from
 *   the limit on, each further failure makes the next attempt wait longer (1 minute, 2, 4, … up to
 *   the lockout time). A known device (see known_devices) is not held back by them, so someone
 *   guessing from elsewhere cannot lock the owner out.
 * - `device:` counts failures of one known device; at the limit it is locked and treated as unknown.
 * - `totp:` counts wrong second-factor codes of one user. A correct password never resets it; at
 *   the limit codes are refused for the lockout time (an attacker here already has the password).
 *
 * A key is forgotten once it has been quiet for the lockout time after its last wait ended.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginThrottle } from '../db/schema';
import type { Clock } from '../clock';

export interface ThrottleLimits {
	maxFailuresPerAccount: number;
	maxFailuresPerIp: number;
	lockoutMs: number;
}

export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const deviceKey = (deviceId: string) => `device:${deviceId}`;
export const secondFactorKey = (userId: number) => `totp:${userId}`;

/** The first wait once a growing key reaches its limit; it doubles with each further failure. */
export const FIRST_DELAY_MS = 60_000;

export function createLoginThrottle(db: Db, limits: ThrottleLimits, clock: Clock) {
	const maxFor = (key: string) => (key.startsWith('ip:') ? limits.maxFailuresPerIp : limits.maxFailuresPerAccount);
	const grows = (key: string) => key.startsWith('ip:') || key.startsWith('account:');

	/** How long a key waits after its `failures`-th failure. */
	function waitMs(key: string, failures: number): number {
		const over = failures - maxFor(key);
		if (over < 0) return 0;
		if (!grows(key)) return limits.lockoutMs;
		return Math.min(limits.lockoutMs, FIRST_DELAY_MS * 2 ** Math.min(over, 30));
	}

	return {
		/** Milliseconds until the earliest allowed attempt, or 0 when none of the keys is held back. */
		async retryAfterMs(keys: string[]): Promise<number> {
			if (keys.length === 0) return 0;
			const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
			const now = clock.now().getTime();
			return Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() - now : 0)));
		},

		/** Counts one failure under each key; returns the wait each key now imposes, in ms. */
		async recordFailure(keys: string[]): Promise<number[]> {
			const now = clock.now();
			const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
			const forgetBefore = ts(new Date(now.getTime() - limits.lockoutMs));
			const stale = sql`coalesce(${loginThrottle.lockedUntil}, ${loginThrottle.windowStartedAt}) < ${forgetBefore}`;
			const waits: number[] = [];
			for (const key of keys) {
				// One statement counts (safe under concurrent failures): a stale key restarts at 1.
				const [row] = await db
					.insert(loginThrottle)
					.values({ key, failures: 1, windowStartedAt: now, lockedUntil: null })
					.onConflictDoUpdate({
						target: loginThrottle.key,
						set: {
							failures: sql`case when ${stale} then 1 else ${loginThrottle.failures} + 1 end`,
							windowStartedAt: sql`case when ${stale} then ${ts(now)} else ${loginThrottle.windowStartedAt} end`,
							lockedUntil: sql`case when ${stale} then null else ${loginThrottle.lockedUntil} end`
						}
					})
					.returning({ failures: loginThrottle.failures });
				const wait = waitMs(key, row!.failures);
				if (wait > 0) {
					const until = new Date(now.getTime() + wait);
					await db
						.update(loginThrottle)
						.set({ lockedUntil: sql`greatest(${loginThrottle.lockedUntil}, ${ts(until)})` })
						.where(eq(loginThrottle.key, key));
				}
				waits.push(wait);
			}
			return waits;
		},

		async reset(key: string): Promise<void> {
			await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
		}
	};
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
