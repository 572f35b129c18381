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
import { eq } from 'drizzle-orm';
import type { Server, Socket } from 'socket.io';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { AppContext } from '../src/lib/server/context';
import { cases } from '../src/lib/server/db/schema';
import {
	DraftErrors,
	DraftJoinSchema,
	DraftLeaveSchema,
	readDraftAwareness,
	readDraftSync,
	type ClientToServerEvents,
	type DraftAccessLevel,
	type DraftAccessReason,
	type ServerToClientEvents,
	type SocketData
} from '../src/lib/realtime/contract';
import {
	decodeSyncMessage,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
	fromWire,
	toWire
} from '../src/lib/realtime/draft-sync-messages';
import { draftAccess } from '../src/lib/domain/drafting/draft-access';
import {
	accessFacts,
	DraftSignedError,
	findCurrentDraft,
	openCurrentDraft
} from '../src/lib/server/drafting/draft.repository';
import { InvalidUpdateError } from '../src/lib/server/drafting/drafting.service';
import { guardAwarenessUpdate, presenceColor } from '../src/lib/server/drafting/awareness-guard';
import { createPresenceOwners } from '../src/lib/server/drafting/presence-owners';
import { SaveHaltedError } from '../src/lib/server/drafting/save-queue';
import { inspectUpdate } from '../src/lib/server/drafting/draft-state';
import { createDraftFanout } from '../src/lib/server/drafting/draft-fanout';
import type { OutboxRow } from './outbox-publisher';
import { loggableError } from '../src/lib/server/loggable-error';

/** Between processes (Redis adapter): binary as base64, since `serverSideEmit` travels as JSON. */
export interface InterServerEvents {
	'draft:update': (draftId: string, update: string) => void;
	'draft:awareness': (draftId: string, update: string) => void;
	/** Case events another process read from the outbox of database `origin` after id `after` (realtime.ts). */
	'outbox:rows': (origin: string, after: number, rows: OutboxRow[]) => void;
	/** A user's rights or sessions changed on another process (socket-audience.ts). */
	'account:changed': (change: unknown) => void;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type DraftSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

interface Membership {
	draftId: string;
	caseId: string;
	access: DraftAccessLevel;
	checkedAt: number;
	/** The re-decision under way, if any. */
	redeciding?: Promise<void> | null;
}

const room = (draftId: string) => `draft:${draftId}`;

function isEmptyUpdate(update: Uint8Array): boolean {
	try {
		return inspectUpdate(update).empty;
	} catch {
		return false;
	}
}

export interface DraftingMountOptions {
	/** Other processes exist (REDIS_URL): forward updates and awareness to them. */
	crossProcess: boolean;
	accessTtlMs?: number;
	/** Reads the socket's session and user again before a join (false: it may no longer act). */
	admit?: (socket: DraftSocket) => Promise<boolean>;
}

export function mountDrafting(io: IO, ctx: AppContext, opts: DraftingMountOptions) {
	const drafting = ctx.drafting;
	const accessTtlMs = opts.accessTtlMs ?? 10_000;
	const memberships = new Map<string, Map<string, Membership>>();
	/** Which socket speaks for which Yjs client of a draft's awareness (a member may not speak for another's). */
	const presence = createPresenceOwners();

	const membershipsOf = (socket: DraftSocket) => {
		let m = memberships.get(socket.id);
		if (!m) memberships.set(socket.id, (m = new Map()));
		return m;
	};

	/**
	 * What access is decided on (assignee, status), read once per draft and reused for half the TTL
	 * by every socket of this process in it (which re-decides every half TTL, so a change shows
	 * within the TTL): two reads per draft per TTL, not one per socket (20 editors re-deciding every
	 * 10 s were 2 reads a second). A case event that changes it drops the entry.
	 */
	const facts = new Map<string, { readAt: number; value: ReturnType<typeof accessFacts> }>();
	function factsOf(draftId: string): ReturnType<typeof accessFacts> {
		const t = performance.now();
		const hit = facts.get(draftId);
		if (hit && t - hit.readAt <= accessTtlMs / 2) return hit.value;
		if (facts.size > 1_000) for (const [id, f] of facts) if (t - f.readAt > accessTtlMs / 2) facts.delete(id);
		const value = accessFacts(ctx.db, draftId);
		facts.set(draftId, { readAt: t, value });
		value.catch(() => facts.delete(draftId));
		return value;
	}

	async function decideAccess(socket: DraftSocket, draftId: string): Promise<DraftAccessLevel | null> {
		const f = await factsOf(draftId);
		if (!f) return null;
		return draftAccess(socket.data.viewer, { assigneeId: f.assigneeId }, f.status);
	}

	const toRoom = (draftId: string, except: string | null) =>
		except ? io.local.to(room(draftId)).except(except) : io.local.to(room(draftId));
	const fanout = createDraftFanout({
		deliver: (draftId, { update, awareness }, except) =>
			toRoom(draftId, except).emit('draft:changes', {
				draftId,
				...(update && { sync: toWire(encodeSyncUpdate(update)) }),
				...(awareness && { awareness: toWire(awareness) })
			}),
		forwardUpdate: (draftId, update) => opts.crossProcess && io.serverSideEmit('draft:update', draftId, toWire(update)),
		forwardAwareness: (draftId, update) =>
			opts.crossProcess && io.serverSideEmit('draft:awareness', draftId, toWire(update))
	});

	async function leave(socket: DraftSocket, draftId: string) {
		const m = memberships.get(socket.id)?.get(draftId);
		if (!m) return;
		memberships.get(socket.id)!.delete(draftId);
		void socket.leave(room(draftId));
		const draft = await drafting.loaded(draftId);
		if (!draft) return void presence.release(draftId, socket.id);
		draft.members = Math.max(0, draft.members - 1);
		const ids = presence.release(draftId, socket.id).filter((id) => draft.awareness.getStates().has(id));
		if (ids.length) {
			removeAwarenessStates(draft.awareness, ids, socket.id);
			fanout.awareness(draftId, draft.awareness, ids, socket.id);
		}
	}

	function notifyAccess(
		socket: DraftSocket,
		m: Membership,
		access: DraftAccessLevel | null,
		reason: DraftAccessReason
	) {
		socket.emit('draft:access-changed', { draftId: m.draftId, access, reason });
		if (access === null) void leave(socket, m.draftId);
		else m.access = access;
	}

	/** Re-decides a membership's access (one at a time per membership); a change is told to the socket. */
	function redecide(socket: DraftSocket, m: Membership): Promise<void> {
		m.redeciding ??= decideAccess(socket, m.draftId)
			.then((access) => {
				m.checkedAt = performance.now();
				if (access !== m.access) notifyAccess(socket, m, access, 'revoked');
			})
			.finally(() => (m.redeciding = null));
		return m.redeciding;
	}

	/**
	 * The membership, with access re-decided so that no decision older than the TTL is acted on (a
	 * missed event cannot last). Past half the TTL it is re-decided in the background and this message
	 * goes on the current decision: awaiting the read held every editor's keystrokes of the draft behind
	 * one database round trip each time the facts expired — on PGlite behind whatever the one connection
	 * was running, a compaction included. Past the whole TTL the message waits for the new decision.
	 */
	async function currentMembership(socket: DraftSocket, draftId: string): Promise<Membership | null> {
		const m = memberships.get(socket.id)?.get(draftId);
		if (!m) return null;
		const age = performance.now() - m.checkedAt;
		if (age > accessTtlMs) await redecide(socket, m);
		else if (age > accessTtlMs / 2) redecide(socket, m).catch((e) => console.error('draft access:', e));
		return memberships.get(socket.id)?.get(draftId) ?? null;
	}

	io.on('connection', (socket: DraftSocket) => {
		socket.on('draft:join', async (request, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = DraftJoinSchema.safeParse(request);
			if (!parsed.success) return ack({ error: DraftErrors.invalid });
			if (opts.admit && !(await opts.admit(socket))) return ack({ error: DraftErrors.forbidden });
			const { caseId } = parsed.data;
			const viewer = socket.data.viewer;
			const [c] = await ctx.db.select({ assigneeId: cases.assigneeId }).from(cases).where(eq(cases.id, caseId));
			// Same answer for a case that does not exist and one the user may not see. Decided on the
			// current draft's status: some read only a signed letter (001 p.19 para 5).
			const current = c ? await findCurrentDraft(ctx.db, caseId) : null;
			if (!c || draftAccess(viewer, c, current?.status ?? 'drafting') === null)
				return ack({ error: DraftErrors.forbidden });
			try {
				const row = await openCurrentDraft(ctx.db, caseId, { userId: viewer.userId, at: ctx.clock.now() });
				const access = draftAccess(viewer, c, row.status);
				if (!access) return ack({ error: DraftErrors.forbidden }); // a new chain began meanwhile
				const draft = await drafting.open(row.id);
				const mine = membershipsOf(socket);
				if (!mine.has(row.id)) {
					draft.members++;
					mine.set(row.id, { draftId: row.id, caseId, access, checkedAt: performance.now() });
					await socket.join(room(row.id));
				} else Object.assign(mine.get(row.id)!, { access, checkedAt: performance.now() });
				ack({ data: { draftId: row.id, caseId, chain: row.chain, status: row.status, access } });
				const present = [...draft.awareness.getStates().keys()];
				if (present.length)
					socket.emit('draft:changes', {
						draftId: row.id,
						awareness: toWire(encodeAwarenessUpdate(draft.awareness, present))
					});
			} catch (e) {
				console.error('draft:join', loggableError(e));
				ack({ error: DraftErrors.unavailable });
			}
		});

		socket.on('draft:sync', async (request, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = readDraftSync(request);
			const message = parsed ? decodeSyncMessage(fromWire(parsed.message)) : null;
			if (!parsed || !message) return ack({ error: DraftErrors.invalid });
			const { draftId } = parsed;
			const m = await currentMembership(socket, draftId);
			if (!m) return ack({ error: DraftErrors.notJoined });
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
					return ack({ error: draft?.frozen ? DraftErrors.signed : DraftErrors.readOnly });
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
				if (e instanceof InvalidUpdateError) return ack({ error: DraftErrors.invalid });
				if (e instanceof DraftSignedError) return ack({ error: DraftErrors.signed });
				console.error('draft:sync', loggableError(e));
				ack({ error: DraftErrors.unavailable });
			}
		});

		socket.on('draft:awareness', async (request, ack) => {
			const reply = typeof ack === 'function' ? ack : () => {};
			const parsed = readDraftAwareness(request);
			if (!parsed) return reply({ error: DraftErrors.invalid });
			const { draftId } = parsed;
			const m = await currentMembership(socket, draftId);
			if (!m) return reply({ error: DraftErrors.notJoined });
			const name = socket.data.displayName;
			const guarded = guardAwarenessUpdate(fromWire(parsed.update), {
				userId: socket.data.userId,
				name,
				color: presenceColor(socket.data.userId)
			});
			const draft = await drafting.loaded(draftId);
			if (!guarded || !draft) return reply({ error: DraftErrors.invalid });
			const claim = presence.claim(
				draftId,
				guarded.clientId,
				{ socketId: socket.id, userId: socket.data.userId },
				draft.awareness.getStates().get(guarded.clientId)
			);
			if (!claim.ok) return reply({ error: DraftErrors.presenceTaken });
			applyAwarenessUpdate(draft.awareness, guarded.update, socket.id);
			fanout.awareness(draftId, draft.awareness, [guarded.clientId], socket.id);
			reply({ data: null });
		});

		socket.on('draft:leave', async (request, ack) => {
			const reply = typeof ack === 'function' ? ack : () => {};
			const parsed = DraftLeaveSchema.safeParse(request);
			if (!parsed.success) return reply({ error: DraftErrors.invalid });
			await leave(socket, parsed.data.draftId);
			reply({ data: null });
		});

		socket.on('disconnect', () => {
			const mine = memberships.get(socket.id);
			if (!mine) return;
			for (const id of [...mine.keys()]) void leave(socket, id);
			if (mine.size === 0) memberships.delete(socket.id);
		});
	});

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

	/**
	 * Called by the outbox publisher for every committed case event, in order. A reassignment
	 * re-decides the access of every socket in the case's draft; a signature freezes the document.
	 */
	async function onCaseEvent(row: OutboxRow): Promise<void> {
		const type = row.envelope?.type;
		if (type !== 'case:assigned' && type !== 'refusal:letter-signed') return;
		const caseId = row.envelope!.caseId;
		for (const mine of memberships.values())
			for (const m of mine.values()) if (m.caseId === caseId) facts.delete(m.draftId);
		if (type === 'refusal:letter-signed') {
			const draftId = (row.envelope!.payload as { draftId?: unknown } | null)?.draftId;
			if (typeof draftId === 'string') await drafting.freeze(draftId);
		}
		for (const [socketId, mine] of memberships) {
			const socket = io.of('/').sockets.get(socketId);
			if (!socket) continue;
			for (const m of mine.values()) {
				if (m.caseId !== caseId) continue;
				const access = await decideAccess(socket, m.draftId);
				m.checkedAt = performance.now();
				if (access !== m.access) notifyAccess(socket, m, access, type === 'case:assigned' ? 'reassigned' : 'signed');
			}
		}
	}

	/** The socket's viewer changed (its user's roles, unit or agency): each of its drafts is decided again now. */
	function onViewerChanged(socket: DraftSocket): void {
		for (const m of memberships.get(socket.id)?.values() ?? [])
			void redecide(socket, m).catch((e) => console.error('draft access:', e));
	}

	return { onCaseEvent, onViewerChanged };
}
