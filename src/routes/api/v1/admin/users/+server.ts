import { json } from '@sveltejs/kit';
import { asc } from 'drizzle-orm';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { NewUserSchema } from '$lib/server/users/user.schemas';
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
	// A refused user (taken username: 409) is a domain error the route's mapping answers.
	const id = await event.locals.ctx.users.create(body, { userId: admin.id, label: admin.username });
	return json({ id, ...(await event.locals.ctx.users.publicView(id)) }, { status: 201 });
});
