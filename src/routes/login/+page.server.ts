import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deviceCookieName, setDeviceCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { safeNext } from '$lib/server/auth/safe-next';
import { defaultLocaleAtSignIn } from '$lib/server/users/locale-cookie';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user && locals.session?.twoFactorVerified)
		redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	return { sso: !!locals.ctx.oidc };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		// `code` picks the translated message on the page; `message` is for non-browser clients.
		if (!username || !password)
			return fail(400, { username, code: 'missing', message: 'Enter your username and password.' });
		if (username.length > 64 || password.length > 256)
			return fail(400, { username: '', code: 'credentials', message: 'Wrong username or password.' });

		const result = await event.locals.ctx.login.signIn({
			username,
			password,
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent') ?? undefined,
			deviceCookie: event.cookies.get(deviceCookieName(event.url.protocol === 'https:'))
		});
		if (!result.ok) {
			if (result.reason === 'throttled') {
				const minutes = Math.ceil(result.retryAfterMs / 60_000);
				return fail(429, {
					username,
					code: 'throttled',
					minutes,
					message: `Too many failed attempts. Try again in ${minutes} minute(s).`
				});
			}
			if (result.reason === 'sso-only')
				return fail(403, { username, code: 'sso', message: 'Your role signs in through single sign-on.' });
			return fail(400, { username, code: 'credentials', message: 'Wrong username or password.' });
		}
		setSessionCookie(event.cookies, result.token, result.expiresAt, event.url.protocol === 'https:');
		defaultLocaleAtSignIn(event.cookies, result.language);
		if (result.deviceToken) setDeviceCookie(event.cookies, result.deviceToken, event.url.protocol === 'https:');
		if (result.secondFactor === 'verify') redirect(303, '/login/two-factor');
		if (result.secondFactor === 'setup') redirect(303, '/login/two-factor/setup');
		redirect(303, result.kiosk ? '/board' : safeNext(event.url.searchParams.get('next'), event.url.origin));
	}
};
