import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { idempotencyKey, requireAgencyCaller, writeResponse } from '$lib/server/integration/token-auth';
import { ConsultationAnswerSchema } from '$lib/domain/procedures';

/** An approving body answers (001 p.16): with its agency token, or its liaison signed in. */
export const POST = apiRoute(async (event) => {
	const by = await requireAgencyCaller(event);
	const answer = await readJson(event.request, ConsultationAnswerSchema, 16 * 1024);
	return writeResponse(
		await event.locals.ctx.cases.answerConsultation(event.params.id ?? '', answer, by, idempotencyKey(event))
	);
});
