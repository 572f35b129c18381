/**
 * `draft:sync`: y-protocols sync step 1 (answered with what the client lacks and our own step 1),
 * or an update. Only an editor's update is applied; it is sent on at once and acknowledged only
 * once stored, so a client re-sends what was not acknowledged.
 */
import { readDraftSync } from '../../src/lib/realtime/contract';
import {
	decodeSyncMessage,
	encodeSyncStep1,
	encodeSyncStep2,
	fromWire,
	toWire
} from '../../src/lib/realtime/draft-sync-messages';
import { DraftSignedError } from '../../src/lib/server/drafting/draft.repository';
import { InvalidUpdateError } from '../../src/lib/server/drafting/drafting.service';
import { SaveHaltedError } from '../../src/lib/server/drafting/save-queue';
import { inspectUpdate } from '../../src/lib/server/drafting/draft-state';
import { loggableError } from '../../src/lib/server/loggable-error';
import type { AppSocket } from '../socket-types';
import type { DraftingParts } from './parts';
import { draftRefusal } from './refusal';

function isEmptyUpdate(update: Uint8Array): boolean {
	try {
		return inspectUpdate(update).empty;
	} catch {
		return false;
	}
}

export function handleDraftSync(socket: AppSocket, { drafting, access, fanout }: DraftingParts): void {
	socket.on('draft:sync', async (request, ack) => {
		if (typeof ack !== 'function') return;
		const parsed = readDraftSync(request);
		const message = parsed ? decodeSyncMessage(fromWire(parsed.message)) : null;
		if (!parsed || !message) return ack(draftRefusal(socket, 'invalid'));
		const { draftId } = parsed;
		const m = await access.current(socket, draftId);
		if (!m) return ack(draftRefusal(socket, 'not-joined'));
		try {
			if (message.type === 'step1') {
				const reply = await drafting.syncReply(draftId, message.stateVector);
				return ack({
					data: { replies: [toWire(encodeSyncStep2(reply.missing)), toWire(encodeSyncStep1(reply.stateVector))] }
				});
			}
			if (m.access !== 'edit') {
				// A reader's answer to our step 1 that changes nothing is no edit; anything else is refused.
				const draft = await drafting.loaded(draftId);
				if (isEmptyUpdate(message.update)) return ack({ data: { replies: [] } });
				return ack(draftRefusal(socket, draft?.frozen ? 'signed' : 'read-only'));
			}
			const { applied, stored } = await drafting.receive(draftId, message.update, {
				userId: socket.data.userId,
				origin: socket.id
			});
			if (applied) fanout.update(draftId, message.update, socket.id);
			await stored;
			ack({ data: { replies: [] } });
		} catch (e) {
			if (e instanceof SaveHaltedError) return; // this process is going away: no ack, the client re-sends
			if (e instanceof InvalidUpdateError) return ack(draftRefusal(socket, 'invalid'));
			if (e instanceof DraftSignedError) return ack(draftRefusal(socket, 'signed'));
			console.error('draft:sync', loggableError(e));
			ack(draftRefusal(socket, 'unavailable'));
		}
	});
}
