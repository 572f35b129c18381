/** Refusals of document actions: an HTTP status and a stable `code` the API answers with. */
import { json } from '@sveltejs/kit';

export type DocumentErrorCode =
	| 'not-found'
	| 'not-a-signer'
	| 'no-keystore'
	| 'wrong-stage'
	| 'already-signed'
	| 'not-signed'
	| 'already-delivered'
	| 'certificate-expired'
	| 'certificate-not-yet-valid'
	| 'certificate-revoked'
	| 'wrong-pin'
	| 'invalid-keystore'
	| 'invalid-delivery';

const STATUS: Record<DocumentErrorCode, number> = {
	'not-found': 404,
	'not-a-signer': 403,
	'no-keystore': 409,
	'wrong-stage': 409,
	'already-signed': 409,
	'not-signed': 409,
	'already-delivered': 409,
	'certificate-expired': 422,
	'certificate-not-yet-valid': 422,
	'certificate-revoked': 422,
	'wrong-pin': 403,
	'invalid-keystore': 422,
	'invalid-delivery': 422
};

export class DocumentError extends Error {
	override readonly name = 'DocumentError';
	constructor(
		readonly code: DocumentErrorCode,
		message: string
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
		if (isDocumentError(e)) return json({ error: e.message, code: e.code }, { status: e.status });
		throw e;
	}
}
