import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { idempotencyKey, requireAgencyCaller, writeResponse } from '$lib/server/integration/token-auth';
import { ControlAnswerSchema } from '$lib/domain/procedures';

/** A control-system body answers (001 p.17 para 2): with its agency token, or its liaison signed in. */
export const POST = apiRoute(async (event) => {
	const by = await requireAgencyCaller(event);
	const answer = await readJson(event.request, ControlAnswerSchema, 16 * 1024);
	return writeResponse(
		await event.locals.ctx.cases.answerControlRequest(event.params.id ?? '', answer, by, idempotencyKey(event))
	);
});
