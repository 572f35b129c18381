/**
 * Edits and presence another process's sockets sent (Redis, `serverSideEmit`): they enter this
 * process's copy of the draft, if it holds one, and reach its sockets — not forwarded again.
 */
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { fromWire } from '../../src/lib/realtime/draft-sync-messages';
import type { DraftingParts } from './parts';

export function handleRemoteDrafts({ io, drafting, fanout }: DraftingParts): void {
	io.on('draft:update', (draftId, update) => {
		if (typeof draftId !== 'string' || typeof update !== 'string') return;
		const bytes = fromWire(update);
		void drafting.receiveRemote(draftId, bytes).then((applied) => {
			if (applied) fanout.update(draftId, bytes, null);
		});
	});

	io.on('draft:awareness', (draftId, update) => {
		if (typeof draftId !== 'string' || typeof update !== 'string') return;
		void drafting.loaded(draftId).then((draft) => {
			if (!draft) return;
			// The clients it changed (none when it was stale) are sent on, at their state here.
			const changed: number[] = [];
			const origin = Symbol('remote');
			const collect = ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, o: unknown) =>
				o === origin && changed.push(...added, ...updated, ...removed);
			draft.awareness.on('update', collect);
			try {
				applyAwarenessUpdate(draft.awareness, fromWire(update), origin);
			} catch {
				return;
			} finally {
				draft.awareness.off('update', collect);
			}
			if (changed.length) fanout.awareness(draftId, draft.awareness, changed, null);
		});
	});
}
