/**
 * Authorization at the point of use: every `+page.server.ts`, `+server.ts` and form action calls one
 * of these. Pages redirect an anonymous visitor to sign in; APIs answer 401. Both answer 403 to a
 * signed-in user without the permission.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Permission } from '../../domain/access/policy';
import { ApiError } from '../http/api-error';
import type { SessionUser } from './session.service';

const isApi = (event: RequestEvent) => event.url.pathname.startsWith('/api/');

export function requireUser(event: RequestEvent): SessionUser {
	const user = event.locals.user;
	if (user && event.locals.session?.twoFactorVerified) return user;
	if (isApi(event)) throw ApiError.coded(401, 'sign-in-first', 'Sign in first.');
	const next = event.url.pathname + event.url.search;
	redirect(303, `/login?next=${encodeURIComponent(next)}`);
}

export function requirePermission(event: RequestEvent, permission: Permission): SessionUser {
	const user = requireUser(event);
	if (!can(user.roles, permission, event.locals.session?.kind === 'kiosk')) {
		if (isApi(event)) throw ApiError.coded(403, 'role-not-allowed', 'Your role does not allow this.');
		error(403, 'Your role does not allow you to open this page.');
	}
	return user;
}

export function userCan(event: RequestEvent, permission: Permission): boolean {
	const user = event.locals.user;
	return !!user && can(user.roles, permission, event.locals.session?.kind === 'kiosk');
}
