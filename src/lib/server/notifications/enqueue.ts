/**
 * Writes the notifications of newly appended case events in the events' own transaction (ADR-060):
 * the in-app row and the e-mail outbox row commit or roll back with the event, so nothing is lost
 * or doubled (one row per event, user and kind: a unique index). Events no one is told of cost
 * nothing; the others one read of the case and, where needed, of the users concerned.
 * Recipients away go to their substitutes (ADR-061); each user's preferences decide the channels.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	absences,
	cases,
	notificationEmails,
	notificationPreferences,
	notifications,
	userRoles,
	users
} from '../db/schema';
import { NOTIFYING_TYPES, recipientsOf, type CaseFacts } from '../../domain/notifications/recipients';
import { wants, type PreferenceRow } from '../../domain/notifications/kinds';
import { deliverTo } from '../../domain/notifications/substitutes';

export interface NotifiedEvent {
	id: number;
	type: string;
	actorId: number | null;
	at: Date;
	after: unknown;
}

const ENQUEUED = Symbol.for('merzim.notifications.enqueued');
type Counter = { [ENQUEUED]?: number };

/** E-mails written by this process: the mail worker wakes after a commit when it moved. */
export function emailsEnqueued(): number {
	return (globalThis as Counter)[ENQUEUED] ?? 0;
}

export async function enqueueNotifications(tx: Executor, caseId: string, events: NotifiedEvent[]): Promise<void> {
	const relevant = events.filter((e) => NOTIFYING_TYPES.has(e.type));
	if (relevant.length === 0) return;
	const [c] = await tx
		.select({ number: cases.number, assigneeId: cases.assigneeId, unit: cases.unit, complaintOf: cases.complaintOf })
		.from(cases)
		.where(eq(cases.id, caseId));
	if (!c) return;

	const notes: (typeof notifications.$inferInsert)[] = [];
	const mails: (typeof notificationEmails.$inferInsert)[] = [];
	for (const e of relevant) {
		const facts = await factsFor(tx, e, c);
		const recipients = recipientsOf(e, facts);
		if (recipients.length === 0) continue;
		const away = await tx
			.select()
			.from(absences)
			.where(
				and(
					inArray(
						absences.userId,
						recipients.map((r) => r.userId)
					),
					isNull(absences.cancelledAt),
					lte(absences.startsAt, e.at),
					gt(absences.endsAt, e.at)
				)
			);
		const routed = recipients.map((r) => ({ kind: r.kind, ...deliverTo(r.userId, away, e.at) }));
		const prefs = await tx
			.select({
				userId: notificationPreferences.userId,
				kind: notificationPreferences.kind,
				channel: notificationPreferences.channel,
				enabled: notificationPreferences.enabled
			})
			.from(notificationPreferences)
			.where(
				inArray(
					notificationPreferences.userId,
					routed.map((r) => r.userId)
				)
			);
		const seen = new Set<string>();
		for (const r of routed) {
			// Two recipients standing in for by one substitute, or the substitute already a recipient.
			const key = `${r.userId}:${r.kind}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const own: PreferenceRow[] = prefs.filter((p) => p.userId === r.userId);
			// Only the case number and what the text names: never restricted data or goods (004 P 14–15).
			const data = { caseNumber: c.number, ...detailOf(e) };
			const base = { userId: r.userId, kind: r.kind, caseId, caseEventId: e.id, data };
			if (wants(own, r.kind, 'app')) notes.push({ ...base, onBehalfOf: r.onBehalfOf, createdAt: e.at });
			if (wants(own, r.kind, 'email'))
				mails.push({
					...base,
					data: { ...data, onBehalfOf: r.onBehalfOf },
					messageId: `<${randomUUID()}@merzim>`,
					createdAt: e.at,
					// Retries run on real time (the training clock may be simulated).
					nextAttemptAt: new Date(0)
				});
		}
	}
	if (notes.length) await tx.insert(notifications).values(notes).onConflictDoNothing();
	if (mails.length) {
		await tx.insert(notificationEmails).values(mails).onConflictDoNothing();
		(globalThis as Counter)[ENQUEUED] = emailsEnqueued() + mails.length;
	}
}

/** What the text of a kind shows besides the case number. */
function detailOf(e: NotifiedEvent): Record<string, unknown> {
	const after = (e.after ?? {}) as Record<string, unknown>;
	if (e.type === 'consultation:answered' || e.type === 'consultation:deemed-approved')
		return { agency: typeof after.agency === 'string' ? after.agency : null, deemed: e.type.endsWith('approved') };
	return {};
}

async function factsFor(
	tx: Executor,
	e: NotifiedEvent,
	c: { assigneeId: number | null; unit: string | null; complaintOf: string | null }
): Promise<CaseFacts> {
	const facts: CaseFacts = { assigneeId: c.assigneeId, complaintTarget: null, mentionedIds: [], unitHeadIds: [] };
	if (e.type === 'case:created' && c.complaintOf) {
		const [t] = await tx
			.select({ assigneeId: cases.assigneeId, decidedBy: cases.decidedBy })
			.from(cases)
			.where(eq(cases.id, c.complaintOf));
		facts.complaintTarget = t ?? null;
	}
	if (e.type === 'note:added') {
		const names = (e.after as { mentions?: unknown } | null)?.mentions;
		if (Array.isArray(names) && names.length > 0)
			facts.mentionedIds = (
				await tx
					.select({ id: users.id })
					.from(users)
					.where(
						inArray(
							users.username,
							names.filter((n): n is string => typeof n === 'string')
						)
					)
			).map((u) => u.id);
	}
	if (e.type === 'document:created' && c.unit !== null)
		facts.unitHeadIds = (
			await tx
				.select({ id: users.id })
				.from(users)
				.innerJoin(userRoles, eq(userRoles.userId, users.id))
				.where(and(eq(userRoles.role, 'head'), eq(users.unit, c.unit), sql`not ${users.disabled}`))
		).map((u) => u.id);
	return facts;
}
