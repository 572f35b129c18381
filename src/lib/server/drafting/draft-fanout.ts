/**
 * The fan-out of a draft's document updates and presence, coalesced per event-loop turn: what
 * arrives for a draft in one turn (several editors' keystrokes read from their sockets in the same
 * poll phase) goes out as one merged message per socket, not one per keystroke — as Hocuspocus 4
 * does (its `flushDelay: 0`). With 20 editors typing, a third of the socket writes were messages a
 * merge saves (bench/README.md, drafting). `setImmediate` runs right after the poll phase, so this
 * adds no delay. Unlike Hocuspocus, the edits and the presence of a turn share that one message
 * when they came from the same sockets: a keystroke moves its author's caret, and a socket write
 * per message is the largest cost of the fan-out.
 *
 * A batch from one socket goes to everyone else in the draft; a batch from several goes to the
 * whole draft, its senders included — applying an update or a presence state one already has
 * changes nothing (Yjs and y-protocols ignore it), and one message to each is fewer than one per
 * sender. Updates from this process's sockets are forwarded to the other processes (Redis) merged
 * too; updates and presence that came from another process are only delivered here.
 */
import * as Y from 'yjs';
import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';

/** What goes to the sockets of a draft in one message: edits, presence, or both. */
export interface DraftDelivery {
	update?: Uint8Array;
	awareness?: Uint8Array;
}

export interface DraftFanoutSink {
	/** To this process's sockets in the draft, but not to `except` (a socket id) when given. */
	deliver(draftId: string, changes: DraftDelivery, except: string | null): void;
	/** To the other processes: what this process's own sockets sent. */
	forwardUpdate(draftId: string, update: Uint8Array): void;
	forwardAwareness(draftId: string, update: Uint8Array): void;
}

/** Where a message came from: a socket of this process (its id), or another process (null). */
export type FanoutSource = string | null;

interface Pending {
	updates: Uint8Array[];
	localUpdates: Uint8Array[];
	updateSources: Set<FanoutSource>;
	awareness: Awareness | null;
	/** Presence client ids changed, and those changed by this process's sockets (to forward). */
	clients: Set<number>;
	localClients: Set<number>;
	awarenessSources: Set<FanoutSource>;
}

const merged = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));

/** The one socket to leave out: the only sender, when the batch has one and it is a socket here. */
function exceptOf(sources: Set<FanoutSource>): string | null {
	if (sources.size !== 1) return null;
	const [only] = sources;
	return only ?? null;
}

export function createDraftFanout(
	sink: DraftFanoutSink,
	schedule: (run: () => void) => void = (run) => void setImmediate(run)
) {
	const pending = new Map<string, Pending>();
	let scheduled = false;

	function pendingFor(draftId: string): Pending {
		let p = pending.get(draftId);
		if (!p) {
			p = {
				updates: [],
				localUpdates: [],
				updateSources: new Set(),
				awareness: null,
				clients: new Set(),
				localClients: new Set(),
				awarenessSources: new Set()
			};
			pending.set(draftId, p);
		}
		if (!scheduled) {
			scheduled = true;
			schedule(flush);
		}
		return p;
	}

	function flush(): void {
		scheduled = false;
		const batches = [...pending];
		pending.clear();
		for (const [draftId, p] of batches) {
			const update = p.updates.length ? merged(p.updates) : undefined;
			// The latest state of each changed client (a removal included: its clock is kept in meta).
			const known = (ids: Set<number>) => (p.awareness ? [...ids].filter((id) => p.awareness!.meta.has(id)) : []);
			const present = known(p.clients);
			const awareness = present.length ? encodeAwarenessUpdate(p.awareness!, present) : undefined;
			const updateExcept = exceptOf(p.updateSources);
			const awarenessExcept = exceptOf(p.awarenessSources);
			// A keystroke and the caret it moved, from the same socket(s): one message, so one frame per socket.
			if (update && awareness && updateExcept === awarenessExcept)
				sink.deliver(draftId, { update, awareness }, updateExcept);
			else {
				if (update) sink.deliver(draftId, { update }, updateExcept);
				if (awareness) sink.deliver(draftId, { awareness }, awarenessExcept);
			}
			if (update && p.localUpdates.length)
				sink.forwardUpdate(draftId, p.localUpdates.length === p.updates.length ? update : merged(p.localUpdates));
			const local = known(p.localClients);
			if (local.length)
				sink.forwardAwareness(
					draftId,
					local.length === present.length ? awareness! : encodeAwarenessUpdate(p.awareness!, local)
				);
		}
	}

	return {
		/** An update already applied to the draft's document, to be sent on. */
		update(draftId: string, update: Uint8Array, source: FanoutSource): void {
			const p = pendingFor(draftId);
			p.updates.push(update);
			p.updateSources.add(source);
			if (source !== null) p.localUpdates.push(update);
		},
		/** Presence of `clientIds` changed in the draft's awareness (already applied), to be sent on. */
		awareness(draftId: string, awareness: Awareness, clientIds: Iterable<number>, source: FanoutSource): void {
			const p = pendingFor(draftId);
			p.awareness = awareness;
			p.awarenessSources.add(source);
			for (const id of clientIds) {
				p.clients.add(id);
				if (source !== null) p.localClients.add(id);
			}
		},
		/** Sends what is pending now (tests; shutdown). */
		flush
	};
}

export type DraftFanout = ReturnType<typeof createDraftFanout>;
