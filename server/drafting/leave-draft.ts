/**
 * A socket leaves a draft (it asked, lost access, or disconnected): out of the room, one member
 * fewer (an idle draft nobody is in may be unloaded), and the presence it announced removed for
 * the others.
 */
import { removeAwarenessStates } from 'y-protocols/awareness';
import type { AppContext } from '../../src/lib/server/context';
import type { createPresenceOwners } from '../../src/lib/server/drafting/presence-owners';
import type { DraftFanout } from '../../src/lib/server/drafting/draft-fanout';
import type { AppSocket } from '../socket-types';
import type { DraftMembers } from './draft-members';
import { draftRoom } from './draft-rooms';

export interface LeaveDeps {
	drafting: AppContext['drafting'];
	members: DraftMembers;
	presence: ReturnType<typeof createPresenceOwners>;
	fanout: DraftFanout;
}

export function createLeaveDraft({ drafting, members, presence, fanout }: LeaveDeps) {
	return async function leaveDraft(socket: AppSocket, draftId: string): Promise<void> {
		if (!members.remove(socket.id, draftId)) return;
		void socket.leave(draftRoom(draftId));
		const draft = await drafting.loaded(draftId);
		if (!draft) return void presence.release(draftId, socket.id);
		draft.members = Math.max(0, draft.members - 1);
		const ids = presence.release(draftId, socket.id).filter((id) => draft.awareness.getStates().has(id));
		if (ids.length) {
			removeAwarenessStates(draft.awareness, ids, socket.id);
			fanout.awareness(draftId, draft.awareness, ids, socket.id);
		}
	};
}

export type LeaveDraft = ReturnType<typeof createLeaveDraft>;
