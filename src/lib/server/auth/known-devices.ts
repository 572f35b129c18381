/**
 * Device cookies (OWASP "Slow down online guessing attacks with device cookies"): a browser that
 * signed in to an account with the right password gets a random `<id>.<secret>` cookie; on its next
 * sign-in to that account the guessing throttles of the account and the IP address do not hold it
 * back. Only the SHA-256 of the secret is stored.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { knownDevices } from '../db/schema';
import type { Clock } from '../clock';
import { newToken, parseToken, secretMatches } from './token';

export function createKnownDevices(db: Db, clock: Clock) {
	return {
		/** The device's id when the cookie is a genuine device cookie of this user, else null. */
		async recognise(cookie: string | undefined, userId: number | undefined): Promise<string | null> {
			const parts = parseToken(cookie);
			if (!parts || userId === undefined) return null;
			const [row] = await db.select().from(knownDevices).where(eq(knownDevices.id, parts.id));
			if (!row || row.userId !== userId || !secretMatches(parts.secret, row.secretHash)) return null;
			return row.id;
		},

		/** Marks a recognised device used, or remembers a new one; returns the cookie to set when new. */
		async remember(deviceId: string | null, userId: number): Promise<string | null> {
			const now = clock.now();
			if (deviceId) {
				await db.update(knownDevices).set({ lastUsedAt: now }).where(eq(knownDevices.id, deviceId));
				return null;
			}
			const t = newToken();
			await db
				.insert(knownDevices)
				.values({ id: t.id, secretHash: t.secretHash, userId, createdAt: now, lastUsedAt: now });
			return t.token;
		}
	};
}

export type KnownDevices = ReturnType<typeof createKnownDevices>;
