/**
 * Committed case events, in outbox order, for the features of the socket server that act on them
 * (drafting re-decides access, the scheduler re-plans its next wake). The outbox publisher feeds
 * the hub once per event after sending it to the sockets; a feature subscribes without the
 * publisher or the other features knowing of it. A listener that throws does not stop the others.
 */
import type { OutboxRow } from '../outbox-publisher';

export type CaseEventListener = (row: OutboxRow) => void;

export function createCaseEventHub() {
	const listeners = new Set<CaseEventListener>();
	return {
		/** Listeners are called in the order they subscribed; the result unsubscribes. */
		subscribe(listener: CaseEventListener): () => void {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		publish(row: OutboxRow): void {
			for (const listener of listeners) {
				try {
					listener(row);
				} catch (e) {
					console.error('case event listener:', e);
				}
			}
		}
	};
}

export type CaseEventHub = ReturnType<typeof createCaseEventHub>;
