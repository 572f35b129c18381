import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isSsoRefused } from '$lib/server/auth/oidc';
import { takePendingCookie } from '$lib/server/auth/sso-cookie';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { defaultLocaleAtSignIn } from '$lib/server/users/locale-cookie';
import { safeNext } from '$lib/server/auth/safe-next';
import { log } from '$lib/server/observability/logger';
import { ApiError } from '$lib/server/http/api-error';
import { errorResponse } from '$lib/server/http/error-answer';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * The provider sends the browser back here. Without the pending cookie (expired, or this callback
 * already used) nothing is exchanged; a response that fails any check opens no session.
 * Refusals are the API's error answers (ADR-031): a stable `code` and the catalogue's `message`
 * for it in the browser's language (the locale cookie, else Accept-Language).
 */
export const GET: RequestHandler = async ({ locals, url, cookies, request, getClientAddress }) => {
	const oidc = locals.ctx.oidc;
	if (!oidc) return refused(404, 'not-configured', 'Single sign-on is not configured.');
	const secure = url.protocol === 'https:';
	const pending = takePendingCookie(cookies, secure);
	if (!pending)
		return refused(400, 'no-pending-sign-in', 'This sign-in was not started here, has expired or was already used.');
	try {
		const done = await oidc.complete(url, pending, {
			ip: getClientAddress(),
			userAgent: request.headers.get('user-agent') ?? undefined
		});
		setSessionCookie(cookies, done.token, done.expiresAt, secure);
		defaultLocaleAtSignIn(cookies, done.language);
	} catch (e) {
		if (!isSsoRefused(e)) throw e;
		log('sso').warn({ code: e.code, detail: e.message }, 'single sign-on refused');
		return refused(403, e.code, e.message);
	}
	redirect(303, safeNext(pending.next, url.origin));
};

/** `message` is the English fallback only: every code here has its catalogue entry (`err_<code>`). */
function refused(status: number, code: string, message: string): Response {
	return errorResponse(ApiError.coded(status, code, message), getLocale(), {
		'cache-control': 'no-store'
	});
}
