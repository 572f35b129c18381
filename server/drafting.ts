/**
 * Drafting events on the app's socket.io connection (ADR-015): a socket joins a case's draft, syncs
 * its Yjs document with y-protocols sync messages and shares presence with awareness updates.
 * Authorization is per document and on the server: editors (the assignee, heads) may send updates,
 * readers (supervisors, complaint reviewers) only receive, everyone else gets nothing — not even
 * the join ack. Every client message is validated (zod) and a bad one is answered with an error ack
 * that changes nothing. A client's update is acknowledged only after it is durably stored.
 * Access is re-decided when the outbox says the case was reassigned or the letter signed, and at
 * the latest `accessTtlMs` after it was last decided. With several processes (Redis), updates and
 * awareness go to the other processes with `serverSideEmit`, where they enter that process's copy
 * of the document and reach its sockets.
 */
import type { AppContext } from '../src/lib/server/context';
import { createPresenceOwners } from '../src/lib/server/drafting/presence-owners';
import type { AppSocket, IO } from './socket-types';
import { createAccessFacts } from './drafting/access-facts';
import { createAccessHooks } from './drafting/access-hooks';
import { createDraftMembers } from './drafting/draft-members';
import { createRoomFanout } from './drafting/draft-rooms';
import { createLeaveDraft } from './drafting/leave-draft';
import type { DraftingParts } from './drafting/parts';
import { handleDraftJoin } from './drafting/join.handler';
import { handleDraftSync } from './drafting/sync.handler';
import { handleDraftAwareness } from './drafting/awareness.handler';
import { handleDraftLeave } from './drafting/leave.handler';
import { handleRemoteDrafts } from './drafting/remote.handler';

export type { InterServerEvents } from './socket-types';

export interface DraftingMountOptions {
	/** Other processes exist (REDIS_URL): forward updates and awareness to them. */
	crossProcess: boolean;
	accessTtlMs?: number;
	/** Reads the socket's session and user again before a join (false: it may no longer act). */
	admit?: (socket: AppSocket) => Promise<boolean>;
}

/**
 * Wires the parts (drafting/): the registry of who is in which draft, the access hooks, the
 * coalescing fan-out to the draft's room, and one handler per socket event. The live documents
 * themselves are the drafting service's (src/lib/server/drafting/drafting.service.ts).
 */
export function mountDrafting(io: IO, ctx: AppContext, opts: DraftingMountOptions) {
	const ttlMs = opts.accessTtlMs ?? 10_000;
	const drafting = ctx.drafting;
	const members = createDraftMembers();
	const presence = createPresenceOwners();
	const fanout = createRoomFanout(io, opts.crossProcess);
	const leaveDraft = createLeaveDraft({ drafting, members, presence, fanout });
	const facts = createAccessFacts(ctx.db, ttlMs);
	const access = createAccessHooks({ io, drafting, facts, members, leaveDraft, ttlMs });
	const parts: DraftingParts = { io, ctx, drafting, members, presence, fanout, access, leaveDraft, admit: opts.admit };

	io.on('connection', (socket: AppSocket) => {
		handleDraftJoin(socket, parts);
		handleDraftSync(socket, parts);
		handleDraftAwareness(socket, parts);
		handleDraftLeave(socket, parts);
	});
	handleRemoteDrafts(parts);

	return { onCaseEvent: access.onCaseEvent, onViewerChanged: access.onViewerChanged };
}
