import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';

export const DELETE = apiRoute(async (event) => {
	const admin = requirePermission(event, 'tokens:manage');
	const revoked = await event.locals.ctx.tokens.revoke(event.params.id ?? '', {
		userId: admin.id,
		label: admin.username
	});
	if (!revoked) throw ApiError.notFound('token-not-found', 'No such active token.');
	return new Response(null, { status: 204 });
});
