import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { draftActor } from '$lib/server/drafting/draft-route';
import { requireDraftAccess } from '$lib/server/drafting/draft-authz';
import { createNamedVersion, listVersions, VERSION_NAME_MAX } from '$lib/server/drafting/draft-versions';

const NewVersionSchema = z
	.object({ name: z.string().trim().min(1, 'Name the version.').max(VERSION_NAME_MAX) })
	.strict();

/** Every named version of the case's refusal letter, all chains (readers and editors). */
export const GET = apiRoute(async (event) => {
	const actor = draftActor(event);
	await requireDraftAccess(event.locals.ctx.db, event.params.id!, actor, 'read');
	return json({ versions: await listVersions(event.locals.ctx.db, event.params.id!) });
});

/** Keeps the current text as a named, immutable version (editors). */
export const POST = apiRoute(async (event) => {
	const actor = draftActor(event);
	const body = await readJson(event.request, NewVersionSchema, 4096);
	const { draft } = await requireDraftAccess(event.locals.ctx.db, event.params.id!, actor, 'edit');
	if (!draft) throw new ApiError(404, 'The case has no refusal draft yet; open it first.');
	const { text: _text, ...version } = await createNamedVersion(event.locals.ctx, draft, body.name, actor);
	return json(version, { status: 201 });
});
