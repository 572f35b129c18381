/**
 * JSON errors for the API: `{ error, fields? }` with the right status. Thrown anywhere inside an
 * `apiRoute` handler and turned into a response there, so handlers stay guard-clause shaped.
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';

export class ApiError extends Error {
	override readonly name = 'ApiError';
	constructor(
		readonly status: number,
		message: string,
		readonly fields?: Record<string, string>,
		readonly headers?: Record<string, string>
	) {
		super(message);
	}
}

export function apiRoute<E extends RequestEvent>(handler: (event: E) => Promise<Response>) {
	return (async (event: E) => {
		try {
			return await handler(event);
		} catch (e) {
			// By name, not instanceof: services built into the server bundle throw their own copy of the class.
			if (isApiError(e))
				return json(
					{ error: e.message, ...(e.fields ? { fields: e.fields } : {}) },
					{ status: e.status, headers: e.headers }
				);
			throw e;
		}
	}) as unknown as RequestHandler;
}

export function isApiError(e: unknown): e is ApiError {
	return e instanceof Error && e.name === 'ApiError' && typeof (e as ApiError).status === 'number';
}
