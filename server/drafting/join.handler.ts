/**
 * `draft:join`: a socket opens the current draft of a case. Decided on the server from the case's
 * assignee and the current draft's status (some read only a signed letter, 001 p.19 para 5); a case
 * that does not exist and one the user may not see get the same answer. The joiner is sent the
 * presence already in the draft.
 */
import { eq } from 'drizzle-orm';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import { cases } from '../../src/lib/server/db/schema';
import { DraftJoinSchema } from '../../src/lib/realtime/contract';
import { toWire } from '../../src/lib/realtime/draft-sync-messages';
import { draftAccess } from '../../src/lib/domain/access/policy';
import { findCurrentDraft, openCurrentDraft } from '../../src/lib/server/drafting/draft.repository';
import { loggableError } from '../../src/lib/server/loggable-error';
import type { AppSocket } from '../socket-types';
import { draftRoom } from './draft-rooms';
import type { DraftingParts } from './parts';
import { draftRefusal } from './refusal';

export function handleDraftJoin(socket: AppSocket, { ctx, drafting, members, admit }: DraftingParts): void {
	socket.on('draft:join', async (request, ack) => {
		if (typeof ack !== 'function') return;
		const parsed = DraftJoinSchema.safeParse(request);
		if (!parsed.success) return ack(draftRefusal(socket, 'invalid'));
		const { caseId } = parsed.data;
		// Every read may fail with the database out of reach: answered 'unavailable' (the client
		// joins again), never a rejection left to end the process.
		try {
			if (admit && !(await admit(socket))) return ack(draftRefusal(socket, 'forbidden'));
			// The viewer as the recheck just decided it (rights may have changed behind its back).
			const viewer = socket.data.viewer;
			const [c] = await ctx.db.select({ assigneeId: cases.assigneeId }).from(cases).where(eq(cases.id, caseId));
			const current = c ? await findCurrentDraft(ctx.db, caseId) : null;
			if (!c || draftAccess(viewer, c, current?.status ?? 'drafting') === null)
				return ack(draftRefusal(socket, 'forbidden'));
			const row = await openCurrentDraft(ctx.db, caseId, { userId: viewer.userId, at: ctx.clock.now() });
			const access = draftAccess(viewer, c, row.status);
			if (!access) return ack(draftRefusal(socket, 'forbidden')); // a new chain began meanwhile
			const draft = await drafting.open(row.id);
			if (members.join(socket.id, { draftId: row.id, caseId, access, checkedAt: performance.now() })) {
				draft.members++;
				await socket.join(draftRoom(row.id));
			}
			ack({ data: { draftId: row.id, caseId, chain: row.chain, status: row.status, access } });
			const present = [...draft.awareness.getStates().keys()];
			if (present.length)
				socket.emit('draft:changes', {
					draftId: row.id,
					awareness: toWire(encodeAwarenessUpdate(draft.awareness, present))
				});
		} catch (e) {
			console.error('draft:join', loggableError(e));
			ack(draftRefusal(socket, 'unavailable'));
		}
	});
}
