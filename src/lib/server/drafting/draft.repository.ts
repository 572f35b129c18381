/**
 * Storage of drafts: the current chain of a case, appended updates (idempotent by content hash),
 * snapshots and compaction. Appends take a share lock on the draft row and compaction and signing
 * an exclusive one, so an update is either in the signed state or refused, never lost in between.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { rowsOf, sqlClient, type Db, type Executor } from '../db/client';
import { cases, drafts, draftSnapshots, draftUpdates, draftVersions } from '../db/schema';
import * as Y from 'yjs';
import { encodeState } from './draft-state';

export type DraftRow = typeof drafts.$inferSelect;

export interface StoredState {
	snapshot: Uint8Array | null;
	upToId: number;
	updates: { id: number; update: Uint8Array; hash: string; updates: number }[];
}

export interface UpdateToStore {
	update: Uint8Array;
	/** The author; null for a row merging several authors' updates, or one from another process. */
	userId: number | null;
	at: Date;
	/** hashUpdate(update), when the caller has it already. */
	hash?: string;
	/** How many client updates `update` merges (1 by default). */
	updates?: number;
}

export class DraftSignedError extends Error {
	constructor() {
		super('the letter is signed and can no longer be edited');
	}
}

export const hashUpdate = (update: Uint8Array) => createHash('sha256').update(update).digest('hex');

export async function findCurrentDraft(db: Executor, caseId: string): Promise<DraftRow | null> {
	const [row] = await db.select().from(drafts).where(eq(drafts.caseId, caseId)).orderBy(desc(drafts.chain)).limit(1);
	return row ?? null;
}

export async function getDraft(db: Executor, draftId: string): Promise<DraftRow | null> {
	const [row] = await db.select().from(drafts).where(eq(drafts.id, draftId));
	return row ?? null;
}

/** The case's current draft; opening it the first time creates chain 1 (safe against a concurrent open). */
export async function openCurrentDraft(
	db: Db,
	caseId: string,
	by: { userId: number | null; at: Date }
): Promise<DraftRow> {
	const existing = await findCurrentDraft(db, caseId);
	if (existing) return existing;
	await db.insert(drafts).values({ caseId, chain: 1, createdBy: by.userId, createdAt: by.at }).onConflictDoNothing();
	return (await findCurrentDraft(db, caseId))!;
}

/**
 * "New draft" after a signed letter: chain + 1, starting from the signed text (its last version's
 * state), so the officers amend rather than retype. Refused while the current chain is not signed.
 */
export async function startNextChain(
	db: Db,
	caseId: string,
	by: { userId: number | null; at: Date }
): Promise<DraftRow> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`select id from cases where id = ${caseId} for update`);
		const current = await findCurrentDraft(tx, caseId);
		if (!current) throw new Error('the case has no draft yet');
		if (current.status !== 'signed') return current;
		const [last] = await tx
			.select({ state: draftVersions.state })
			.from(draftVersions)
			.where(eq(draftVersions.draftId, current.id))
			.orderBy(desc(draftVersions.number))
			.limit(1);
		const [next] = await tx
			.insert(drafts)
			.values({ caseId, chain: current.chain + 1, createdBy: by.userId, createdAt: by.at })
			.returning();
		if (last)
			await tx.insert(draftSnapshots).values({ draftId: next!.id, state: last.state, upToId: 0, compactedAt: by.at });
		return next!;
	});
}

export async function loadStoredState(db: Executor, draftId: string): Promise<StoredState> {
	const [snap] = await db.select().from(draftSnapshots).where(eq(draftSnapshots.draftId, draftId));
	const upToId = snap?.upToId ?? 0;
	const updates = await db
		.select({
			id: draftUpdates.id,
			update: draftUpdates.update,
			hash: draftUpdates.hash,
			updates: draftUpdates.updates
		})
		.from(draftUpdates)
		.where(and(eq(draftUpdates.draftId, draftId), gt(draftUpdates.id, upToId)))
		.orderBy(asc(draftUpdates.id));
	return { snapshot: snap?.state ?? null, upToId, updates };
}

/** The full current state as one update (snapshot + updates applied to a fresh document). */
export async function loadEncodedState(db: Executor, draftId: string): Promise<Uint8Array> {
	const stored = await loadStoredState(db, draftId);
	return encodeState(
		stored.snapshot,
		stored.updates.map((u) => u.update)
	);
}

/**
 * Appends updates in one statement; an update already stored (same hash, e.g. by another process)
 * is skipped. Throws DraftSignedError when the draft was signed meanwhile. Returns how many client
 * updates the inserted rows hold (a row's `updates`).
 * The statement share-locks the draft row while the draft is still being drafted (the CTE): a
 * signature that commits first makes the lock's re-check fail, so nothing is inserted and the
 * follow-up read tells why. One round trip per save instead of four (begin, lock, insert, commit).
 */
export async function appendUpdates(db: Db, draftId: string, items: UpdateToStore[]): Promise<number> {
	if (items.length === 0) return 0;
	// One statement text for any number of rows (arrays, not a VALUES list), run as a named prepared
	// statement: drizzle prepares only named query-builder queries, and parsing and planning this one
	// each time cost more than running it (0.6–0.7 ms a save against 0.3–0.4 ms; bench/drafting.bench.ts).
	const client = sqlClient(db);
	const inserted = await client.unsafe<{ updates: number }[]>(
		APPEND_UPDATES,
		[
			draftId,
			client.array(
				items.map((i) => Buffer.from(i.update.buffer, i.update.byteOffset, i.update.byteLength)),
				BYTEA
			),
			items.map((i) => i.hash ?? hashUpdate(i.update)),
			items.map((i) => i.userId),
			items.map((i) => i.at.toISOString()),
			items.map((i) => i.updates ?? 1)
		] as never,
		{ prepare: true }
	);
	if (inserted.length < items.length) {
		// Duplicates, or a draft that is not (or no longer) being drafted.
		const [row] = await db.select({ status: drafts.status }).from(drafts).where(eq(drafts.id, draftId));
		if (!row) throw new Error(`no draft ${draftId}`);
		if (row.status !== 'drafting') throw new DraftSignedError();
	}
	return inserted.reduce((n, r) => n + Number(r.updates), 0);
}

const BYTEA = 17; // postgres.js would type an array of buffers as one bytea
// (The times travel as text: drizzle makes postgres.js pass timestamp arrays through unserialised.)

/** The share lock keeps a signature (which locks the draft exclusively) from missing an appended update. */
const APPEND_UPDATES = `
	with open_draft as (select id from drafts where id = $1 and status = 'drafting' for share)
	insert into draft_updates (draft_id, update, hash, user_id, at, updates)
	select open_draft.id, v.update, v.hash, v.user_id, v.at::timestamptz, v.updates
	from open_draft, unnest($2::bytea[], $3::text[], $4::integer[], $5::text[], $6::integer[]) as v (update, hash, user_id, at, updates)
	on conflict do nothing
	returning updates`;

/**
 * What a process holding the draft in memory offers compaction: its document, the hashes of the
 * updates it has integrated, and the snapshot it last loaded or wrote (`upToId`).
 */
export interface HeldDraft {
	doc: Y.Doc;
	holds: ReadonlySet<string>;
	snapshotUpToId: number;
}

/**
 * Folds every stored update into the snapshot, in one transaction under the draft's row lock, and
 * deletes the folded rows: a read and a write (four round trips with begin and commit, not eight).
 * When the caller's in-memory document provably contains everything stored — the snapshot is the
 * one it knows and it has integrated every remaining row (by hash) — the snapshot is that document
 * encoded, without reading the rows' contents: the costly rebuild blocked the event loop every 500
 * updates (bench/README.md, drafting). Otherwise (another process compacted or stored something
 * this one has not integrated) the snapshot and the rows are applied to a fresh document, as
 * before. The in-memory document may also hold updates still waiting in its save line; they are
 * already sent to every editor, and storing them later is idempotent.
 */
export async function compactStoredUpdates(
	db: Db,
	draftId: string,
	at: Date,
	held?: HeldDraft
): Promise<{ folded: number; upToId: number; foldedHashes: string[]; fromMemory: boolean }> {
	return db.transaction(async (tx) => {
		// One read under the draft's row lock: where the snapshot stands, and the rows after it.
		const found = rowsOf<{
			snapshot_up_to_id: number | string | null;
			id: number | string | null;
			hash: string | null;
		}>(
			await tx.execute(sql`
				select s.up_to_id as snapshot_up_to_id, u.id, u.hash
				from ${drafts} d
				left join ${draftSnapshots} s on s.draft_id = d.id
				left join ${draftUpdates} u on u.draft_id = d.id and u.id > coalesce(s.up_to_id, 0)
				where d.id = ${draftId}
				order by u.id
				for update of d`)
		);
		const snapshotUpToId = Number(found[0]?.snapshot_up_to_id ?? 0);
		const rows = found.filter((r) => r.id !== null).map((r) => ({ id: Number(r.id), hash: r.hash! }));
		if (rows.length === 0) return { folded: 0, upToId: snapshotUpToId, foldedHashes: [], fromMemory: false };
		const upToId = rows.at(-1)!.id;
		const fromMemory = !!held && held.snapshotUpToId === snapshotUpToId && rows.every((r) => held.holds.has(r.hash));
		let state: Uint8Array;
		if (fromMemory) state = Y.encodeStateAsUpdate(held!.doc);
		else {
			const stored = await loadStoredState(tx, draftId);
			state = encodeState(
				stored.snapshot,
				stored.updates.filter((u) => u.id <= upToId).map((u) => u.update)
			);
		}
		// The snapshot written and the folded rows deleted in one statement.
		await tx.execute(sql`
			with folded as (delete from ${draftUpdates} where draft_id = ${draftId} and id <= ${upToId})
			insert into ${draftSnapshots} (draft_id, state, up_to_id, compacted_at)
			values (${draftId}, ${state}::bytea, ${upToId}, ${at.toISOString()}::timestamptz)
			on conflict (draft_id) do update set state = excluded.state, up_to_id = excluded.up_to_id, compacted_at = excluded.compacted_at`);
		// Nothing is left beside the snapshot: appends share-lock the draft row, so none came in since the read.
		return { folded: rows.length, upToId, foldedHashes: rows.map((r) => r.hash), fromMemory };
	});
}

/** What access to a draft is decided on: the case's assignee and the draft's status. */
export async function accessFacts(
	db: Executor,
	draftId: string
): Promise<{ caseId: string; assigneeId: number | null; status: 'drafting' | 'signed' } | null> {
	const [row] = await db
		.select({ caseId: drafts.caseId, assigneeId: cases.assigneeId, status: drafts.status })
		.from(drafts)
		.innerJoin(cases, eq(cases.id, drafts.caseId))
		.where(eq(drafts.id, draftId));
	return row ?? null;
}
