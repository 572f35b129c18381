/**
 * Server-side sessions (Lucia guide). A session ends after `idleMs` without activity or `maxMs`
 * after sign-in, whichever comes first (OWASP ASVS 3.3 level 2: 30 minutes idle, 12 hours at most).
 * A kiosk session for the wall board has no idle limit but ends after one shift (`kioskMs`).
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { roles, sessions, userRoles, users } from '../db/schema';
import type { Clock } from '../clock';
import type { LocalNames } from '../../domain/names/local-names';
import { newToken, parseToken, secretMatches } from './token';
import { knownRoles, type Role } from '../../domain/access/roles';

export interface SessionLimits {
	idleMs: number;
	maxMs: number;
	kioskMs: number;
}

export type SessionKind = 'staff' | 'kiosk';

export interface Session {
	id: string;
	userId: number;
	kind: SessionKind;
	twoFactorVerified: boolean;
	createdAt: Date;
	lastActiveAt: Date;
	/** When the session ends if nothing more happens. */
	expiresAt: Date;
}

export interface SessionUser {
	id: number;
	username: string;
	displayName: string;
	/** The name in each language it was given in (ADR-062); `displayName` where one is missing. */
	displayNames: LocalNames;
	roles: Role[];
	agencyCode: string | null;
	unit: string | null;
	hasTotp: boolean;
	/** A role of this user demands a second factor. */
	mfaRequired: boolean;
	/** An admin reset the password: only the change form answers until the user picks their own. */
	mustChangePassword: boolean;
	/** The user's own language (ADR-059): the pages' default after sign-in, and their notifications. */
	language: 'kk' | 'ru' | 'en';
	email: string | null;
}

/** Activity closer than this to the last recorded one is not written again (saves a write per request). */
const TOUCH_INTERVAL_MS = 60_000;

export function createSessionService(
	db: Db,
	limits: SessionLimits,
	clock: Clock,
	/** Told after sessions are deleted on purpose, so their open sockets end at once. */
	onEnded: (sessionIds: string[]) => void = () => {}
) {
	function expiresAt(s: { kind: SessionKind; createdAt: Date; lastActiveAt: Date }): Date {
		if (s.kind === 'kiosk') return new Date(s.createdAt.getTime() + limits.kioskMs);
		const idle = s.lastActiveAt.getTime() + limits.idleMs;
		const max = s.createdAt.getTime() + limits.maxMs;
		return new Date(Math.min(idle, max));
	}

	async function loadUser(userId: number): Promise<SessionUser | null> {
		const rows = await db
			.select({ user: users, role: userRoles.role, mfa: roles.mfaRequired })
			.from(users)
			.leftJoin(userRoles, eq(userRoles.userId, users.id))
			.leftJoin(roles, eq(roles.name, userRoles.role))
			.where(eq(users.id, userId));
		const first = rows[0];
		if (!first || first.user.disabled) return null;
		const u = first.user;
		return {
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			displayNames: u.displayNames,
			roles: knownRoles(rows.map((r) => r.role)),
			agencyCode: u.agencyCode,
			unit: u.unit,
			hasTotp: u.totpKey !== null,
			mfaRequired: rows.some((r) => r.mfa === true),
			mustChangePassword: u.mustChangePassword,
			language: u.language,
			email: u.email
		};
	}

	return {
		expiresAt,
		loadUser,

		async create(
			userId: number,
			opts: { kind: SessionKind; twoFactorVerified: boolean; ip?: string; userAgent?: string }
		) {
			const t = newToken();
			const now = clock.now();
			const row = {
				id: t.id,
				secretHash: t.secretHash,
				userId,
				kind: opts.kind,
				twoFactorVerified: opts.twoFactorVerified,
				createdAt: now,
				lastActiveAt: now,
				ip: opts.ip ?? null,
				userAgent: opts.userAgent?.slice(0, 300) ?? null
			};
			await db.insert(sessions).values(row);
			const session: Session = { ...row, expiresAt: expiresAt(row) };
			return { token: t.token, session };
		},

		/** The session and user behind a token, or null when it is malformed, forged, expired or revoked. */
		async validate(token: string | null | undefined): Promise<{ session: Session; user: SessionUser } | null> {
			const parts = parseToken(token);
			if (!parts) return null;
			const [row] = await db.select().from(sessions).where(eq(sessions.id, parts.id));
			if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
			const now = clock.now();
			if (now >= expiresAt(row)) {
				await db.delete(sessions).where(eq(sessions.id, row.id));
				return null;
			}
			const user = await loadUser(row.userId);
			if (!user) return null;
			let lastActiveAt = row.lastActiveAt;
			if (now.getTime() - lastActiveAt.getTime() >= TOUCH_INTERVAL_MS) {
				lastActiveAt = now;
				await db.update(sessions).set({ lastActiveAt }).where(eq(sessions.id, row.id));
			}
			const session: Session = {
				id: row.id,
				userId: row.userId,
				kind: row.kind,
				twoFactorVerified: row.twoFactorVerified,
				createdAt: row.createdAt,
				lastActiveAt,
				expiresAt: expiresAt({ ...row, lastActiveAt })
			};
			return { session, user };
		},

		async markTwoFactorVerified(sessionId: string) {
			await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
		},

		async invalidate(sessionId: string) {
			await db.delete(sessions).where(eq(sessions.id, sessionId));
			onEnded([sessionId]);
		},

		/** "Sign out everywhere": every session of the user, optionally keeping the current one. */
		async invalidateAllForUser(userId: number, keepSessionId?: string) {
			const where = keepSessionId
				? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
				: eq(sessions.userId, userId);
			const removed = await db.delete(sessions).where(where).returning({ id: sessions.id });
			const ids = removed.map((r) => r.id);
			if (ids.length) onEnded(ids);
			return ids;
		}
	};
}

export type SessionService = ReturnType<typeof createSessionService>;
