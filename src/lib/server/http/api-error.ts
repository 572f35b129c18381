/**
 * JSON errors for the API: `{ error, fields? }` with the right status. Thrown anywhere inside an
 * `apiRoute` handler and turned into a response there, so handlers stay guard-clause shaped.
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';

export class ApiError extends Error {
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
			if (e instanceof ApiError)
				return json({ error: e.message, ...(e.fields ? { fields: e.fields } : {}) }, { status: e.status, headers: e.headers });
			throw e;
		}
	}) as unknown as RequestHandler;
}
