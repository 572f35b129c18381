/**
 * Notifications (ADR-059, ADR-060): the in-app list of each user, the e-mail outbox the mail
 * worker sends, each user's preferences per kind and channel, and out-of-office periods with a
 * substitute (ADR-061). Both notification tables are written in the transaction of the case event
 * that causes them (audit.repository → notifications/enqueue.ts); one row per (event, user, kind),
 * so a retried or replayed writer never doubles one.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { caseRef, identityId, tstz, userRef, uuidId } from './columns';

/** What a notification and its e-mail share: whom, which kind, about which case event, and the data. */
const notificationColumns = () => ({
	id: identityId(),
	userId: userRef('user_id').notNull(),
	kind: text('kind').notNull(),
	caseId: caseRef(),
	caseEventId: bigint('case_event_id', { mode: 'number' }).notNull(),
	/** The case number and what the text needs (never restricted data: the band, an agency code). */
	data: jsonb('data').notNull().$type<Record<string, unknown>>()
});

export const notifications = pgTable(
	'notifications',
	{
		...notificationColumns(),
		/** Sent to a substitute: the absent colleague it was meant for (ADR-061). */
		onBehalfOf: userRef('on_behalf_of'),
		createdAt: tstz('created_at').notNull(),
		readAt: tstz('read_at')
	},
	(t) => [
		uniqueIndex('notifications_event_user_kind_idx').on(t.caseEventId, t.userId, t.kind),
		index('notifications_user_idx').on(t.userId, t.id),
		index('notifications_unread_idx')
			.on(t.userId)
			.where(sql`read_at is null`)
	]
);

export const notificationEmailStatuses = ['pending', 'sent', 'failed'] as const;

/** The e-mail outbox: rendered at send time in the recipient's language of that moment. */
export const notificationEmails = pgTable(
	'notification_emails',
	{
		...notificationColumns(),
		/** The Message-ID of every attempt: a receiver can drop a copy resent after a crash. */
		messageId: text('message_id').notNull(),
		status: text('status', { enum: notificationEmailStatuses }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		createdAt: tstz('created_at').notNull(),
		nextAttemptAt: tstz('next_attempt_at').notNull(),
		leaseUntil: tstz('lease_until'),
		leaseOwner: text('lease_owner'),
		lastError: text('last_error'),
		sentAt: tstz('sent_at')
	},
	(t) => [
		uniqueIndex('notification_emails_event_user_kind_idx').on(t.caseEventId, t.userId, t.kind),
		index('notification_emails_due_idx')
			.on(t.nextAttemptAt)
			.where(sql`status = 'pending'`)
	]
);

/** A missing row is the default: every kind on, in the app and by e-mail. */
export const notificationPreferences = pgTable(
	'notification_preferences',
	{
		userId: userRef('user_id', { onDelete: 'cascade' }).notNull(),
		kind: text('kind').notNull(),
		channel: text('channel', { enum: ['app', 'email'] }).notNull(),
		enabled: boolean('enabled').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind, t.channel] })]
);

export const absenceReasons = ['leave', 'business-trip', 'sick-leave', 'training', 'other'] as const;

/** Out of office: from `startsAt` to `endsAt` the substitute gets new assignments and notifications (ADR-061). */
export const absences = pgTable(
	'absences',
	{
		id: uuidId(),
		userId: userRef('user_id').notNull(),
		substituteId: userRef('substitute_id').notNull(),
		startsAt: tstz('starts_at').notNull(),
		endsAt: tstz('ends_at').notNull(),
		createdAt: tstz('created_at').notNull(),
		/** Why away (ADR-087): one of `absenceReasons`, shown to colleagues as a word, never free text. */
		reason: text('reason', { enum: absenceReasons }).notNull().default('leave'),
		/** Ended early by its user: kept for the audit trail. */
		cancelledAt: tstz('cancelled_at')
	},
	(t) => [index('absences_user_idx').on(t.userId, t.endsAt), index('absences_substitute_idx').on(t.substituteId)]
);
