/**
 * Binds a Yjs document and its awareness to a case's draft over the app's socket.io connection
 * (ADR-015). The same class runs in the browser, in the integration tests and in the benchmark.
 * - On (re)connect it joins, then syncs both ways: step 1 → the server's step 2 + step 1 → our
 *   step 2, so edits made while disconnected reach the server and merge on reconnect.
 * - Local edits go out as updates; each is acknowledged once the server has stored it
 *   (`unsaved` counts those not yet acknowledged, `onStored` sees each acknowledged update).
 * - A read-only member sends no updates; access changes (reassignment, signature) are reported.
 */
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { Socket } from 'socket.io-client';
import {
	DRAFT_MESSAGE_MAX_BYTES,
	DraftErrors,
	type ClientToServerEvents,
	type DraftAccessLevel,
	type DraftChanges,
	type DraftJoined,
	type ServerToClientEvents
} from '../realtime/contract';
import {
	decodeSyncMessage,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
	fromWire,
	toWire
} from '../realtime/draft-sync-messages';

export type DraftSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type DraftPhase = 'connecting' | 'synced' | 'offline' | 'refused';

export interface DraftProviderState {
	phase: DraftPhase;
	draftId: string | null;
	chain: number | null;
	status: 'drafting' | 'signed' | null;
	access: DraftAccessLevel | null;
	/** Local updates not yet acknowledged as stored (sent or waiting for the connection). */
	unsaved: number;
	error: string | null;
}

export interface DraftProviderOptions {
	socket: DraftSocket;
	caseId: string;
	doc: Y.Doc;
	awareness?: Awareness;
	onChange?: (state: DraftProviderState) => void;
	/** Each local update the server acknowledged as stored. */
	onStored?: (update: Uint8Array) => void;
}

export class DraftProvider {
	readonly doc: Y.Doc;
	readonly awareness: Awareness;
	readonly socket: DraftSocket;
	readonly caseId: string;
	state: DraftProviderState = {
		phase: 'connecting',
		draftId: null,
		chain: null,
		status: null,
		access: null,
		unsaved: 0,
		error: null
	};
	#offlineEdits = 0;
	#inFlight = 0;
	/** A change too large to send was held back: the next local change runs a full sync instead. */
	#resyncOnNextChange = false;
	#destroyed = false;
	#opts: DraftProviderOptions;
	#synced: Promise<void>;
	#resolveSynced!: () => void;

	constructor(opts: DraftProviderOptions) {
		this.#opts = opts;
		this.doc = opts.doc;
		this.socket = opts.socket;
		this.caseId = opts.caseId;
		this.awareness = opts.awareness ?? new Awareness(opts.doc);
		this.#synced = new Promise((r) => (this.#resolveSynced = r));
		this.doc.on('update', this.#onDocUpdate);
		this.awareness.on('update', this.#onAwarenessUpdate);
		this.socket.on('connect', this.#onConnect);
		this.socket.on('disconnect', this.#onDisconnect);
		this.socket.on('draft:changes', this.#onChanges);
		this.socket.on('draft:access-changed', this.#onAccessChanged);
		if (this.socket.connected) void this.#join();
	}

	/** Resolves once the first sync with the server is complete. */
	whenSynced(): Promise<void> {
		return this.#synced;
	}

	#set(patch: Partial<DraftProviderState>) {
		this.state = { ...this.state, ...patch, unsaved: this.#inFlight + this.#offlineEdits };
		this.#opts.onChange?.(this.state);
	}

	#onConnect = () => void this.#join();

	#onDisconnect = () => {
		if (this.#destroyed) return;
		const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
		removeAwarenessStates(this.awareness, others, this);
		if (this.state.phase !== 'refused') this.#set({ phase: 'offline' });
	};

	/**
	 * Joins and syncs. The connection may drop before the server answers (a node restarting):
	 * socket.io then rejects the pending acknowledgement, and the next `connect` joins again.
	 */
	async #join(): Promise<void> {
		if (this.#destroyed) return;
		this.#set({ phase: 'connecting', error: null });
		try {
			const joined = await this.socket.emitWithAck('draft:join', { caseId: this.caseId });
			if ('error' in joined) return this.#set({ phase: 'refused', error: joined.error, access: null });
			await this.#sync(joined.data);
		} catch {
			this.#connectionLost();
		}
	}

	/** No answer to a join or a sync: offline until the next connection syncs again. */
	#connectionLost() {
		if (this.#destroyed || this.state.phase === 'refused') return;
		this.#set({ phase: 'offline' });
	}

	async #sync(joined: DraftJoined): Promise<void> {
		this.#set({ draftId: joined.draftId, chain: joined.chain, status: joined.status, access: joined.access });
		const answer = await this.socket.emitWithAck('draft:sync', {
			draftId: joined.draftId,
			message: toWire(encodeSyncStep1(Y.encodeStateVector(this.doc)))
		});
		if ('error' in answer) return this.#set({ error: answer.error });
		let serverVector: Uint8Array | null = null;
		for (const raw of answer.data.replies) {
			const message = decodeSyncMessage(fromWire(raw));
			if (message?.type === 'step2') Y.applyUpdate(this.doc, message.update, this);
			if (message?.type === 'step1') serverVector = message.stateVector;
		}
		this.#set({ phase: 'synced' });
		this.#resolveSynced();
		if (this.awareness.getLocalState() !== null) this.#sendAwareness();
		// What the server lacks: edits made while disconnected, or never acknowledged before a restart.
		if (serverVector && joined.access === 'edit') {
			const missing = Y.encodeStateAsUpdate(this.doc, serverVector);
			const offline = this.#offlineEdits;
			this.#offlineEdits = 0;
			await this.#send(encodeSyncStep2(missing), missing, offline);
		}
	}

	async #send(message: Uint8Array, update: Uint8Array, extraCount = 0): Promise<void> {
		const draftId = this.state.draftId;
		if (!draftId) return;
		if (message.length > DRAFT_MESSAGE_MAX_BYTES) {
			// The server would refuse it (and a message over the socket's limit would cost the connection).
			// It stays in the document; once its author has undone it, a full sync sends what is left.
			this.#offlineEdits += 1 + extraCount;
			this.#resyncOnNextChange = true;
			return this.#set({ error: DraftErrors.tooLarge });
		}
		this.#inFlight += 1 + extraCount;
		this.#set({});
		try {
			const ack = await this.socket.timeout(60_000).emitWithAck('draft:sync', { draftId, message: toWire(message) });
			if ('error' in ack) this.#set({ error: ack.error });
			else this.#opts.onStored?.(update);
		} catch {
			// No answer (connection lost, process gone): the next sync sends what the server lacks.
			this.#offlineEdits += 1;
		} finally {
			this.#inFlight -= 1 + extraCount;
			this.#set({});
		}
	}

	#onDocUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === this || this.#destroyed) return;
		if (this.state.access === 'read') return;
		if (!this.socket.connected || this.state.phase !== 'synced') {
			this.#offlineEdits++;
			this.#set({});
			return;
		}
		if (this.#resyncOnNextChange) {
			this.#resyncOnNextChange = false;
			this.#offlineEdits++;
			const { draftId, chain, status, access } = this.state;
			if (draftId && chain !== null && status && access) {
				this.#set({ error: null });
				this.#sync({ draftId, caseId: this.caseId, chain, status, access }).catch(() => this.#connectionLost());
			}
			return;
		}
		void this.#send(encodeSyncUpdate(update), update);
	};

	/** Others' edits, then their presence (a caret refers to the text it moved in). */
	#onChanges = (payload: DraftChanges) => {
		if (payload.draftId !== this.state.draftId) return;
		if (payload.sync !== undefined) {
			const message = decodeSyncMessage(fromWire(payload.sync));
			if (message && message.type !== 'step1') Y.applyUpdate(this.doc, message.update, this);
		}
		if (payload.awareness !== undefined) applyAwarenessUpdate(this.awareness, fromWire(payload.awareness), this);
	};

	#onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		if (origin === this) return;
		if ([...added, ...updated, ...removed].includes(this.doc.clientID)) this.#sendAwareness();
	};

	#sendAwareness() {
		const draftId = this.state.draftId;
		if (!draftId || !this.socket.connected) return;
		// No acknowledgement asked: nothing waits for it, and it would be one more frame per caret move.
		this.socket.emit('draft:awareness', {
			draftId,
			update: toWire(encodeAwarenessUpdate(this.awareness, [this.doc.clientID]))
		});
	}

	#onAccessChanged = (payload: { draftId: string; access: DraftAccessLevel | null; reason: string }) => {
		if (payload.draftId !== this.state.draftId) return;
		if (payload.access === null) this.#set({ access: null, phase: 'refused', error: payload.reason });
		else this.#set({ access: payload.access, status: payload.reason === 'signed' ? 'signed' : this.state.status });
	};

	destroy(): void {
		if (this.#destroyed) return;
		const draftId = this.state.draftId;
		this.awareness.setLocalState(null);
		this.#destroyed = true;
		this.doc.off('update', this.#onDocUpdate);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.socket.off('connect', this.#onConnect);
		this.socket.off('disconnect', this.#onDisconnect);
		this.socket.off('draft:changes', this.#onChanges);
		this.socket.off('draft:access-changed', this.#onAccessChanged);
		if (draftId && this.socket.connected) this.socket.emit('draft:leave', { draftId }, () => {});
	}
}
