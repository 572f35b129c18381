import { z } from 'zod';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requireUser } from '$lib/server/auth/guard';
import { isUserInputError } from '$lib/server/users/users.service';

const Body = z.object({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) }).strict();

/** The user's own password: the current one, 12+ characters, not on the breached list; other sessions end. */
export const PUT = apiRoute(async (event) => {
	const user = requireUser(event);
	const body = await readJson(event.request, Body, 4096);
	try {
		await event.locals.ctx.userAdmin.changeOwnPassword(user.id, body.current, body.next, event.locals.session!.id);
	} catch (e) {
		if (!isUserInputError(e)) throw e;
		throw new ApiError(e.field === 'current' ? 403 : 422, e.message, { ...e.fields });
	}
	return new Response(null, { status: 204 });
});
