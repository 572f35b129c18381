/** Refusals of document actions: an HTTP status and a stable `code` the API answers with. */
import { json } from '@sveltejs/kit';
import { getLocale } from '../../paraglide/runtime';
import { refusalText } from '../signing/refusal-text';
import { DomainError, type DomainErrorKind } from '../../domain/errors/domain-error';
import { errorMessage } from '../http/error-answer';

const KIND: Record<number, DomainErrorKind> = {
	403: 'forbidden',
	404: 'not-found',
	409: 'conflict',
	422: 'invalid',
	503: 'unavailable'
};

export type DocumentErrorCode =
	| 'document-not-found'
	| 'case-not-found'
	| 'not-a-signer'
	| 'no-keystore'
	| 'wrong-stage'
	| 'already-signed'
	| 'not-signed'
	| 'already-delivered'
	| 'certificate-expired'
	| 'certificate-not-yet-valid'
	| 'certificate-revoked'
	| 'untrusted-certificate'
	| 'revocation-unavailable'
	| 'wrong-pin'
	| 'invalid-keystore'
	| 'invalid-delivery';

const STATUS: Record<DocumentErrorCode, number> = {
	'document-not-found': 404,
	'case-not-found': 404,
	'not-a-signer': 403,
	'no-keystore': 409,
	'wrong-stage': 409,
	'already-signed': 409,
	'not-signed': 409,
	'already-delivered': 409,
	'certificate-expired': 422,
	'certificate-not-yet-valid': 422,
	'certificate-revoked': 422,
	'untrusted-certificate': 422,
	// The responders did not answer: the signature may succeed later (ADR-081).
	'revocation-unavailable': 503,
	'wrong-pin': 403,
	'invalid-keystore': 422,
	'invalid-delivery': 422
};

export class DocumentError extends Error {
	override readonly name = 'DocumentError';
	constructor(
		readonly code: DocumentErrorCode,
		message: string,
		/** For the page to say it in the reader's language (the revocation date and reason, ADR-081). */
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
	}
	get status() {
		return STATUS[this.code];
	}
}

const isDocumentError = (e: unknown): e is DocumentError =>
	e instanceof Error && e.name === 'DocumentError' && typeof (e as DocumentError).code === 'string';

/** Runs an action; a DocumentError becomes `{ error, code }` with its status. */
export async function documentsApi(action: () => Promise<Response>): Promise<Response> {
	try {
		return await action();
	} catch (e) {
		if (isDocumentError(e)) {
			// The trust refusals (ADR-080/081) in the caller's language; the rest from the catalogue
			// (`err_<code>`, else what kind of refusal it is), in English in their own words (ADR-031).
			const locale = getLocale();
			const error =
				refusalText(e.code, e.details, locale) ??
				errorMessage(new DomainError(KIND[e.status] ?? 'invalid', e.code, e.message), locale);
			const details = Object.keys(e.details).length ? { details: e.details } : {};
			return json({ error, message: error, code: e.code, ...details }, { status: e.status });
		}
		throw e;
	}
}
