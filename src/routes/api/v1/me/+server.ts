import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { requireUser } from '$lib/server/auth/guard';

export const GET = apiRoute(async (event) => {
	const user = requireUser(event);
	const s = event.locals.session!;
	return json({
		username: user.username,
		displayName: user.displayName,
		roles: user.roles,
		agencyCode: user.agencyCode,
		session: { kind: s.kind, expiresAt: s.expiresAt.toISOString() }
	});
});
