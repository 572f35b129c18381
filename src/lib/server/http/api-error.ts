/**
 * Errors of the HTTP layer itself (a body that is not JSON, a missing token): a domain error that
 * names its own status. Thrown anywhere inside an `apiRoute` handler, and any other domain error
 * with it, and turned into a response there by the one mapping (error-answer.ts, ADR-031), so
 * handlers stay guard-clause shaped.
 */
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { getLocale } from '../../paraglide/runtime';
import { DomainError, type DomainErrorKind } from '../../domain/errors/domain-error';
import type { FieldProblem } from '../../domain/errors/field-problem';
import { answerableError, errorResponse } from './error-answer';

/**
 * The code an ApiError gets when it names none: generic on purpose, with no catalogue message of
 * its own (its English text is specific; other languages get the kind's message).
 */
const BY_STATUS: Record<number, [DomainErrorKind, string]> = {
	400: ['invalid', 'bad-request'],
	401: ['unauthenticated', 'unauthenticated'],
	403: ['forbidden', 'not-allowed'],
	404: ['not-found', 'not-found'],
	409: ['conflict', 'not-possible-now'],
	413: ['invalid', 'body-too-large'],
	415: ['invalid', 'not-json'],
	422: ['invalid', 'invalid-input'],
	429: ['rate-limited', 'too-many-attempts']
};

export class ApiError extends DomainError {
	constructor(
		readonly status: number,
		message: string,
		fields?: Record<string, FieldProblem>,
		readonly headers?: Record<string, string>,
		code?: string,
		params: Record<string, string> = {}
	) {
		const [kind, byStatus] = BY_STATUS[status] ?? ['invalid', 'bad-request'];
		super(kind, code ?? byStatus, message, params, fields);
	}

	/** Nothing of that id, or nothing the caller may see: `ApiError.notFound('case-not-found', 'No such case.')`. */
	static notFound(code: string, message: string): ApiError {
		return new ApiError(404, message, undefined, undefined, code);
	}

	/** Any status with its own catalogue code (and the values the message names), no fields or headers. */
	static coded(status: number, code: string, message: string, params: Record<string, string> = {}): ApiError {
		return new ApiError(status, message, undefined, undefined, code, params);
	}
}

export function apiRoute<E extends RequestEvent>(handler: (event: E) => Promise<Response>) {
	return (async (event: E) => {
		try {
			return await handler(event);
		} catch (e) {
			const answer = answerableError(e);
			if (answer) return errorResponse(answer, getLocale(), (answer as Partial<ApiError>).headers);
			throw e;
		}
	}) as unknown as RequestHandler;
}
