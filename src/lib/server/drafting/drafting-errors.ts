/** Refusals of drafting actions, as domain errors (ADR-031): the API answers them by their kind. */
import { DomainError, type DomainErrorKind } from '../../domain/errors/domain-error';

export type DraftingErrorCode = 'not-found' | 'forbidden' | 'signed' | 'not-signed' | 'empty' | 'unsaved';

const KIND: Record<DraftingErrorCode, DomainErrorKind> = {
	'not-found': 'not-found',
	forbidden: 'forbidden',
	signed: 'conflict',
	'not-signed': 'conflict',
	empty: 'invalid',
	unsaved: 'unavailable'
};

export class DraftingError extends DomainError {
	constructor(
		readonly reason: DraftingErrorCode,
		message: string
	) {
		super(KIND[reason], `draft-${reason}`, message);
	}
}
