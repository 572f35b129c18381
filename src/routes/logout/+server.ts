import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { deleteSessionCookie } from '$lib/server/auth/cookie';

/** Ends the session on the server, not only in the browser. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) await locals.ctx.sessions.invalidate(locals.session.id);
	deleteSessionCookie(cookies, url.protocol === 'https:');
	redirect(303, '/login');
};
