/**
 * Webhook subscriptions of the integration tokens (ADR-037): created with a signing secret shown
 * once, listed, paused and resumed, deleted; failed deliveries listed and resent. Every change is
 * audited in the `webhooks` stream (never the secret). The URL rules are
 * domain/webhooks/webhook-url.ts; which events a token may hear, domain/webhooks/webhook-events.ts.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { cases, integrationTokens, webhookAttempts, webhookDeliveries, webhookSubscriptions } from '../db/schema';
import type { Clock } from '../clock';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';
import { ApiError } from '../http/api-error';
import { fieldProblem } from '../../domain/errors/field-problem';
import { generateSecureRandomString } from '../auth/token';
import {
	WEBHOOK_TYPES,
	WEBHOOK_URL_MESSAGES,
	webhookTypesFor,
	webhookUrlProblem,
	type WebhookType
} from '../../domain/webhooks';
import type { SecretBox } from './secret-box';
import { tokenNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';

export const NewWebhookSchema = z
	.object({
		tokenId: z.string().min(1).max(64),
		url: z.string().trim().min(1).max(2000),
		events: z
			.array(z.enum(WEBHOOK_TYPES as [WebhookType, ...WebhookType[]]))
			.min(1)
			.max(WEBHOOK_TYPES.length)
	})
	.strict();

export const WebhookChangeSchema = z.object({ paused: z.boolean() }).strict();

const SECRET_PREFIX = 'whsec_';

export interface WebhookView {
	id: string;
	tokenId: string;
	tokenName: string;
	tokenKind: string;
	url: string;
	events: string[];
	createdAt: Date;
	pausedAt: Date | null;
	pending: number;
	failed: number;
}

export function createWebhookService(deps: {
	db: Db;
	clock: Clock;
	box: SecretBox;
	/** The worker: wake it after a resend or resume; forget a deleted subscription's secret. */
	onChanged?: (subscriptionId: string) => void;
}) {
	const { db, clock, box } = deps;

	return {
		/**
		 * Subscribes a token; the answer holds the signing secret, the only time it is shown.
		 * `ownOrigins`: where this server answers (a webhook may not point back at it).
		 */
		async create(input: z.infer<typeof NewWebhookSchema>, actor: Actor, ownOrigins: readonly string[]) {
			const problem = webhookUrlProblem(input.url, ownOrigins);
			if (problem)
				throw new ApiError(422, 'Some fields are invalid.', {
					url: fieldProblem(`webhook-url-${problem}`, WEBHOOK_URL_MESSAGES[problem])
				});
			const [token] = await db.select().from(integrationTokens).where(eq(integrationTokens.id, input.tokenId));
			if (!token || token.revokedAt)
				throw new ApiError(422, 'Some fields are invalid.', {
					tokenId: fieldProblem('no-active-token', 'no such active integration token')
				});
			const allowed = webhookTypesFor(token.kind);
			const foreign = input.events.filter((e) => !allowed.includes(e));
			if (foreign.length)
				throw new ApiError(422, 'Some fields are invalid.', {
					events: fieldProblem(
						'not-in-list',
						`a ${token.kind} token may subscribe to ${allowed.join(', ')}; not to ${foreign.join(', ')}`,
						{ values: allowed.join(', ') }
					)
				});
			const id = `wh_${generateSecureRandomString()}`;
			const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
			const now = clock.now();
			const events = [...new Set(input.events)];
			const url = new URL(input.url).toString();
			await db.transaction(async (tx) => {
				await tx.insert(webhookSubscriptions).values({
					id,
					tokenId: token.id,
					url,
					events,
					secretSealed: box.seal(secret, id),
					keyId: box.keyId(),
					createdBy: actor.userId,
					createdAt: now
				});
				await appendAuditEvent(tx, 'webhooks', {
					type: 'webhook-created',
					actor,
					at: now,
					after: { id, tokenId: token.id, url, events }
				});
			});
			return { id, tokenId: token.id, url, events, secret, createdAt: now };
		},

		/** `locale`: the reader's language, for the tokens' labels (ADR-062). */
		async list(locale: DisplayLocale = 'en'): Promise<WebhookView[]> {
			const rows = await db
				.select({
					id: webhookSubscriptions.id,
					tokenId: webhookSubscriptions.tokenId,
					tokenName: tokenNameSql(locale),
					tokenKind: integrationTokens.kind,
					url: webhookSubscriptions.url,
					events: webhookSubscriptions.events,
					createdAt: webhookSubscriptions.createdAt,
					pausedAt: webhookSubscriptions.pausedAt,
					pending: sql<number>`(select count(*)::int from webhook_deliveries d where d.subscription_id = ${webhookSubscriptions.id} and d.status = 'pending')`,
					failed: sql<number>`(select count(*)::int from webhook_deliveries d where d.subscription_id = ${webhookSubscriptions.id} and d.status = 'failed')`
				})
				.from(webhookSubscriptions)
				.innerJoin(integrationTokens, eq(integrationTokens.id, webhookSubscriptions.tokenId))
				.where(isNull(webhookSubscriptions.deletedAt))
				.orderBy(desc(webhookSubscriptions.createdAt));
			return rows.map((r) => ({ ...r, pending: Number(r.pending), failed: Number(r.failed) }));
		},

		/** Pauses (no new deliveries; queued ones wait) or resumes; false when there is no such subscription. */
		async setPaused(id: string, paused: boolean, actor: Actor): Promise<boolean> {
			const now = clock.now();
			const changed = await db.transaction(async (tx) => {
				const [row] = await tx
					.update(webhookSubscriptions)
					.set({ pausedAt: paused ? now : null })
					.where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.deletedAt)))
					.returning({ id: webhookSubscriptions.id });
				if (row)
					await appendAuditEvent(tx, 'webhooks', {
						type: paused ? 'webhook-paused' : 'webhook-resumed',
						actor,
						at: now,
						before: { id }
					});
				return !!row;
			});
			if (changed) deps.onChanged?.(id);
			return changed;
		},

		/** Deletes a subscription: its queued deliveries are cancelled, its log is kept. */
		async remove(id: string, actor: Actor): Promise<boolean> {
			const now = clock.now();
			const removed = await db.transaction(async (tx) => {
				const [row] = await tx
					.update(webhookSubscriptions)
					.set({ deletedAt: now })
					.where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.deletedAt)))
					.returning({ id: webhookSubscriptions.id, url: webhookSubscriptions.url });
				if (!row) return false;
				await tx
					.update(webhookDeliveries)
					.set({ status: 'cancelled', leaseUntil: null, leaseOwner: null })
					.where(and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.status, 'pending')));
				await appendAuditEvent(tx, 'webhooks', { type: 'webhook-deleted', actor, at: now, before: row });
				return true;
			});
			if (removed) deps.onChanged?.(id);
			return removed;
		},

		/** Failed deliveries (newest first), for the admin's "resend". */
		async failed(limit = 100) {
			return db
				.select({
					id: webhookDeliveries.id,
					subscriptionId: webhookDeliveries.subscriptionId,
					url: webhookSubscriptions.url,
					type: webhookDeliveries.type,
					caseId: webhookDeliveries.caseId,
					caseNumber: cases.number,
					attempts: webhookDeliveries.attempts,
					lastStatusCode: webhookDeliveries.lastStatusCode,
					lastError: webhookDeliveries.lastError,
					failedAt: webhookDeliveries.failedAt
				})
				.from(webhookDeliveries)
				.innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
				.innerJoin(cases, eq(cases.id, webhookDeliveries.caseId))
				.where(and(eq(webhookDeliveries.status, 'failed'), isNull(webhookSubscriptions.deletedAt)))
				.orderBy(desc(webhookDeliveries.failedAt))
				.limit(limit);
		},

		/**
		 * Sends a failed delivery again, with the same id and body, and a new 24-hour window; false when
		 * it is not (or no longer) failed.
		 */
		async resend(deliveryId: string, actor: Actor): Promise<boolean> {
			if (!z.string().uuid().safeParse(deliveryId).success) return false;
			const now = clock.now();
			const realNow = new Date();
			const row = await db.transaction(async (tx) => {
				const [r] = await tx
					.update(webhookDeliveries)
					.set({ status: 'pending', failedAt: null, retryFrom: realNow, nextAttemptAt: realNow })
					.where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'failed')))
					.returning({ id: webhookDeliveries.id, subscriptionId: webhookDeliveries.subscriptionId });
				if (r)
					await appendAuditEvent(tx, 'webhooks', {
						type: 'webhook-delivery-resent',
						actor,
						at: now,
						before: { id: r.id, subscriptionId: r.subscriptionId }
					});
				return r;
			});
			if (row) deps.onChanged?.(row.subscriptionId);
			return !!row;
		},

		/** A case's deliveries with their attempts, for staff on the case page (no bodies, no secrets). */
		async caseLog(caseId: string) {
			const deliveries = await db
				.select({
					seq: webhookDeliveries.seq,
					id: webhookDeliveries.id,
					type: webhookDeliveries.type,
					status: webhookDeliveries.status,
					attempts: webhookDeliveries.attempts,
					createdAt: webhookDeliveries.createdAt,
					nextAttemptAt: webhookDeliveries.nextAttemptAt,
					deliveredAt: webhookDeliveries.deliveredAt,
					failedAt: webhookDeliveries.failedAt,
					lastStatusCode: webhookDeliveries.lastStatusCode,
					lastError: webhookDeliveries.lastError,
					receiver: integrationTokens.name,
					url: webhookSubscriptions.url
				})
				.from(webhookDeliveries)
				.innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
				.innerJoin(integrationTokens, eq(integrationTokens.id, webhookSubscriptions.tokenId))
				.where(eq(webhookDeliveries.caseId, caseId))
				.orderBy(asc(webhookDeliveries.seq));
			const attempts = deliveries.length
				? await db
						.select()
						.from(webhookAttempts)
						.where(
							inArray(
								webhookAttempts.deliverySeq,
								deliveries.map((d) => d.seq)
							)
						)
						.orderBy(asc(webhookAttempts.id))
				: [];
			return deliveries.map(({ seq, ...d }) => ({
				...d,
				nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
				attemptLog: attempts
					.filter((a) => a.deliverySeq === seq)
					.map((a) => ({
						attempt: a.attempt,
						at: a.at,
						statusCode: a.statusCode,
						error: a.error,
						durationMs: a.durationMs
					}))
			}));
		}
	};
}

export type WebhookService = ReturnType<typeof createWebhookService>;
