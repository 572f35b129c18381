/**
 * Changes to users and roles. Each writes its audit row (stream `user:<id>` or `role:<name>`) in the
 * same transaction as the change, with the state before and after; secrets never enter the trail.
 */
import { DomainError, isDomainError } from '../../domain/errors/domain-error';
import { fieldProblem } from '../../domain/errors/field-problem';
import { clearRecoveryCodes } from '../auth/recovery-codes';
import { eq, sql } from 'drizzle-orm';
import { isLastActiveAdmin, LAST_ADMIN_MESSAGE } from './last-admin';
import type { Db, Executor } from '../db/client';
import { roles, userRoles, users } from '../db/schema';
import type { Clock } from '../clock';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';
import { hashPassword } from '../auth/password';
import type { Role } from '../../domain/access/roles';
import { cleanNames, type LocalNames } from '../../domain/names/local-names';

export interface NewUser {
	username: string;
	displayName: string;
	/** The name in Kazakh, Russian and English, where known (ADR-062). */
	displayNames?: LocalNames;
	password: string;
	roles: Role[];
	agencyCode?: string | null;
	unit?: string | null;
}

/** The fields an admin may change of another user at once; absent ones stay as they are. */
export interface UserPatch {
	displayName?: string;
	unit?: string | null;
	roles?: Role[];
	active?: boolean;
}

/** A user or role change refused, naming the form field at fault (ADR-031). */
export class UserInputError extends DomainError {
	constructor(
		kind: 'invalid' | 'conflict' | 'not-found',
		code: string,
		message: string,
		readonly field: string
	) {
		super(kind, code, message, {}, { [field]: fieldProblem(code, message) });
	}
}

/** Recognised by the domain-error brand: the service may come from the other bundle. */
export function isUserInputError(e: unknown): e is UserInputError {
	return isDomainError(e) && 'field' in e;
}

export function createUserService(deps: {
	db: Db;
	clock: Clock;
	/** Told after a change to a user's rights commits (roles, status), so open sockets are re-decided. */
	onRightsChanged?: (userId: number) => void;
}) {
	const { db, clock } = deps;
	const rightsChanged = (userId: number) => deps.onRightsChanged?.(userId);

	async function publicView(tx: Executor, userId: number) {
		const [u] = await tx.select().from(users).where(eq(users.id, userId));
		if (!u) return null;
		const rs = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
		return {
			username: u.username,
			displayName: u.displayName,
			displayNames: u.displayNames,
			agencyCode: u.agencyCode,
			unit: u.unit,
			disabled: u.disabled,
			totp: u.totpKey !== null,
			roles: rs.map((r) => r.role).sort()
		};
	}

	function checkRoles(input: { roles: Role[]; agencyCode?: string | null }) {
		if (input.roles.includes('agency_liaison') && !input.agencyCode)
			throw new UserInputError(
				'invalid',
				'user-liaison-without-agency',
				'An agency liaison must belong to one agency.',
				'agencyCode'
			);
	}

	return {
		publicView: (userId: number) => publicView(db, userId),

		async create(input: NewUser, actor: Actor) {
			checkRoles(input);
			const passwordHash = await hashPassword(input.password);
			return db.transaction(async (tx) => {
				const [exists] = await tx
					.select({ id: users.id })
					.from(users)
					.where(eq(sql`lower(${users.username})`, input.username.toLowerCase()));
				if (exists) throw new UserInputError('conflict', 'user-username-taken', 'That username is taken.', 'username');
				const now = clock.now();
				const [row] = await tx
					.insert(users)
					.values({
						username: input.username,
						displayName: input.displayName,
						displayNames: cleanNames(input.displayNames),
						passwordHash,
						agencyCode: input.agencyCode ?? null,
						unit: input.unit ?? null,
						createdAt: now,
						updatedAt: now
					})
					.returning({ id: users.id });
				const id = row!.id;
				if (input.roles.length) await tx.insert(userRoles).values(input.roles.map((role) => ({ userId: id, role })));
				await appendAuditEvent(tx, `user:${id}`, {
					type: 'user-created',
					actor,
					at: now,
					before: null,
					after: await publicView(tx, id)
				});
				return id;
			});
		},

		async setRoles(userId: number, newRoles: Role[], actor: Actor) {
			await db.transaction(async (tx) => {
				const before = await publicView(tx, userId);
				if (!before) throw new UserInputError('not-found', 'user-not-found', 'No such user.', 'userId');
				checkRoles({ roles: newRoles, agencyCode: before.agencyCode });
				if (!newRoles.includes('admin') && (await isLastActiveAdmin(tx, userId)))
					throw new UserInputError('conflict', 'last-admin', LAST_ADMIN_MESSAGE, 'roles');
				await tx.delete(userRoles).where(eq(userRoles.userId, userId));
				if (newRoles.length) await tx.insert(userRoles).values(newRoles.map((role) => ({ userId, role })));
				const now = clock.now();
				await tx.update(users).set({ updatedAt: now }).where(eq(users.id, userId));
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'roles-changed',
					actor,
					at: now,
					before,
					after: await publicView(tx, userId)
				});
			});
			rightsChanged(userId);
		},

		async setProfile(
			userId: number,
			profile: { displayName: string; displayNames?: LocalNames; unit: string | null },
			actor: Actor
		) {
			await db.transaction(async (tx) => {
				const before = await publicView(tx, userId);
				if (!before) throw new UserInputError('not-found', 'user-not-found', 'No such user.', 'userId');
				const now = clock.now();
				await tx
					.update(users)
					.set({
						displayName: profile.displayName,
						// Left as they are when the form did not carry them (the JSON API may omit them).
						...(profile.displayNames ? { displayNames: cleanNames(profile.displayNames) } : {}),
						unit: profile.unit,
						updatedAt: now
					})
					.where(eq(users.id, userId));
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'user-updated',
					actor,
					at: now,
					before,
					after: await publicView(tx, userId)
				});
			});
		},

		/**
		 * One admin edit of several fields at once (PATCH /api/v1/users/{id}): applied together in one
		 * transaction with one audit row, or not at all. The last active admin keeps both the role and
		 * the active state (ADR-043).
		 */
		async update(
			userId: number,
			patch: UserPatch,
			actor: Actor
		): Promise<{ rightsChanged: boolean; deactivated: boolean }> {
			const result = await db.transaction(async (tx) => {
				const before = await publicView(tx, userId);
				if (!before) throw new UserInputError('not-found', 'user-not-found', 'No such user.', 'userId');
				if (patch.roles) checkRoles({ roles: patch.roles, agencyCode: before.agencyCode });
				const losesAdmin = patch.roles !== undefined && !patch.roles.includes('admin');
				const deactivates = patch.active === false && !before.disabled;
				if ((losesAdmin || deactivates) && (await isLastActiveAdmin(tx, userId)))
					throw new UserInputError('conflict', 'last-admin', LAST_ADMIN_MESSAGE, losesAdmin ? 'roles' : 'active');
				const now = clock.now();
				await tx
					.update(users)
					.set({
						...(patch.displayName !== undefined && { displayName: patch.displayName }),
						...(patch.unit !== undefined && { unit: patch.unit }),
						...(patch.active !== undefined && { disabled: !patch.active }),
						updatedAt: now
					})
					.where(eq(users.id, userId));
				if (patch.roles) {
					await tx.delete(userRoles).where(eq(userRoles.userId, userId));
					if (patch.roles.length) await tx.insert(userRoles).values(patch.roles.map((role) => ({ userId, role })));
				}
				const after = await publicView(tx, userId);
				await appendAuditEvent(tx, `user:${userId}`, { type: 'user-updated', actor, at: now, before, after });
				return {
					rightsChanged: before.disabled !== after!.disabled || before.roles.join() !== after!.roles.join(),
					deactivated: deactivates
				};
			});
			if (result.rightsChanged) rightsChanged(userId);
			return result;
		},

		/** The user's own settings (ADR-059): language and notification address; audited. */
		async setOwnSettings(
			userId: number,
			settings: { language?: 'kk' | 'ru' | 'en'; email?: string | null },
			actor: Actor
		) {
			await db.transaction(async (tx) => {
				const [before] = await tx
					.select({ language: users.language, email: users.email })
					.from(users)
					.where(eq(users.id, userId));
				if (!before) throw new UserInputError('not-found', 'user-not-found', 'No such user.', 'userId');
				const now = clock.now();
				await tx
					.update(users)
					.set({ ...settings, updatedAt: now })
					.where(eq(users.id, userId));
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'user-settings-changed',
					actor,
					at: now,
					before,
					after: { ...before, ...settings }
				});
			});
		},

		async setDisabled(userId: number, disabled: boolean, actor: Actor) {
			await db.transaction(async (tx) => {
				const before = await publicView(tx, userId);
				if (!before) throw new UserInputError('not-found', 'user-not-found', 'No such user.', 'userId');
				if (disabled && (await isLastActiveAdmin(tx, userId)))
					throw new UserInputError('conflict', 'last-admin', LAST_ADMIN_MESSAGE, 'userId');
				const now = clock.now();
				await tx.update(users).set({ disabled, updatedAt: now }).where(eq(users.id, userId));
				await appendAuditEvent(tx, `user:${userId}`, {
					type: disabled ? 'user-disabled' : 'user-enabled',
					actor,
					at: now,
					before,
					after: await publicView(tx, userId)
				});
			});
			rightsChanged(userId);
		},

		async setTotpKey(userId: number, key: Uint8Array | null, actor: Actor) {
			return db.transaction(async (tx) => {
				const before = await publicView(tx, userId);
				const now = clock.now();
				await tx.update(users).set({ totpKey: key, updatedAt: now }).where(eq(users.id, userId));
				// Codes belong to one enrolment: a new or removed authenticator voids them.
				await clearRecoveryCodes(tx, userId);
				await appendAuditEvent(tx, `user:${userId}`, {
					type: key ? 'second-factor-enrolled' : 'second-factor-removed',
					actor,
					at: now,
					before,
					after: await publicView(tx, userId)
				});
			});
		},

		async setRoleMfaRequired(role: Role, required: boolean, actor: Actor) {
			return db.transaction(async (tx) => {
				const [before] = await tx.select().from(roles).where(eq(roles.name, role));
				if (!before) throw new UserInputError('not-found', 'role-not-found', 'No such role.', 'role');
				await tx.update(roles).set({ mfaRequired: required }).where(eq(roles.name, role));
				await appendAuditEvent(tx, `role:${role}`, {
					type: 'role-mfa-changed',
					actor,
					at: clock.now(),
					before: { mfaRequired: before.mfaRequired },
					after: { mfaRequired: required }
				});
			});
		}
	};
}

export type UserService = ReturnType<typeof createUserService>;
