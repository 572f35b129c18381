/** Refusals of drafting actions, as domain errors (ADR-031): the API and the
 * socket acks answer them by their kind and code. */
import { DomainError, type DomainErrorKind } from '../../domain/errors/domain-error';

export type DraftingErrorCode =
	| 'not-found'
	| 'forbidden'
	| 'signed'
	| 'not-signed'
	| 'empty'
	| 'unsaved'
	// Refusals of the draft's socket events (server/drafting/):
	| 'invalid' // a malformed message
	| 'not-joined' // an event for a draft the socket has not joined (or may no longer be in)
	| 'read-only' // an edit from a member who may only read
	| 'presence-taken' // an awareness update for another member's Yjs client
	| 'unavailable'; // the draft could not be loaded or stored now

const KIND: Record<DraftingErrorCode, DomainErrorKind> = {
	'not-found': 'not-found',
	forbidden: 'forbidden',
	signed: 'conflict',
	'not-signed': 'conflict',
	empty: 'invalid',
	unsaved: 'unavailable',
	invalid: 'invalid',
	'not-joined': 'conflict',
	'read-only': 'forbidden',
	'presence-taken': 'forbidden',
	unavailable: 'unavailable'
};

export class DraftingError extends DomainError {
	constructor(
		readonly reason: DraftingErrorCode,
		message: string
	) {
		super(KIND[reason], `draft-${reason}`, message);
	}
}
