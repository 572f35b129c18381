/**
 * `draft:awareness`: a member's presence (caret, name, colour). The server sets the name and colour
 * itself, and a Yjs client id belongs to the socket that first announced it: another member cannot
 * move or remove someone's caret.
 */
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { readDraftAwareness } from '../../src/lib/realtime/contract';
import { fromWire } from '../../src/lib/realtime/draft-sync-messages';
import { guardAwarenessUpdate, presenceColor } from '../../src/lib/server/drafting/awareness-guard';
import type { AppSocket } from '../socket-types';
import type { DraftingParts } from './parts';
import { draftRefusal } from './refusal';

export function handleDraftAwareness(socket: AppSocket, { drafting, access, presence, fanout }: DraftingParts): void {
	socket.on('draft:awareness', async (request, ack) => {
		const reply = typeof ack === 'function' ? ack : () => {};
		const parsed = readDraftAwareness(request);
		if (!parsed) return reply(draftRefusal(socket, 'invalid'));
		const { draftId } = parsed;
		const m = await access.current(socket, draftId);
		if (!m) return reply(draftRefusal(socket, 'not-joined'));
		const guarded = guardAwarenessUpdate(fromWire(parsed.update), {
			userId: socket.data.userId,
			name: socket.data.displayName,
			color: presenceColor(socket.data.userId)
		});
		const draft = await drafting.loaded(draftId);
		if (!guarded || !draft) return reply(draftRefusal(socket, 'invalid'));
		const claim = presence.claim(
			draftId,
			guarded.clientId,
			{ socketId: socket.id, userId: socket.data.userId },
			draft.awareness.getStates().get(guarded.clientId)
		);
		if (!claim.ok) return reply(draftRefusal(socket, 'presence-taken'));
		applyAwarenessUpdate(draft.awareness, guarded.update, socket.id);
		fanout.awareness(draftId, draft.awareness, [guarded.clientId], socket.id);
		reply({ data: null });
	});
}
