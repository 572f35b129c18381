import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { safeNext } from '$lib/server/auth/safe-next';
import { setPendingCookie } from '$lib/server/auth/sso-cookie';

/** Leaves for the Committee's OpenID provider, with a fresh state, nonce and PKCE challenge. */
export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	const oidc = locals.ctx.oidc;
	if (!oidc) error(404, 'Single sign-on is not configured.');
	const next = safeNext(url.searchParams.get('next'), url.origin);
	const { url: target, pending } = await oidc.begin(`${url.origin}/login/sso/callback`, next);
	setPendingCookie(cookies, pending, url.protocol === 'https:');
	redirect(302, target.href);
};
