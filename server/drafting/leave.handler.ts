/** `draft:leave` and a disconnect: the socket leaves one draft, or all of its drafts. */
import { DraftLeaveSchema } from '../../src/lib/realtime/contract';
import type { AppSocket } from '../socket-types';
import type { DraftingParts } from './parts';
import { draftRefusal } from './refusal';

export function handleDraftLeave(socket: AppSocket, { members, leaveDraft }: DraftingParts): void {
	socket.on('draft:leave', async (request, ack) => {
		const reply = typeof ack === 'function' ? ack : () => {};
		const parsed = DraftLeaveSchema.safeParse(request);
		if (!parsed.success) return reply(draftRefusal(socket, 'invalid'));
		await leaveDraft(socket, parsed.data.draftId);
		reply({ data: null });
	});

	socket.on('disconnect', () => {
		for (const m of members.draftsOf(socket.id)) void leaveDraft(socket, m.draftId);
		members.forget(socket.id);
	});
}
