/**
 * The drafts this process holds in memory, and what happens to them: an update is validated,
 * applied to the document (so the others can be sent it at once) and appended to storage through
 * the document's save line; its promise resolves only once stored. Stored updates are compacted
 * into the snapshot when there are more than `compactAbove` of them and when the draft goes idle;
 * an idle draft nobody is in is unloaded — unless its last save failed (it would lose data).
 * Built once per process (context.ts); sockets and HTTP routes share it.
 */
import * as Y from 'yjs';
import type { Db } from '../db/client';
import type { Clock } from '../clock';
import { LiveDraft } from './live-draft';
import { inspectUpdate } from './draft-state';
import {
	accessFacts,
	appendUpdates,
	compactStoredUpdates,
	DraftSignedError,
	hashUpdate,
	loadStoredState,
	type UpdateToStore
} from './draft.repository';
import { RejectedBatchError } from './save-queue';
import { loggableError } from '../loggable-error';

export interface DraftingOptions {
	debounceMs?: number;
	maxWaitMs?: number;
	/** Compact once more than this many updates are stored for a draft (ADR-015: about 500). */
	compactAbove?: number;
	/** A draft without updates for this long is compacted, and unloaded when nobody is in it. */
	idleMs?: number;
	sweepMs?: number;
}

/** Updates merged into one stored row at most (Y.mergeUpdates grows costly over thousands). */
const ROW_MAX_UPDATES = 200;

/**
 * A save's batch as rows: its updates merged, up to ROW_MAX_UPDATES per row — one row per save
 * instead of one per keystroke, so a busy draft writes a row every 400 ms, not 40 (bench/README.md,
 * drafting). A row keeps its author when all its updates have the same one, and the time of the last.
 */
export function batchRows(items: UpdateToStore[]): UpdateToStore[] {
	const rows: UpdateToStore[] = [];
	for (let i = 0; i < items.length; i += ROW_MAX_UPDATES) {
		const chunk = items.slice(i, i + ROW_MAX_UPDATES);
		const update = chunk.length === 1 ? chunk[0]!.update : Y.mergeUpdates(chunk.map((c) => c.update));
		const authors = new Set(chunk.map((c) => c.userId));
		const updates = chunk.reduce((n, c) => n + (c.updates ?? 1), 0);
		rows.push({
			update,
			hash: hashUpdate(update),
			userId: authors.size === 1 ? chunk[0]!.userId : null,
			at: chunk.at(-1)!.at,
			updates
		});
	}
	return rows;
}

export class InvalidUpdateError extends Error {
	constructor() {
		super('not a Yjs update');
	}
}

export class DraftNotFoundError extends Error {
	constructor(id: string) {
		super(`no draft ${id}`);
	}
}

export function createDraftingService(deps: { db: Db; clock: Clock }, opts: DraftingOptions = {}) {
	const compactAbove = opts.compactAbove ?? 500;
	const idleMs = opts.idleMs ?? 15_000;
	const saveOptions = { debounceMs: opts.debounceMs ?? 40, maxWaitMs: opts.maxWaitMs ?? 400 };
	const live = new Map<string, Promise<LiveDraft>>();
	const now = () => performance.now();
	let halted = false;
	/** Compactions of this process, and how many of them encoded the held document (no rebuild). */
	const stats = { compactions: 0, fromMemory: 0 };

	async function load(draftId: string): Promise<LiveDraft> {
		const facts = await accessFacts(deps.db, draftId);
		if (!facts) throw new DraftNotFoundError(draftId);
		const stored = await loadStoredState(deps.db, draftId);
		const draft: LiveDraft = new LiveDraft(
			draftId,
			facts.caseId,
			stored,
			facts.status,
			(items) => save(draft, items),
			saveOptions,
			now()
		);
		return draft;
	}

	async function save(draft: LiveDraft, items: UpdateToStore[]): Promise<void> {
		const rows = batchRows(items);
		try {
			draft.storedUpdates += await appendUpdates(deps.db, draft.id, rows);
		} catch (e) {
			if (e instanceof DraftSignedError) throw new RejectedBatchError(e);
			throw e;
		}
		// Every update of these rows is in the document (applied before it was queued): compaction's proof.
		for (const r of rows) draft.holds.add(r.hash!);
		if (draft.storedUpdates > compactAbove)
			void draft.serial(() => compact(draft)).catch((e) => console.error('draft compaction:', loggableError(e)));
	}

	async function compact(draft: LiveDraft): Promise<void> {
		// A frozen draft is being signed: its snapshot is then built from storage only.
		const held = draft.frozen
			? undefined
			: { doc: draft.doc, holds: draft.holds, snapshotUpToId: draft.snapshotUpToId };
		const result = await compactStoredUpdates(deps.db, draft.id, deps.clock.now(), held);
		if (result.folded > 0) {
			stats.compactions++;
			if (result.fromMemory) stats.fromMemory++;
		}
		draft.storedUpdates = 0; // everything stored is in the snapshot now (compactStoredUpdates holds the draft's lock)
		draft.snapshotUpToId = result.upToId;
		for (const h of result.foldedHashes) draft.holds.delete(h);
	}

	function open(draftId: string): Promise<LiveDraft> {
		let found = live.get(draftId);
		if (!found) {
			found = load(draftId);
			live.set(draftId, found);
			found.catch(() => live.delete(draftId));
		}
		return found;
	}

	/** The loaded draft, if this process holds it. */
	async function loaded(draftId: string): Promise<LiveDraft | null> {
		const found = live.get(draftId);
		return found ? found.catch(() => null) : null;
	}

	/**
	 * Applies a client's update and queues it for storage. Resolves (after applying) with a promise
	 * that settles when the update is stored; `applied` is false for an update that changes nothing.
	 */
	async function receive(
		draftId: string,
		update: Uint8Array,
		meta: { userId: number | null; origin: unknown }
	): Promise<{ applied: boolean; stored: Promise<void> }> {
		let empty: boolean;
		try {
			empty = inspectUpdate(update).empty;
		} catch {
			throw new InvalidUpdateError();
		}
		const draft = await open(draftId);
		if (draft.frozen) throw new DraftSignedError();
		if (empty) return { applied: false, stored: Promise.resolve() };
		try {
			Y.applyUpdate(draft.doc, update, meta.origin);
		} catch {
			throw new InvalidUpdateError();
		}
		draft.lastActivityAt = now();
		const stored = draft.saves.enqueue({ update, userId: meta.userId, at: deps.clock.now() });
		return { applied: true, stored };
	}

	/** An update another process applied: into our copy if we hold one, and stored (idempotently). */
	async function receiveRemote(draftId: string, update: Uint8Array): Promise<boolean> {
		const draft = await loaded(draftId);
		if (!draft || draft.frozen) return false;
		try {
			Y.applyUpdate(draft.doc, update, 'remote');
		} catch {
			return false;
		}
		draft.lastActivityAt = now();
		draft.saves.enqueue({ update, userId: null, at: deps.clock.now() }).catch(() => {});
		return true;
	}

	/** Sync step 1 answered: what the client lacks, and the server's own state vector. */
	async function syncReply(
		draftId: string,
		clientStateVector: Uint8Array
	): Promise<{ missing: Uint8Array; stateVector: Uint8Array }> {
		const draft = await open(draftId);
		return {
			missing: Y.encodeStateAsUpdate(draft.doc, clientStateVector),
			stateVector: Y.encodeStateVector(draft.doc)
		};
	}

	async function flush(draftId: string): Promise<void> {
		const draft = await loaded(draftId);
		if (draft) await draft.saves.flush();
	}

	async function sweep(): Promise<void> {
		const t = now();
		for (const [id, pending] of live) {
			const draft = await pending.catch(() => null);
			if (!draft || t - draft.lastActivityAt < idleMs || !draft.saves.idle) continue;
			if (draft.storedUpdates > 0)
				await draft.serial(() => compact(draft)).catch((e) => console.error('draft compaction:', loggableError(e)));
			if (draft.members === 0 && !draft.saves.lastSaveFailed && draft.saves.idle && live.get(id) === pending) {
				live.delete(id);
				draft.destroy();
			}
		}
	}
	const sweeper = setInterval(
		() => void sweep().catch((e) => console.error('draft sweep:', loggableError(e))),
		opts.sweepMs ?? Math.max(1_000, idleMs / 3)
	);
	sweeper.unref();

	return {
		stats,
		open,
		loaded,
		receive,
		receiveRemote,
		syncReply,
		flush,
		/** Compacts now (tests, benchmarks); normally on the threshold and on idle. */
		async compact(draftId: string): Promise<void> {
			const draft = await loaded(draftId);
			if (draft) await draft.serial(() => compact(draft));
			else await compactStoredUpdates(deps.db, draftId, deps.clock.now());
		},
		/** Refuse updates from now on (signing, or signed on any process). */
		async freeze(draftId: string): Promise<void> {
			const draft = await loaded(draftId);
			if (draft) draft.frozen = true;
		},
		async unfreeze(draftId: string): Promise<void> {
			const draft = await loaded(draftId);
			if (draft) draft.frozen = false;
		},
		sweep,
		liveCount: () => live.size,
		get halted() {
			return halted;
		},
		/** A crash, for tests: everything not yet stored is dropped, nothing more is written. */
		async halt(): Promise<void> {
			halted = true;
			clearInterval(sweeper);
			for (const pending of live.values()) {
				const draft = await pending.catch(() => null);
				draft?.saves.halt();
				draft?.destroy();
			}
			live.clear();
		},
		/** Graceful stop: store what is pending, then drop the documents. */
		async close(): Promise<void> {
			clearInterval(sweeper);
			for (const pending of live.values()) {
				const draft = await pending.catch(() => null);
				await draft?.saves.flush().catch((e) => console.error('draft save at shutdown:', loggableError(e)));
				draft?.destroy();
			}
			live.clear();
		}
	};
}

export type DraftingService = ReturnType<typeof createDraftingService>;
