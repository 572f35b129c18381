/** What every drafting endpoint starts with: a signed-in user who may read cases, as a DraftActor. */
import type { RequestEvent } from '@sveltejs/kit';
import { requirePermission } from '../auth/guard';
import type { DraftActor } from './draft-authz';

export function draftActor(event: RequestEvent): DraftActor {
	const user = requirePermission(event, 'cases:read');
	return {
		id: user.id,
		username: user.username,
		displayName: user.displayName,
		roles: user.roles,
		kiosk: event.locals.session?.kind === 'kiosk'
	};
}
