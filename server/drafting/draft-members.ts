/**
 * Which socket is in which draft, with the access last decided for it — Hocuspocus's client
 * connection: one socket's documents. Plain maps; joining, leaving and re-deciding are elsewhere.
 */
import type { DraftAccessLevel } from '../../src/lib/realtime/contract';

export interface Membership {
	draftId: string;
	caseId: string;
	access: DraftAccessLevel;
	checkedAt: number;
	/** The re-decision under way, if any. */
	redeciding?: Promise<void> | null;
}

export function createDraftMembers() {
	const bySocket = new Map<string, Map<string, Membership>>();
	return {
		get: (socketId: string, draftId: string): Membership | undefined => bySocket.get(socketId)?.get(draftId),
		/** Records a join; true when the socket was not in the draft yet (else its access is refreshed). */
		join(socketId: string, m: Membership): boolean {
			let mine = bySocket.get(socketId);
			if (!mine) bySocket.set(socketId, (mine = new Map()));
			const known = mine.get(m.draftId);
			if (!known) {
				mine.set(m.draftId, m);
				return true;
			}
			Object.assign(known, { access: m.access, checkedAt: m.checkedAt });
			return false;
		},
		/** True when the socket was in the draft. */
		remove: (socketId: string, draftId: string): boolean => bySocket.get(socketId)?.delete(draftId) ?? false,
		draftsOf: (socketId: string): Membership[] => [...(bySocket.get(socketId)?.values() ?? [])],
		/** The socket is gone: its (already left) entry goes too. */
		forget(socketId: string): void {
			if (bySocket.get(socketId)?.size === 0) bySocket.delete(socketId);
		},
		/** Every membership in a case's drafts, with its socket's id. */
		*inCase(caseId: string): Generator<[string, Membership]> {
			for (const [socketId, mine] of bySocket)
				for (const m of mine.values()) if (m.caseId === caseId) yield [socketId, m];
		}
	};
}

export type DraftMembers = ReturnType<typeof createDraftMembers>;
