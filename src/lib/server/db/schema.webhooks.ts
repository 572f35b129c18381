/**
 * Webhooks to the portal, the agencies and the MFA (ADR-037). A subscription belongs to an
 * integration token; its signing secret is kept encrypted with the server's webhook key (it must be
 * usable for HMAC, so it cannot be hashed). Deliveries are written in the transaction of the case
 * event they announce (audit.repository → webhooks/enqueue.ts) and sent by the delivery worker;
 * each attempt is kept for the case page's delivery log.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, tstz } from './columns';
import { cases, integrationTokens, users } from './schema';

export const webhookSubscriptions = pgTable(
	'webhook_subscriptions',
	{
		id: text('id').primaryKey(),
		tokenId: text('token_id')
			.notNull()
			.references(() => integrationTokens.id),
		url: text('url').notNull(),
		events: text('events').array().notNull(),
		/** AES-256-GCM of the signing secret under the server's webhook key (iv ‖ tag ‖ ciphertext). */
		secretSealed: bytea('secret_sealed').notNull(),
		/** Which key sealed it (a short fingerprint), so a wrong key is named, not a garbled signature. */
		keyId: text('key_id').notNull(),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: tstz('created_at').notNull(),
		/** Paused: no new deliveries, and those queued wait until it is resumed. */
		pausedAt: tstz('paused_at'),
		/** Deleted: kept for the delivery log; its queued deliveries are cancelled. */
		deletedAt: tstz('deleted_at')
	},
	(t) => [index('webhook_subscriptions_token_idx').on(t.tokenId)]
);

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const webhookDeliveries = pgTable(
	'webhook_deliveries',
	{
		/** Order of writing: per (subscription, case) the order of the case's events. */
		seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		/** The delivery's public id (body `id`, `Merzim-Delivery`): the same on every attempt. */
		id: uuid('id').notNull(),
		subscriptionId: text('subscription_id')
			.notNull()
			.references(() => webhookSubscriptions.id),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		caseEventId: bigint('case_event_id', { mode: 'number' }).notNull(),
		type: text('type').notNull(),
		/** The exact bytes sent (JSON), fixed when written, so every attempt sends the same body. */
		body: text('body').notNull(),
		status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		createdAt: tstz('created_at').notNull(),
		/** Start of the 24-hour retry window (the write, or the admin's resend). */
		retryFrom: tstz('retry_from').notNull(),
		nextAttemptAt: tstz('next_attempt_at').notNull(),
		/** A sender holds the delivery until then; another process takes it over only after. */
		leaseUntil: tstz('lease_until'),
		leaseOwner: text('lease_owner'),
		lastStatusCode: integer('last_status_code'),
		lastError: text('last_error'),
		deliveredAt: tstz('delivered_at'),
		failedAt: tstz('failed_at'),
		/**
		 * W3C trace context of the request or scheduler firing that wrote the event, kept only while
		 * tracing is on: each attempt's span continues that trace (ADR-073).
		 */
		traceparent: text('traceparent'),
		tracestate: text('tracestate')
	},
	(t) => [
		uniqueIndex('webhook_deliveries_id_idx').on(t.id),
		index('webhook_deliveries_case_idx').on(t.caseId, t.seq),
		// The worker's queue: what is due, and the head of each (subscription, case) line.
		index('webhook_deliveries_due_idx')
			.on(t.nextAttemptAt)
			.where(sql`status = 'pending'`),
		index('webhook_deliveries_line_idx')
			.on(t.subscriptionId, t.caseId, t.seq)
			.where(sql`status = 'pending'`),
		index('webhook_deliveries_failed_idx')
			.on(t.failedAt)
			.where(sql`status = 'failed'`)
	]
);

/** One row per attempt: when, the receiver's status code or the error, how long it took. */
export const webhookAttempts = pgTable(
	'webhook_attempts',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		deliverySeq: bigint('delivery_seq', { mode: 'number' })
			.notNull()
			.references(() => webhookDeliveries.seq),
		attempt: integer('attempt').notNull(),
		at: tstz('at').notNull(),
		statusCode: integer('status_code'),
		error: text('error'),
		durationMs: integer('duration_ms').notNull()
	},
	(t) => [index('webhook_attempts_delivery_idx').on(t.deliverySeq)]
);
