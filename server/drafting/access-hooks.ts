/**
 * Who may be in a draft, decided on the server and decided again (Hocuspocus's hooks): per
 * message once the last decision is old, when the outbox says the case was reassigned or the
 * letter signed, and when the socket's viewer changed. A change is told to the socket
 * (`draft:access-changed`); a socket that lost access leaves the draft.
 */
import type { AppContext } from '../../src/lib/server/context';
import type { DraftAccessLevel, DraftAccessReason } from '../../src/lib/realtime/contract';
import { draftAccess } from '../../src/lib/domain/access/policy';
import type { OutboxRow } from '../outbox-publisher';
import type { AppSocket, IO } from '../socket-types';
import type { AccessFacts } from './access-facts';
import type { DraftMembers, Membership } from './draft-members';
import type { LeaveDraft } from './leave-draft';

export interface AccessHookDeps {
	io: IO;
	drafting: AppContext['drafting'];
	facts: AccessFacts;
	members: DraftMembers;
	leaveDraft: LeaveDraft;
	ttlMs: number;
}

export function createAccessHooks({ io, drafting, facts, members, leaveDraft, ttlMs }: AccessHookDeps) {
	async function decide(socket: AppSocket, draftId: string): Promise<DraftAccessLevel | null> {
		const f = await facts.of(draftId);
		if (!f) return null;
		return draftAccess(socket.data.viewer, { assigneeId: f.assigneeId }, f.status);
	}

	function notify(socket: AppSocket, m: Membership, access: DraftAccessLevel | null, reason: DraftAccessReason) {
		socket.emit('draft:access-changed', { draftId: m.draftId, access, reason });
		if (access === null) void leaveDraft(socket, m.draftId);
		else m.access = access;
	}

	/** Re-decides a membership's access (one at a time per membership); a change is told to the socket. */
	function redecide(socket: AppSocket, m: Membership): Promise<void> {
		m.redeciding ??= decide(socket, m.draftId)
			.then((access) => {
				m.checkedAt = performance.now();
				if (access !== m.access) notify(socket, m, access, 'revoked');
			})
			.finally(() => (m.redeciding = null));
		return m.redeciding;
	}

	return {
		/**
		 * The membership, with access re-decided so that no decision older than the TTL is acted on (a
		 * missed event cannot last). Past half the TTL it is re-decided in the background and this message
		 * goes on the current decision: awaiting the read held every editor's keystrokes of the draft behind
		 * one database round trip each time the facts expired — on PGlite behind whatever the one connection
		 * was running, a compaction included. Past the whole TTL the message waits for the new decision.
		 */
		async current(socket: AppSocket, draftId: string): Promise<Membership | null> {
			const m = members.get(socket.id, draftId);
			if (!m) return null;
			const age = performance.now() - m.checkedAt;
			if (age > ttlMs) await redecide(socket, m);
			else if (age > ttlMs / 2) redecide(socket, m).catch((e) => console.error('draft access:', e));
			return members.get(socket.id, draftId) ?? null;
		},

		/**
		 * For every committed case event, in order (the case event hub). A reassignment re-decides the
		 * access of every socket in the case's draft; a signature freezes the document.
		 */
		async onCaseEvent(row: OutboxRow): Promise<void> {
			const type = row.envelope?.type;
			if (type !== 'case:assigned' && type !== 'refusal:letter-signed') return;
			const caseId = row.envelope!.caseId;
			for (const [, m] of members.inCase(caseId)) facts.forget(m.draftId);
			if (type === 'refusal:letter-signed') {
				const draftId = (row.envelope!.payload as { draftId?: unknown } | null)?.draftId;
				if (typeof draftId === 'string') await drafting.freeze(draftId);
			}
			for (const [socketId, m] of members.inCase(caseId)) {
				const socket = io.of('/').sockets.get(socketId);
				if (!socket) continue;
				const access = await decide(socket, m.draftId);
				m.checkedAt = performance.now();
				if (access !== m.access) notify(socket, m, access, type === 'case:assigned' ? 'reassigned' : 'signed');
			}
		},

		/** The socket's viewer changed (its user's roles, unit or agency): each of its drafts is decided again now. */
		onViewerChanged(socket: AppSocket): void {
			for (const m of members.draftsOf(socket.id))
				void redecide(socket, m).catch((e) => console.error('draft access:', e));
		}
	};
}

export type AccessHooks = ReturnType<typeof createAccessHooks>;
