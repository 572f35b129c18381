/**
 * A draft's sockets on this process are the socket.io room `draft:<id>`. Edits and presence reach
 * them through the coalescing fan-out (src/lib/server/drafting/draft-fanout.ts) and, with several
 * processes, the other processes through `serverSideEmit` (remote.handler.ts takes them in there).
 */
import { encodeSyncUpdate, toWire } from '../../src/lib/realtime/draft-sync-messages';
import { createDraftFanout } from '../../src/lib/server/drafting/draft-fanout';
import type { IO } from '../socket-types';

export const draftRoom = (draftId: string) => `draft:${draftId}`;

export function createRoomFanout(io: IO, crossProcess: boolean) {
	const toRoom = (draftId: string, except: string | null) =>
		except ? io.local.to(draftRoom(draftId)).except(except) : io.local.to(draftRoom(draftId));
	return createDraftFanout({
		deliver: (draftId, { update, awareness }, except) =>
			toRoom(draftId, except).emit('draft:changes', {
				draftId,
				...(update && { sync: toWire(encodeSyncUpdate(update)) }),
				...(awareness && { awareness: toWire(awareness) })
			}),
		forwardUpdate: (draftId, update) => crossProcess && io.serverSideEmit('draft:update', draftId, toWire(update)),
		forwardAwareness: (draftId, update) => crossProcess && io.serverSideEmit('draft:awareness', draftId, toWire(update))
	});
}
