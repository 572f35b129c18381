import { z } from 'zod';
import { ApiError, apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { idempotencyKey, requireToken, writeResponse } from '$lib/server/integration/token-auth';
import { isUuid } from '$lib/server/cases/case-snapshot';
import { documentsApi } from '$lib/server/documents/document-errors';
import { NOTICE_CHANNELS } from '$lib/domain/procedures/hearing-notice';

const DeliverySchema = z
	.object({
		deliveredAt: z.iso.datetime({ offset: true }),
		channel: z.enum(NOTICE_CHANNELS),
		reference: z.string().trim().min(1).max(500)
	})
	.strict();

/** The portal's proof that the applicant received the document; recorded on the case's timeline. */
export const POST = apiRoute(async (event) => {
	const token = await requireToken(event, ['portal']);
	const id = event.params.id ?? '';
	if (!isUuid(id)) throw ApiError.notFound('document-not-found', 'No such document.');
	const body = await readJson(event.request, DeliverySchema, 4 * 1024);
	return documentsApi(async () =>
		writeResponse(
			await event.locals.ctx.documents.recordDelivery(
				id,
				{ deliveredAt: new Date(body.deliveredAt), channel: body.channel, reference: body.reference },
				`portal:${token.name}`,
				idempotencyKey(event)
			)
		)
	);
});
