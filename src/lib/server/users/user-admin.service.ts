/**
 * What an admin does for a person, beyond creating the account (users.service.ts): deactivating it
 * (every session ends at once, history kept), resetting a lost second factor with a reason (the user
 * enrols again at the next sign-in), and the rule that the last active admin stays one. Also the
 * user's own password change, checked against a breached-password list.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { Role } from '../../domain/access/roles';
import type { Clock } from '../clock';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';
import { hashPassword, verifyPassword } from '../auth/password';
import type { SessionService } from '../auth/session.service';
import { isBreachedPassword } from '../auth/breached-passwords';
import { clearRecoveryCodes } from '../auth/recovery-codes';
import { temporaryPassword } from '../auth/temporary-password';
import { UserInputError, type UserPatch, type UserService } from './users.service';

export const OWN_PASSWORD_MIN_LENGTH = 12;

export function createUserAdmin(deps: { db: Db; clock: Clock; sessions: SessionService; users: UserService }) {
	const { db, clock, sessions } = deps;

	return {
		/** The last active admin keeps the role (checked by the users service, in its transaction). */
		async setRoles(userId: number, roles: Role[], actor: Actor) {
			await deps.users.setRoles(userId, roles, actor);
		},

		/** Several fields at once; a deactivation ends every session of the user, as `deactivate` does. */
		async update(userId: number, patch: UserPatch, actor: Actor) {
			const { deactivated } = await deps.users.update(userId, patch, actor);
			if (deactivated) await sessions.invalidateAllForUser(userId);
		},

		/** Deactivates and ends every session of the user at once; their records stay. */
		async deactivate(userId: number, actor: Actor) {
			await deps.users.setDisabled(userId, true, actor);
			await sessions.invalidateAllForUser(userId);
		},

		async reactivate(userId: number, actor: Actor) {
			await deps.users.setDisabled(userId, false, actor);
		},

		/** A lost authenticator: removed with the reason on record; the user enrols again at the next sign-in. */
		async resetSecondFactor(userId: number, reason: string, actor: Actor) {
			await db.transaction(async (tx) => {
				const [user] = await tx.select().from(users).where(eq(users.id, userId));
				if (!user) throw new UserInputError('not-found', 'user-not-found', 'No such user.', 'userId');
				if (!user.totpKey)
					throw new UserInputError(
						'conflict',
						'no-second-factor',
						'This user has no second factor to reset.',
						'userId'
					);
				const now = clock.now();
				await tx.update(users).set({ totpKey: null, updatedAt: now }).where(eq(users.id, userId));
				await clearRecoveryCodes(tx, userId);
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'second-factor-reset',
					actor,
					at: now,
					before: { hasTotp: true },
					after: { hasTotp: false, reason }
				});
			});
			await sessions.invalidateAllForUser(userId);
		},

		/**
		 * A forgotten password: a random temporary one, returned once for the admin to hand over and
		 * never stored or audited in clear. Every session of the user ends; at the next sign-in only the
		 * change form answers until the user picks their own (hooks.server.ts).
		 */
		async resetPassword(userId: number, actor: Actor): Promise<string> {
			const password = temporaryPassword();
			const passwordHash = await hashPassword(password);
			await db.transaction(async (tx) => {
				const [user] = await tx.select().from(users).where(eq(users.id, userId));
				if (!user) throw new UserInputError('not-found', 'user-not-found', 'No such user.', 'userId');
				const now = clock.now();
				await tx
					.update(users)
					.set({ passwordHash, mustChangePassword: true, updatedAt: now })
					.where(eq(users.id, userId));
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'password-reset',
					actor,
					at: now,
					before: null,
					after: { mustChangePassword: true }
				});
			});
			await sessions.invalidateAllForUser(userId);
			return password;
		},

		/** The user's own change: the current password, at least 12 characters, not a known breached one. */
		async changeOwnPassword(userId: number, current: string, next: string, keepSessionId: string) {
			const [user] = await db.select().from(users).where(eq(users.id, userId));
			if (!user || !(await verifyPassword(user.passwordHash, current)))
				throw new UserInputError('invalid', 'wrong-current-password', 'The current password is wrong.', 'current');
			if (next.length < OWN_PASSWORD_MIN_LENGTH)
				throw new UserInputError(
					'invalid',
					'password-too-short',
					`At least ${OWN_PASSWORD_MIN_LENGTH} characters.`,
					'next'
				);
			if (next.length > 256)
				throw new UserInputError('invalid', 'password-too-long', 'At most 256 characters.', 'next');
			if (next === current)
				throw new UserInputError(
					'invalid',
					'password-unchanged',
					'Choose a password different from the current one.',
					'next'
				);
			if (next.toLowerCase().includes(user.username.toLowerCase()) || (await isBreachedPassword(next)))
				throw new UserInputError(
					'invalid',
					'password-breached',
					'This password is on a list of breached or common passwords: choose another.',
					'next'
				);
			const passwordHash = await hashPassword(next);
			await db.transaction(async (tx) => {
				const now = clock.now();
				await tx
					.update(users)
					.set({ passwordHash, mustChangePassword: false, updatedAt: now })
					.where(eq(users.id, userId));
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'password-changed',
					actor: { userId, label: user.username },
					at: now,
					before: user.mustChangePassword ? { mustChangePassword: true } : null,
					after: null
				});
			});
			await sessions.invalidateAllForUser(userId, keepSessionId);
		}
	};
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;
