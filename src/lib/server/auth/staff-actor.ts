/**
 * A signed-in staff member as the case services see them (notes, attachments): who, with which roles
 * and unit; the attachment caller adds whether the session is a kiosk.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from './session.service';

export const staffActor = (user: SessionUser) => ({
	userId: user.id,
	username: user.username,
	roles: user.roles,
	unit: user.unit
});

export const staffCaller = (event: Pick<RequestEvent, 'locals'>, user: SessionUser) => ({
	kind: 'staff' as const,
	...staffActor(user),
	kiosk: event.locals.session?.kind === 'kiosk'
});
