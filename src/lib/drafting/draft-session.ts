/**
 * Everything the draft page needs that is not a component: the socket, the Yjs document, the
 * awareness and the provider, wired once, with callbacks for the page's reactive state. Plain TS
 * (no runes) so it can use Date and Map freely; the page's manager wraps it.
 */
import * as Y from 'yjs';
import { io } from 'socket.io-client';
import { Awareness } from 'y-protocols/awareness';
import { DraftProvider, type DraftProviderState, type DraftSocket } from './draft-provider';
import { presentUsers, type PresentUser } from './presence';

export interface DraftSessionHandlers {
	onState: (state: DraftProviderState) => void;
	onPresence: (users: PresentUser[]) => void;
}

export class DraftSession {
	readonly doc = new Y.Doc();
	readonly awareness = new Awareness(this.doc);
	readonly socket: DraftSocket;
	readonly provider: DraftProvider;

	constructor(caseId: string, handlers: DraftSessionHandlers) {
		// WebSocket only: one connection stays on one process behind a load balancer (ADR-026).
		this.socket = io({ path: '/socket.io', transports: ['websocket'], reconnectionDelayMax: 5_000 });
		this.provider = new DraftProvider({
			socket: this.socket,
			caseId,
			doc: this.doc,
			awareness: this.awareness,
			onChange: handlers.onState
		});
		this.awareness.on('change', () => handlers.onPresence(presentUsers(this.awareness)));
	}

	close(): void {
		this.provider.destroy();
		this.awareness.destroy();
		this.socket.close();
		this.doc.destroy();
	}
}
