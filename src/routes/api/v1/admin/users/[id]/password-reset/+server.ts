import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { isUserInputError } from '$lib/server/users/users.service';
import { EmptyBody } from '$lib/server/users/user-admin.route';

/**
 * A forgotten password: the temporary one is in this answer only (never stored in clear); the user
 * must change it at the next sign-in, and every session of theirs ends now.
 */
export const POST = apiRoute(async (event) => {
	const admin = requirePermission(event, 'users:manage');
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) throw ApiError.notFound('user-not-found', 'No such user.');
	await readJson(event.request, EmptyBody);
	try {
		const temporaryPassword = await event.locals.ctx.userAdmin.resetPassword(id, {
			userId: admin.id,
			label: admin.username
		});
		return json({ id, temporaryPassword, mustChangePassword: true }, { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		if (!isUserInputError(e)) throw e;
		throw new ApiError(404, e.message);
	}
});
