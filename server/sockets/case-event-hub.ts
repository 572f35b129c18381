/**
 * Committed case events, in outbox order, for the features of the socket server that act on them
 * (drafting re-decides access, the scheduler re-plans its next wake). The outbox publisher feeds
 * the hub once per event after sending it to the sockets; a feature subscribes without the
 * publisher or the other features knowing of it. A listener that throws does not stop the others.
 */
import type { OutboxRow } from '../outbox-publisher';
import { createListeners } from '../../src/lib/server/listeners';

export function createCaseEventHub() {
	const listeners = createListeners<OutboxRow>('case event listener');
	/** Listeners are called in the order they subscribed; `subscribe` returns the function that unsubscribes. */
	return { subscribe: listeners.subscribe, publish: listeners.notify };
}

export type CaseEventHub = ReturnType<typeof createCaseEventHub>;
