/**
 * Failed sign-ins are counted per account and per IP address in the database, so every server
 * process sees the same counts. After `max` failures within the lockout window the key is locked
 * for the window; a successful sign-in clears the account's count and costs nothing (OWASP ASVS 2.2.1).
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

export function createLoginThrottle(db: Db, limits: ThrottleLimits, clock: Clock) {
	const maxFor = (key: string) => (key.startsWith('ip:') ? limits.maxFailuresPerIp : limits.maxFailuresPerAccount);

	return {
		/** Milliseconds until the earliest allowed attempt, or 0 when none of the keys is locked. */
		async retryAfterMs(keys: string[]): Promise<number> {
			const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
			const now = clock.now().getTime();
			return Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() - now : 0)));
		},

		async recordFailure(keys: string[]): Promise<void> {
			const now = clock.now();
			const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
			const windowStart = ts(new Date(now.getTime() - limits.lockoutMs));
			for (const key of keys) {
				// One statement per key: a stale window restarts at 1, a fresh one counts up, and the
				// lock is set when the count reaches the limit. Safe under concurrent failures.
				await db
					.insert(loginThrottle)
					.values({ key, failures: 1, windowStartedAt: now, lockedUntil: maxFor(key) <= 1 ? lockUntil(now) : null })
					.onConflictDoUpdate({
						target: loginThrottle.key,
						set: {
							failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
							windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then ${ts(now)} else ${loginThrottle.windowStartedAt} end`,
							lockedUntil: sql`case when (case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end) >= ${maxFor(key)} then ${ts(lockUntil(now))} else ${loginThrottle.lockedUntil} end`
						}
					});
			}
		},

		async reset(key: string): Promise<void> {
			await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
		}
	};

	function lockUntil(now: Date) {
		return new Date(now.getTime() + limits.lockoutMs);
	}
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
