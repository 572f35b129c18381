/**
 * Out of office (ADR-061): a user names a substitute and a period; meanwhile their notifications
 * go to the substitute (enqueue.ts) and the substitute has their cases in hand (policy.ts,
 * `standsInFor`). Who may stand in is the access policy's decision (maySubstitute). Audited in the
 * user's stream.
 */
import { and, asc, eq, gt, inArray, isNull, lt, lte, ne } from 'drizzle-orm';
import { knownRoles } from '../../domain/access/roles';
import type { Db } from '../db/client';
import { absenceReasons, absences, userRoles, users } from '../db/schema';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';
import { maySubstitute } from '../../domain/access/policy';
import type { StandInWindow } from '../../domain/access/stand-ins';
import { DomainError } from '../../domain/errors/domain-error';
import { fieldProblem, type FieldProblem } from '../../domain/errors/field-problem';
import { groupBy } from '../../domain/group-by';

export type AbsenceReason = (typeof absenceReasons)[number];

const invalid = (field: string, problem: FieldProblem) =>
	new DomainError('invalid', 'invalid-fields', 'Some fields are invalid.', {}, { [field]: problem });

export function createAbsenceService(deps: {
	db: Db;
	now: () => Date;
	/** An absence naming this substitute was declared or cancelled (committed): their rights changed. */
	onSubstituteChanged?: (substituteId: number) => void;
}) {
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

		/**
		 * For each of `substituteIds`, the absences they stand in for that are not over and not
		 * cancelled, current and coming (the socket server decides from them at each delivery).
		 */
		async standInWindows(substituteIds: readonly number[]): Promise<Map<number, StandInWindow[]>> {
			if (substituteIds.length === 0) return new Map();
			const rows = await db
				.select({
					substituteId: absences.substituteId,
					userId: absences.userId,
					startsAt: absences.startsAt,
					endsAt: absences.endsAt
				})
				.from(absences)
				.where(
					and(
						inArray(absences.substituteId, [...substituteIds]),
						isNull(absences.cancelledAt),
						gt(absences.endsAt, deps.now())
					)
				);
			return groupBy(
				rows,
				(r) => r.substituteId,
				(r): StandInWindow => ({ userId: r.userId, startsAt: r.startsAt, endsAt: r.endsAt })
			);
		},

		/** The colleagues who may stand in for `userId` (the access policy's `maySubstitute`), by name. */
		async eligibleSubstitutes(userId: number, locale: DisplayLocale): Promise<{ username: string; name: string }[]> {
			const absent = await person(eq(users.id, userId));
			if (!absent?.unit) return [];
			const colleagues = await db
				.select({ id: users.id, username: users.username, name: userNameSql(locale) })
				.from(users)
				.where(and(eq(users.unit, absent.unit), ne(users.id, userId), eq(users.disabled, false)))
				.orderBy(asc(users.username));
			const out: { username: string; name: string }[] = [];
			for (const c of colleagues) {
				const sub = await person(eq(users.id, c.id));
				if (sub && maySubstitute(absent, sub)) out.push({ username: c.username, name: c.name });
			}
			return out;
		},

		/** The user's absences not yet over and not cancelled, the earliest first. */
		async listOwn(userId: number, locale: DisplayLocale) {
			const rows = await db
				.select({
					id: absences.id,
					startsAt: absences.startsAt,
					endsAt: absences.endsAt,
					reason: absences.reason,
					substitute: users.username,
					substituteName: userNameSql(locale)
				})
				.from(absences)
				.innerJoin(users, eq(users.id, absences.substituteId))
				.where(and(eq(absences.userId, userId), isNull(absences.cancelledAt), gt(absences.endsAt, deps.now())))
				.orderBy(asc(absences.startsAt));
			return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
		},

		async set(
			userId: number,
			input: { substitute: string; startsAt: Date; endsAt: Date; reason?: AbsenceReason },
			actor: Actor
		): Promise<string> {
			if (input.endsAt <= input.startsAt)
				throw invalid('endsAt', fieldProblem('not-after-start', 'must be after startsAt'));
			const absent = await person(eq(users.id, userId));
			const sub = await person(eq(users.username, input.substitute));
			if (!absent || !sub || !maySubstitute(absent, sub))
				throw invalid(
					'substitute',
					fieldProblem('not-a-substitute', 'must be an active colleague of your unit who works cases')
				);
			// One substitute at a time: a second period over the first would leave who stands in to chance.
			const [overlap] = await db
				.select({ id: absences.id })
				.from(absences)
				.where(
					and(
						eq(absences.userId, userId),
						isNull(absences.cancelledAt),
						lt(absences.startsAt, input.endsAt),
						gt(absences.endsAt, input.startsAt)
					)
				)
				.limit(1);
			if (overlap) throw invalid('startsAt', fieldProblem('absence-overlaps', 'overlaps an absence already declared'));
			const reason = input.reason ?? 'leave';
			const id = await db.transaction(async (tx) => {
				const [row] = await tx
					.insert(absences)
					.values({
						userId,
						substituteId: sub.userId,
						reason,
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
						reason,
						startsAt: input.startsAt.toISOString(),
						endsAt: input.endsAt.toISOString()
					}
				});
				return row!.id;
			});
			deps.onSubstituteChanged?.(sub.userId);
			return id;
		},

		async cancel(userId: number, id: string, actor: Actor): Promise<void> {
			const substituteId = await db.transaction(async (tx) => {
				const done = await tx
					.update(absences)
					.set({ cancelledAt: deps.now() })
					.where(and(eq(absences.id, id), eq(absences.userId, userId), isNull(absences.cancelledAt)))
					.returning({ substituteId: absences.substituteId });
				if (done.length === 0) throw new DomainError('not-found', 'absence-not-found', 'No such absence.');
				await appendAuditEvent(tx, `user:${userId}`, {
					type: 'absence-cancelled',
					actor,
					at: deps.now(),
					after: { id }
				});
				return done[0]!.substituteId;
			});
			deps.onSubstituteChanged?.(substituteId);
		}
	};
}
