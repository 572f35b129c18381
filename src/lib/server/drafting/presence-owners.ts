/**
 * Who speaks for which Yjs client in a draft's awareness. The guard (awareness-guard.ts) rewrites
 * the `user` of a state, but an update names its client id itself: without this, any member — a
 * read-only one included — could send a later clock for another member's client and move or remove
 * their caret and presence. A client id belongs to the socket that first announced it while it is
 * present; another socket may take it over only for the same user (a browser that reconnected
 * before the server noticed its old socket was gone). A client that another process announced is
 * known here by the `user.userId` its own process wrote into the state.
 */
export interface PresenceClaimant {
	socketId: string;
	userId: number;
}

/** One socket speaks for its editor's Yjs client; a few more allow for a document re-created in place. */
export const MAX_CLIENTS_PER_SOCKET = 4;

export type PresenceClaim = { ok: true; takenFrom: string | null } | { ok: false };

export function createPresenceOwners() {
	/** draft id → client id → owner (this process's sockets only). */
	const byDraft = new Map<string, Map<number, PresenceClaimant>>();

	return {
		/**
		 * May `who` announce `clientId` in this draft? `present` is the state the draft's awareness holds
		 * for it now (from any process). Records the claim when it may.
		 */
		claim(draftId: string, clientId: number, who: PresenceClaimant, present: unknown): PresenceClaim {
			let owners = byDraft.get(draftId);
			const owner = owners?.get(clientId);
			if (owner) {
				if (owner.socketId === who.socketId) return { ok: true, takenFrom: null };
				if (owner.userId !== who.userId) return { ok: false };
			} else if (present !== undefined && present !== null && stateUserId(present) !== who.userId) {
				return { ok: false }; // announced by a member on another process
			}
			if (!owners) byDraft.set(draftId, (owners = new Map()));
			let mine = 0;
			for (const o of owners.values()) if (o.socketId === who.socketId) mine++;
			if (mine >= MAX_CLIENTS_PER_SOCKET) return { ok: false };
			owners.set(clientId, who);
			return { ok: true, takenFrom: owner?.socketId ?? null };
		},

		/** The socket left the draft (or disconnected): the ids it still spoke for. */
		release(draftId: string, socketId: string): number[] {
			const owners = byDraft.get(draftId);
			if (!owners) return [];
			const released: number[] = [];
			for (const [id, o] of owners)
				if (o.socketId === socketId) {
					owners.delete(id);
					released.push(id);
				}
			if (owners.size === 0) byDraft.delete(draftId);
			return released;
		}
	};
}

function stateUserId(state: unknown): number | null {
	const user = (state as { user?: { userId?: unknown } }).user;
	return typeof user?.userId === 'number' ? user.userId : null;
}
