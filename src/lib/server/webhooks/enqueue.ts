/**
 * Writes the webhook deliveries of newly appended case events, inside the same transaction
 * (ADR-037): a rolled-back action sends nothing, a committed one is never lost. Only events that a
 * webhook announces cost a read (of the active subscriptions); the others cost nothing. The body is
 * fixed here, shaped for its receiver: the portal the applicant's view of the event, an agency its
 * own consultation as its API shows it, the MFA its own check — need to know as in
 * domain/access/case-audience.ts.
 */
import { randomUUID } from 'node:crypto';
import { and, arrayOverlaps, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	cases,
	consultations,
	integrationTokens,
	mfaChecks,
	webhookDeliveries,
	webhookSubscriptions
} from '../db/schema';
import { consultationForAgency, checkForMfa } from '../../domain/access/case-audience';
import { traceContext } from '../observability/tracing';
import { deliveryBody, portalEventData, WEBHOOK_EVENTS, webhookTypeOf, type WebhookType } from '../../domain/webhooks';

export interface AppendedEvent {
	id: number;
	caseId: string;
	type: string;
	at: Date;
	citation: string | null;
	after: unknown;
}

const ENQUEUED = Symbol.for('merzim.webhooks.enqueued');
type Counter = { [ENQUEUED]?: number };

/**
 * How many deliveries this process has written (committed or not): the worker wakes after a commit
 * only when it moved. On `globalThis`, as SvelteKit's bundle and the server's share one process.
 */
export function enqueuedCount(): number {
	return (globalThis as Counter)[ENQUEUED] ?? 0;
}

export async function enqueueWebhookDeliveries(tx: Executor, caseId: string, events: AppendedEvent[]): Promise<number> {
	const announced = events
		.map((e) => ({ e, type: webhookTypeOf(e.type) }))
		.filter((x): x is { e: AppendedEvent; type: WebhookType } => x.type !== null);
	if (announced.length === 0) return 0;
	const subs = await tx
		.select({
			id: webhookSubscriptions.id,
			events: webhookSubscriptions.events,
			kind: integrationTokens.kind,
			agencyCode: integrationTokens.agencyCode
		})
		.from(webhookSubscriptions)
		.innerJoin(integrationTokens, eq(integrationTokens.id, webhookSubscriptions.tokenId))
		.where(
			and(
				isNull(webhookSubscriptions.deletedAt),
				isNull(webhookSubscriptions.pausedAt),
				isNull(integrationTokens.revokedAt),
				arrayOverlaps(
					webhookSubscriptions.events,
					announced.map((a) => a.type)
				)
			)
		)
		.orderBy(webhookSubscriptions.id);
	if (subs.length === 0) return 0;

	const [c] = await tx
		.select({
			id: cases.id,
			number: cases.number,
			service: cases.service,
			stage: cases.stage,
			externalId: cases.externalId,
			application: cases.application
		})
		.from(cases)
		.where(eq(cases.id, caseId));
	if (!c) return 0;

	const rows: (typeof webhookDeliveries.$inferInsert)[] = [];
	// The request (or scheduler firing) writing the event: its attempts join its trace (ADR-073).
	const trace = traceContext();
	for (const { e, type } of announced) {
		const audience = WEBHOOK_EVENTS[type].audience;
		for (const s of subs) {
			if (!s.events.includes(type) || s.kind !== audience) continue;
			const data = await dataFor(tx, type, e, c, s.agencyCode);
			if (data === null) continue;
			const id = randomUUID();
			rows.push({
				id,
				subscriptionId: s.id,
				caseId,
				caseEventId: e.id,
				type,
				body: deliveryBody(id, type, e.at, data),
				createdAt: e.at,
				// The retry window runs on real time (the training clock may be simulated).
				retryFrom: new Date(),
				nextAttemptAt: new Date(0),
				...trace
			});
		}
	}
	if (rows.length === 0) return 0;
	await tx.insert(webhookDeliveries).values(rows);
	(globalThis as Counter)[ENQUEUED] = enqueuedCount() + rows.length;
	return rows.length;
}

type CaseRow = {
	id: string;
	number: string;
	service: string;
	stage: string;
	externalId: string | null;
	application: Record<string, unknown>;
};

/** The receiver's view of the event, or null when it is not that receiver's to know. */
async function dataFor(
	tx: Executor,
	type: WebhookType,
	e: AppendedEvent,
	c: CaseRow,
	agencyCode: string | null
): Promise<unknown> {
	if (type === 'consultation.requested') {
		const agency = (e.after as { agency?: unknown } | null)?.agency;
		// Only the body the request is addressed to hears of it.
		if (typeof agency !== 'string' || agency !== agencyCode) return null;
		const [row] = await tx
			.select()
			.from(consultations)
			.where(and(eq(consultations.caseId, c.id), eq(consultations.agencyCode, agency)))
			.orderBy(desc(consultations.requestedAt))
			.limit(1);
		if (!row) return null;
		return consultationForAgency(c, {
			id: row.id,
			agency: row.agencyCode,
			requestedAt: row.requestedAt.toISOString(),
			dueAt: row.dueAt.toISOString(),
			decision: row.decision,
			answeredAt: row.answeredAt?.toISOString() ?? null,
			reason: row.reason
		});
	}
	if (type === 'mfa-check.requested') {
		const [row] = await tx
			.select()
			.from(mfaChecks)
			.where(eq(mfaChecks.caseId, c.id))
			.orderBy(desc(mfaChecks.requestedAt))
			.limit(1);
		if (!row) return null;
		return checkForMfa(c, {
			id: row.id,
			requestedAt: row.requestedAt.toISOString(),
			resultAt: row.resultAt?.toISOString() ?? null,
			authentic: row.authentic,
			reference: row.reference
		});
	}
	return portalEventData(e, c);
}
