/**
 * Everything the draft page needs that is not a component: the page's socket, the Yjs document, the
 * awareness and the provider, wired once, with callbacks for the page's reactive state. Plain TS
 * (no runes) so it can use Date and Map freely; the page's manager wraps it.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { DraftProvider, type DraftProviderState, type DraftSocket } from './draft-provider';
import { presentUsers, type PresentUser } from './presence';
import { acquireAppSocket } from '../realtime/app-socket';

export interface DraftSessionHandlers {
	onState: (state: DraftProviderState) => void;
	onPresence: (users: PresentUser[]) => void;
}

export class DraftSession {
	readonly doc = new Y.Doc();
	readonly awareness = new Awareness(this.doc);
	readonly socket: DraftSocket;
	readonly provider: DraftProvider;
	readonly #release: () => void;

	constructor(caseId: string, handlers: DraftSessionHandlers) {
		const { socket, release } = acquireAppSocket();
		this.socket = socket;
		this.#release = release;
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
		this.#release();
		this.doc.destroy();
	}
}
