import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { hasBearer, idempotencyKey, requireToken, writeResponse } from '$lib/server/integration/token-auth';
import { ControlAnswerSchema } from '$lib/domain/procedures';

/** A control-system body answers (001 p.17 para 2): with its agency token, or its liaison signed in. */
export const POST = apiRoute(async (event) => {
	let by: { agencyCode: string; actor: { userId: number | null; label: string } };
	if (hasBearer(event)) {
		const token = await requireToken(event, ['agency']);
		by = { agencyCode: token.agencyCode!, actor: { userId: null, label: `agency:${token.agencyCode}` } };
	} else {
		const user = requirePermission(event, 'consultations:answer');
		if (!user.agencyCode) throw new ApiError(403, 'Your account speaks for no agency.');
		by = { agencyCode: user.agencyCode, actor: { userId: user.id, label: user.username } };
	}
	const answer = await readJson(event.request, ControlAnswerSchema, 16 * 1024);
	return writeResponse(
		await event.locals.ctx.cases.answerControlRequest(event.params.id ?? '', answer, by, idempotencyKey(event))
	);
});
