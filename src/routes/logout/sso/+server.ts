import type { RequestHandler } from './$types';
import { deleteSessionCookie } from '$lib/server/auth/cookie';

/**
 * Ends the Merzim session, then the provider's (RP-initiated logout), coming back to the sign-in
 * page. The way to the provider is a page that moves on by itself, not a redirect: the CSP's
 * `form-action 'self'` would stop a form post redirected to another origin.
 */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) await locals.ctx.sessions.invalidate(locals.session.id);
	deleteSessionCookie(cookies, url.protocol === 'https:');
	const end = (await locals.ctx.oidc?.endSessionUrl(`${url.origin}/login`))?.href ?? '/login';
	const href = end.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
	return new Response(
		`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" ` +
			`content="0;url=${href}"><title>Signed out</title><p><a href="${href}">Continue</a></p>`,
		{ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }
	);
};
