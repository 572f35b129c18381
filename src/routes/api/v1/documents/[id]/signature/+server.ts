import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requireUser } from '$lib/server/auth/guard';
import { isUuid } from '$lib/server/cases/case-snapshot';
import { documentsApi } from '$lib/server/documents/document-errors';
import { documentJson } from '$lib/server/documents/document-json';
import { withPinThrottle } from '$lib/server/signing/pin-throttle';

const SignSchema = z.object({ pin: z.string().min(1).max(200) }).strict();

/**
 * The head's (or substitute's) act of signing: the PIN that opens their own keystore, typed now,
 * is the person's confirmation in this session; it is used once and never stored (001 p.20). Wrong
 * PINs are counted per signer with the sign-in's growing waits (login-throttle.ts).
 */
export const POST = apiRoute(async (event) => {
	const user = requireUser(event);
	if (event.locals.session?.kind === 'kiosk') throw new ApiError(403, 'A kiosk does not sign.');
	const id = event.params.id ?? '';
	if (!isUuid(id)) throw ApiError.notFound('document-not-found', 'No such document.');
	const { pin } = await readJson(event.request, SignSchema, 1024);
	const { ctx } = event.locals;
	return documentsApi(() =>
		withPinThrottle(ctx.throttle, user.id, async () => json(documentJson(await ctx.documents.sign(id, user, pin))))
	);
});
