/**
 * Out of office (ADR-061): a user names a substitute and a period; meanwhile their notifications
 * go to the substitute (enqueue.ts) and the substitute has their cases in hand (policy.ts,
 * `standsInFor`). Who may stand in is the access policy's decision (maySubstitute). Audited in the
 * user's stream.
 */
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { knownRoles } from '../../domain/access/roles';
import type { Db } from '../db/client';
import { absences, userRoles, users } from '../db/schema';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';
import { maySubstitute } from '../../domain/access/policy';
import { DomainError } from '../../domain/errors/domain-error';

export function createAbsenceService(deps: { db: Db; now: () => Date }) {
	const { db } = deps;

	async function person(where: ReturnType<typeof eq>) {
		const [u] = await db.select().from(users).where(where);
		if (!u) return null;
		const roles = knownRoles(
			(await db.select({ r: userRoles.role }).from(userRoles).where(eq(userRoles.userId, u.id))).map((x) => x.r)
		);
		return { userId: u.id, username: u.username, roles, unit: u.unit, disabled: u.disabled };
	}

	return {
		/** The colleagues away now for whom `userId` stands in. */
		async standsInFor(userId: number): Promise<number[]> {
			const now = deps.now();
			const rows = await db
				.select({ userId: absences.userId })
				.from(absences)
				.where(
					and(
						eq(absences.substituteId, userId),
						isNull(absences.cancelledAt),
						lte(absences.startsAt, now),
						gt(absences.endsAt, now)
					)
				);
			return rows.map((r) => r.userId);
		},

		async set(
			userId: number,
			input: { substitute: string; startsAt: Date; endsAt: Date },
			actor: Actor
		): Promise<string> {
			if (input.endsAt <= input.startsAt)
				throw new DomainError(
					'invalid',
					'invalid-fields',
					'Some fields are invalid.',
					{},
					{ endsAt: 'must be after startsAt' }
				);
			const absent = await person(eq(users.id, userId));
			const sub = await person(eq(users.username, input.substitute));
			if (!absent || !sub || !maySubstitute(absent, sub))
				throw new DomainError(
					'invalid',
					'invalid-fields',
					'Some fields are invalid.',
					{},
					{
						substitute: 'must be an active colleague of your unit who works cases'
					}
				);
			return db.transaction(async (tx) => {
				const [row] = await tx
					.insert(absences)
					.values({
						userId,
						substituteId: sub.userId,
						startsAt: input.startsAt,
						endsAt: input.endsAt,
						createdAt: deps.now()
					})
					.returning({ id: absences.id });
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'absence-set',
					actor,
					at: deps.now(),
					after: {
						substitute: sub.username,
						startsAt: input.startsAt.toISOString(),
						endsAt: input.endsAt.toISOString()
					}
				});
				return row!.id;
			});
		},

		async cancel(userId: number, id: string, actor: Actor): Promise<void> {
			await db.transaction(async (tx) => {
				const done = await tx
					.update(absences)
					.set({ cancelledAt: deps.now() })
					.where(and(eq(absences.id, id), eq(absences.userId, userId), isNull(absences.cancelledAt)))
					.returning({ id: absences.id });
				if (done.length === 0) throw new DomainError('not-found', 'absence-not-found', 'No such absence.');
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'absence-cancelled',
					actor,
					at: deps.now(),
					after: { id }
				});
			});
		}
	};
}
