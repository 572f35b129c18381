/**
 * The cookie that carries a sign-in through the provider and back: state, nonce and PKCE verifier,
 * HttpOnly, only sent to the callback path, ten minutes. It is deleted when the callback reads it,
 * so a replayed callback finds nothing to continue.
 */
import type { Cookies } from '@sveltejs/kit';
import { decodePending, encodePending, type PendingSignIn } from './oidc';

const NAME = 'merzim_sso';
const PATH = '/login/sso';

export function setPendingCookie(cookies: Cookies, pending: PendingSignIn, secure: boolean): void {
	cookies.set(NAME, encodePending(pending), { httpOnly: true, sameSite: 'lax', secure, path: PATH, maxAge: 600 });
}

export function takePendingCookie(cookies: Cookies, secure: boolean): PendingSignIn | null {
	const pending = decodePending(cookies.get(NAME));
	cookies.delete(NAME, { httpOnly: true, sameSite: 'lax', secure, path: PATH });
	return pending;
}
