import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { NewTokenSchema } from '$lib/server/integration/tokens.service';

export const GET = apiRoute(async (event) => {
	requirePermission(event, 'tokens:manage');
	return json({ tokens: await event.locals.ctx.tokens.list() });
});

/** Issues a token; its secret is shown once, in this answer, and never stored. */
export const POST = apiRoute(async (event) => {
	const admin = requirePermission(event, 'tokens:manage');
	const input = await readJson(event.request, NewTokenSchema, 4096);
	const issued = await event.locals.ctx.tokens.issue(input, { userId: admin.id, label: admin.username });
	return json(issued, { status: 201 });
});
