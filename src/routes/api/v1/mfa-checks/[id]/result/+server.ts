import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { idempotencyKey, requireToken, writeResponse } from '$lib/server/integration/token-auth';
import { MfaResultSchema } from '$lib/domain/procedures';

/** The MFA's answer on the authenticity of the importer's guarantee (001 p.17); the term resumes. */
export const POST = apiRoute(async (event) => {
	const token = await requireToken(event, ['mfa']);
	const result = await readJson(event.request, MfaResultSchema, 16 * 1024);
	return writeResponse(
		await event.locals.ctx.cases.recordMfaResult(
			event.params.id ?? '',
			result,
			{ userId: null, label: `mfa:${token.name}` },
			idempotencyKey(event)
		)
	);
});
