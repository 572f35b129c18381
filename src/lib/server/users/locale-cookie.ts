/**
 * The pages' language is Paraglide's cookie (the browser's explicit choice), else Accept-Language.
 * At sign-in a browser that has not chosen yet gets the user's own language (ADR-059); a choice made
 * in the switcher keeps winning, as the cookie is then already there.
 */
import type { Cookies } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';

export type Language = 'kk' | 'ru' | 'en';

export function setLocaleCookie(cookies: Cookies, language: Language): void {
	// Read by Paraglide's client runtime too, so not httpOnly (it holds nothing secret).
	cookies.set(cookieName, language, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
}

export function defaultLocaleAtSignIn(cookies: Cookies, language: Language): void {
	if (!cookies.get(cookieName)) setLocaleCookie(cookies, language);
}
