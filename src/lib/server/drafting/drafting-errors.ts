/** Refusals of drafting actions, with the HTTP status the API answers them with. */
import { ApiError } from '../http/api-error';

export type DraftingErrorCode = 'not-found' | 'forbidden' | 'signed' | 'not-signed' | 'empty' | 'unsaved';

const STATUS: Record<DraftingErrorCode, number> = {
	'not-found': 404,
	forbidden: 403,
	signed: 409,
	'not-signed': 409,
	empty: 422,
	unsaved: 503
};

export class DraftingError extends Error {
	constructor(
		readonly code: DraftingErrorCode,
		message: string
	) {
		super(message);
	}
}

/** Runs an action and turns a DraftingError into the API's JSON error. */
export async function asApi<T>(action: () => Promise<T>): Promise<T> {
	try {
		return await action();
	} catch (e) {
		if (e instanceof DraftingError) throw new ApiError(STATUS[e.code], e.message);
		throw e;
	}
}
