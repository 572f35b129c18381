import { json } from '@sveltejs/kit';
import { asc } from 'drizzle-orm';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { NewUserSchema } from '$lib/server/users/user.schemas';
import { isUserInputError } from '$lib/server/users/users.service';
import { users } from '$lib/server/db/schema';

export const GET = apiRoute(async (event) => {
	requirePermission(event, 'users:manage');
	const rows = await event.locals.ctx.db
		.select({ id: users.id, username: users.username, displayName: users.displayName, disabled: users.disabled })
		.from(users)
		.orderBy(asc(users.username));
	return json({ users: rows });
});

export const POST = apiRoute(async (event) => {
	const admin = requirePermission(event, 'users:manage');
	const body = await readJson(event.request, NewUserSchema);
	try {
		const id = await event.locals.ctx.users.create(body, { userId: admin.id, label: admin.username });
		return json({ id, ...(await event.locals.ctx.users.publicView(id)) }, { status: 201 });
	} catch (e) {
		if (isUserInputError(e))
			throw new ApiError(e.field === 'username' ? 409 : 422, e.message, { [e.field]: e.message });
		throw e;
	}
});
