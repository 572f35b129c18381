/**
 * The session cookie: HttpOnly, SameSite=Lax, Secure behind TLS, and the `__Host-` prefix under TLS
 * so that no subdomain or path can shadow it. It expires with the session.
 */
import type { Cookies } from '@sveltejs/kit';

export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-merzim_session' : 'merzim_session';
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
	cookies.set(sessionCookieName(secure), token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(sessionCookieName(secure), { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/** A known-device cookie (see known-devices.ts): kept for a year, sent only to us. */
export function deviceCookieName(secure: boolean): string {
	return secure ? '__Host-merzim_device' : 'merzim_device';
}

export function setDeviceCookie(cookies: Cookies, token: string, secure: boolean): void {
	cookies.set(deviceCookieName(secure), token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		path: '/',
		maxAge: 365 * 24 * 3600
	});
}
