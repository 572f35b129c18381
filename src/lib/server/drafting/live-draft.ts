/**
 * A draft held in memory by this process while people work in it: its Yjs document (every update
 * received, stored or still being stored), the awareness (presence) of those in it, and the save
 * line of the document. A frozen draft (signed, or being signed) accepts no update.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { createSerial, SaveQueue, type SaveQueueOptions } from './save-queue';
import { buildDoc } from './draft-state';
import type { StoredState, UpdateToStore } from './draft.repository';

export class LiveDraft {
	readonly doc: Y.Doc;
	readonly awareness: Awareness;
	readonly serial = createSerial();
	readonly saves: SaveQueue<UpdateToStore>;
	/** Client updates stored beside the snapshot (as far as this process knows). */
	storedUpdates: number;
	/** Hashes of stored rows whose every update is in `doc`, not yet folded into a snapshot (compaction's proof). */
	readonly holds = new Set<string>();
	/** The snapshot `doc` was built on or last compacted into (compaction's proof). */
	snapshotUpToId: number;
	frozen: boolean;
	/** Sockets of this process in the draft. */
	members = 0;
	lastActivityAt: number;

	constructor(
		readonly id: string,
		readonly caseId: string,
		stored: StoredState,
		status: 'drafting' | 'signed',
		save: (items: UpdateToStore[]) => Promise<void>,
		saveOptions: SaveQueueOptions,
		now: number
	) {
		this.doc = buildDoc(
			stored.snapshot,
			stored.updates.map((u) => u.update)
		);
		this.awareness = new Awareness(this.doc);
		this.awareness.setLocalState(null); // the server itself is nobody's presence
		this.storedUpdates = stored.updates.reduce((n, u) => n + u.updates, 0);
		for (const u of stored.updates) this.holds.add(u.hash);
		this.snapshotUpToId = stored.upToId;
		this.frozen = status === 'signed';
		this.saves = new SaveQueue(save, this.serial, saveOptions);
		this.lastActivityAt = now;
	}

	destroy(): void {
		this.awareness.destroy();
		this.doc.destroy();
	}
}
