import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requireUser } from '$lib/server/auth/guard';
import { OwnSettingsSchema } from '$lib/server/users/user.schemas';

export const GET = apiRoute(async (event) => {
	const user = requireUser(event);
	const s = event.locals.session!;
	return json({
		username: user.username,
		displayName: user.displayName,
		roles: user.roles,
		agencyCode: user.agencyCode,
		language: user.language,
		email: user.email,
		session: { kind: s.kind, expiresAt: s.expiresAt.toISOString() }
	});
});

/** The user's own language and notification address (ADR-059); unknown keys are refused. */
export const PATCH = apiRoute(async (event) => {
	const user = requireUser(event);
	const body = await readJson(event.request, OwnSettingsSchema, 4096);
	await event.locals.ctx.users.setOwnSettings(user.id, body, { userId: user.id, label: user.username });
	return json({ language: body.language ?? user.language, email: body.email === undefined ? user.email : body.email });
});
