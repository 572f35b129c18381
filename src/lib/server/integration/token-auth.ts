/**
 * Bearer-token authentication of the integration API: 401 without a valid token, 403 when the
 * token's kind may not call this endpoint. Tokens carry no cookies, so CSRF does not apply.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ApiError } from '../http/api-error';
import { requirePermission } from '../auth/guard';
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

/** The state body a call speaks for, and who is recorded as acting. */
export interface AgencyCaller {
	readonly agencyCode: string;
	readonly actor: { readonly userId: number | null; readonly label: string };
}

/**
 * An agency answers with its token or through its liaison signed in (001 p.16, p.17 para 2): a
 * bearer header means the token decides (401/403 by it, never a cookie fallback); otherwise the
 * session must hold `consultations:answer` and speak for an agency.
 */
export async function requireAgencyCaller(event: RequestEvent): Promise<AgencyCaller> {
	if (hasBearer(event)) {
		const token = await requireToken(event, ['agency']);
		return { agencyCode: token.agencyCode!, actor: { userId: null, label: `agency:${token.agencyCode}` } };
	}
	const user = requirePermission(event, 'consultations:answer');
	if (!user.agencyCode) throw new ApiError(403, 'Your account speaks for no agency.');
	return { agencyCode: user.agencyCode, actor: { userId: user.id, label: user.username } };
}

export const idempotencyKey = (event: RequestEvent) => event.request.headers.get('idempotency-key');

/** The JSON response of an idempotent write; a replay says so in a header. */
export function writeResponse(r: { status: number; body: unknown; replayed: boolean }): Response {
	return new Response(JSON.stringify(r.body), {
		status: r.status,
		headers: { 'content-type': 'application/json', ...(r.replayed ? { 'idempotency-replayed': 'true' } : {}) }
	});
}
