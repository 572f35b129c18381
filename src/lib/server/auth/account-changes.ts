/**
 * Changes to who a signed-in person is, told to whoever holds rights decided earlier — the socket
 * server above all, whose sockets were authorised at their handshake. In-process only: the socket
 * server forwards them to the other processes (Redis) and sweeps the database as a backstop.
 */
import { createListeners } from '../listeners';

export type AccountChange =
	/**
	 * The user's roles, unit, agency or status (disabled) changed, or whom they stand in for (an
	 * absence naming them was declared or cancelled): decide their rights again.
	 */
	| { kind: 'user'; userId: number }
	/** These sessions ended (sign-out, "sign out everywhere", revocation). */
	| { kind: 'sessions'; sessionIds: string[] };

export type AccountChangeListener = (change: AccountChange) => void;

export function createAccountChanges() {
	const listeners = createListeners<AccountChange>('account change listener');
	return { notify: listeners.notify, subscribe: listeners.subscribe };
}

export type AccountChanges = ReturnType<typeof createAccountChanges>;
