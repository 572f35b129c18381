import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { idempotencyKey, requireToken, writeResponse } from '$lib/server/integration/token-auth';
import { ApplicationSchema } from '$lib/server/cases/application.schema';

/** The portal submits an application (001 p.7, 000 p.5); registered with the 17:00 cut-off (001 p.14). */
export const POST = apiRoute(async (event) => {
	const portal = await requireToken(event, ['portal']);
	const input = await readJson(event.request, ApplicationSchema, 256 * 1024);
	return writeResponse(await event.locals.ctx.cases.register(input, portal, idempotencyKey(event)));
});
