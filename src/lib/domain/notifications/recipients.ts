/**
 * Who a case event is for (ADR-060): pure, from the event and facts of the case the server read.
 * The actor is never told of their own act. Returns user ids before substitution (substitutes.ts).
 */
import type { NotificationKind } from './kinds';

export interface NotifiableEvent {
	type: string;
	actorId: number | null;
	after: unknown;
}

export interface CaseFacts {
	assigneeId: number | null;
	/** For a complaint: who has the case complained about in hand, and who decided it. */
	complaintTarget: { assigneeId: number | null; decidedBy: number | null } | null;
	/** The users mentioned by username in a note, resolved to ids. */
	mentionedIds: readonly number[];
	/** The heads of the case's unit (who sign its documents, 001 p.20). */
	unitHeadIds: readonly number[];
}

export interface Recipient {
	userId: number;
	kind: NotificationKind;
}

/** Event types that may notify someone: the rest cost no read at all. */
export const NOTIFYING_TYPES: ReadonlySet<string> = new Set([
	'case:assigned',
	'case:created',
	'clock:warning',
	'complaint:deadline-approaching',
	'note:added',
	'consultation:answered',
	'consultation:deemed-approved',
	'document:created'
]);

const field = (after: unknown, key: string): unknown =>
	after && typeof after === 'object' ? (after as Record<string, unknown>)[key] : undefined;

export function recipientsOf(e: NotifiableEvent, c: CaseFacts): Recipient[] {
	const to = (ids: readonly (number | null)[], kind: NotificationKind): Recipient[] =>
		[...new Set(ids)].filter((id): id is number => id !== null && id !== e.actorId).map((userId) => ({ userId, kind }));
	switch (e.type) {
		case 'case:assigned': {
			const id = field(e.after, 'assigneeId');
			return typeof id === 'number' ? to([id], 'assigned') : [];
		}
		case 'clock:warning':
		case 'complaint:deadline-approaching':
			return to([c.assigneeId], field(e.after, 'band') === 'red' ? 'deadline-red' : 'deadline-amber');
		case 'note:added':
			return to(c.mentionedIds, 'mentioned');
		case 'consultation:answered':
		case 'consultation:deemed-approved':
			return to([c.assigneeId], 'agency-answered');
		case 'case:created':
			return c.complaintTarget
				? to([c.complaintTarget.assigneeId, c.complaintTarget.decidedBy], 'complaint-filed')
				: [];
		case 'document:created':
			return to(c.unitHeadIds, 'signature-awaited');
		default:
			return [];
	}
}
