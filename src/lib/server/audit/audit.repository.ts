/**
 * Writes audit rows inside the caller's transaction, so a change and its record commit or roll back
 * together. Appends to one stream are serialised (a row lock on the case, an advisory lock on other
 * streams) so that two writers can never fork the hash chain.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { auditEvents, caseEvents } from '../db/schema';
import type { Db, Executor } from '../db/client';
import { GENESIS_HASH, hashEvent, verifyStream, type ChainBreak } from './chain';
import { normalizeJson } from './canonical';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue';
import { enqueueNotifications } from '../notifications/enqueue';
import { currentRequest } from '../observability/request-context';

export interface Actor {
	userId: number | null;
	/** Username, or 'system', 'portal', 'agency:nsc' … */
	label: string;
}

export const systemActor: Actor = { userId: null, label: 'system' };

export interface AuditEntry {
	type: string;
	actor: Actor;
	at: Date;
	/** The legal point the action applied, e.g. "001 p.16". */
	citation?: string | null;
	before?: unknown;
	after?: unknown;
}

/**
 * The lock that serialises a stream lasts until the end of the transaction: outside one it would be
 * released after its own statement and two writers could fork the chain (two sign-ins of one user on
 * two processes did). So an append is always made in a transaction, its own if need be.
 */
const inTransaction = (ex: Executor): boolean => 'rollback' in ex;

export async function appendCaseEvent(
	tx: Executor,
	caseId: string,
	entry: AuditEntry
): Promise<typeof caseEvents.$inferSelect> {
	return (await appendCaseEvents(tx, caseId, [entry]))[0]!;
}

/**
 * Appends several events to one case's stream, in the given order, with one lock, one read of the
 * chain's end and one insert (the demo seed writes thousands; a statement each was most of its time).
 */
export async function appendCaseEvents(
	tx: Executor,
	caseId: string,
	entries: AuditEntry[]
): Promise<(typeof caseEvents.$inferSelect)[]> {
	if (entries.length === 0) return [];
	if (!inTransaction(tx)) return (tx as Db).transaction((t) => appendCaseEvents(t, caseId, entries));
	await tx.execute(sql`select id from cases where id = ${caseId} for update`);
	const [last] = await tx
		.select({ seq: caseEvents.seq, hash: caseEvents.hash })
		.from(caseEvents)
		.where(eq(caseEvents.caseId, caseId))
		.orderBy(desc(caseEvents.seq))
		.limit(1);
	let seq = last?.seq ?? 0;
	let prevHash = last?.hash ?? GENESIS_HASH;
	const requestId = currentRequest()?.id ?? null;
	const values = entries.map((entry) => {
		const content = contentOf(`case:${caseId}`, ++seq, entry);
		const hash = hashEvent(prevHash, content);
		const row = {
			caseId,
			seq: content.seq,
			type: content.type,
			actorId: content.actorId,
			actorLabel: content.actorLabel,
			at: content.at,
			citation: content.citation,
			before: content.before,
			after: content.after,
			prevHash,
			hash,
			requestId
		};
		prevHash = hash;
		return row;
	});
	// PostgreSQL draws the identity for the VALUES rows in their order, so ids ascend with seq (tested).
	const rows = (await tx.insert(caseEvents).values(values).returning()).sort((a, b) => a.seq - b.seq);
	// The webhook outbox is written in the event's own transaction (ADR-037).
	await enqueueWebhookDeliveries(tx, caseId, rows);
	// …and so are the notifications it causes, in-app and e-mail (ADR-060).
	await enqueueNotifications(tx, caseId, rows);
	return rows;
}

export async function appendAuditEvent(
	tx: Executor,
	stream: string,
	entry: AuditEntry
): Promise<typeof auditEvents.$inferSelect> {
	if (!inTransaction(tx)) return (tx as Db).transaction((t) => appendAuditEvent(t, stream, entry));
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'audit:' + stream}))`);
	const [last] = await tx
		.select({ seq: auditEvents.seq, hash: auditEvents.hash })
		.from(auditEvents)
		.where(eq(auditEvents.stream, stream))
		.orderBy(desc(auditEvents.seq))
		.limit(1);
	const content = contentOf(stream, (last?.seq ?? 0) + 1, entry);
	const prevHash = last?.hash ?? GENESIS_HASH;
	const [row] = await tx
		.insert(auditEvents)
		.values({ ...content, prevHash, hash: hashEvent(prevHash, content), requestId: currentRequest()?.id ?? null })
		.returning();
	return row!;
}

function contentOf(stream: string, seq: number, entry: AuditEntry) {
	return {
		stream,
		seq,
		type: entry.type,
		actorId: entry.actor.userId,
		actorLabel: entry.actor.label,
		at: entry.at,
		citation: entry.citation ?? null,
		before: normalizeJson(entry.before),
		after: normalizeJson(entry.after)
	};
}

/** Re-derives every hash of both tables; returns each break found (empty when the trail is intact). */
export async function verifyAuditTrail(db: Db): Promise<{ rows: number; breaks: ChainBreak[] }> {
	const caseRows = await db.select().from(caseEvents).orderBy(asc(caseEvents.caseId), asc(caseEvents.seq));
	const auditRows = await db.select().from(auditEvents).orderBy(asc(auditEvents.stream), asc(auditEvents.seq));
	const streams = new Map<string, Parameters<typeof verifyStream>[0]>();
	for (const r of caseRows) push(streams, { ...r, stream: `case:${r.caseId}` });
	for (const r of auditRows) push(streams, r);
	const breaks = [...streams.values()].flatMap(verifyStream);
	return { rows: caseRows.length + auditRows.length, breaks };
}

function push<T extends { stream: string }>(map: Map<string, T[]>, row: T) {
	const list = map.get(row.stream);
	if (list) list.push(row);
	else map.set(row.stream, [row]);
}
