/**
 * Bearer-token authentication of the integration API: 401 without a valid token, 403 when the
 * token's kind may not call this endpoint. Tokens carry no cookies, so CSRF does not apply.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ApiError } from '../http/api-error';
import type { TokenKind, TokenPrincipal } from './tokens.service';

export async function requireToken(event: RequestEvent, kinds: readonly TokenKind[]): Promise<TokenPrincipal> {
	const header = event.request.headers.get('authorization');
	const principal = await event.locals.ctx.tokens.authenticate(header);
	const problem = header ? 'The bearer token is not valid' : 'A bearer token is required';
	if (!principal)
		throw new ApiError(401, `${problem}: send Authorization: Bearer mzt_…`, undefined, {
			'www-authenticate': 'Bearer'
		});
	if (!kinds.includes(principal.kind)) throw new ApiError(403, `A ${principal.kind} token may not call this endpoint.`);
	return principal;
}

export const hasBearer = (event: RequestEvent) => /^Bearer\s/i.test(event.request.headers.get('authorization') ?? '');

export const idempotencyKey = (event: RequestEvent) => event.request.headers.get('idempotency-key');

/** The JSON response of an idempotent write; a replay says so in a header. */
export function writeResponse(r: { status: number; body: unknown; replayed: boolean }): Response {
	return new Response(JSON.stringify(r.body), {
		status: r.status,
		headers: { 'content-type': 'application/json', ...(r.replayed ? { 'idempotency-replayed': 'true' } : {}) }
	});
}
