import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { deleteSessionCookie, deviceCookieName, setDeviceCookie, setSessionCookie } from '$lib/server/auth/cookie';

const SignInSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();

/** JSON sign-in, for scripts and tests; same throttle and session as the sign-in page. */
export const POST = apiRoute(async (event) => {
	const body = await readJson(event.request, SignInSchema, 4096);
	const result = await event.locals.ctx.login.signIn({
		...body,
		ip: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent') ?? undefined,
		deviceCookie: event.cookies.get(deviceCookieName(event.url.protocol === 'https:'))
	});
	if (!result.ok) {
		if (result.reason === 'throttled') {
			const retry = Math.ceil(result.retryAfterMs / 1000);
			throw new ApiError(429, 'Too many failed attempts; try again later.', undefined, {
				'retry-after': String(retry)
			});
		}
		if (result.reason === 'sso-only') throw new ApiError(403, 'Your role signs in through single sign-on.');
		throw new ApiError(401, 'Wrong username or password.');
	}
	setSessionCookie(event.cookies, result.token, result.expiresAt, event.url.protocol === 'https:');
	if (result.deviceToken) setDeviceCookie(event.cookies, result.deviceToken, event.url.protocol === 'https:');
	return json(
		{ expiresAt: result.expiresAt.toISOString(), secondFactor: result.secondFactor, kiosk: result.kiosk },
		{ status: 201 }
	);
});

export const DELETE = apiRoute(async ({ locals, cookies, url }) => {
	if (!locals.session) throw new ApiError(401, 'Not signed in.');
	await locals.ctx.sessions.invalidate(locals.session.id);
	deleteSessionCookie(cookies, url.protocol === 'https:');
	return new Response(null, { status: 204 });
});
