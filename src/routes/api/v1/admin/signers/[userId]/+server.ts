import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { revokeKeystore } from '$lib/server/signing/keystores';

const RevokeSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

/** Revokes a signer's keystore with the reason every later signature attempt is refused with. */
export const DELETE = apiRoute(async (event) => {
	const admin = requirePermission(event, 'users:manage');
	const userId = Number(event.params.userId);
	if (!Number.isInteger(userId) || userId <= 0) throw ApiError.notFound('signer-not-found', 'No such signer.');
	const { reason } = await readJson(event.request, RevokeSchema, 2048);
	const { ctx } = event.locals;
	const done = await ctx.db.transaction((tx) =>
		revokeKeystore(tx, userId, reason, { userId: admin.id, label: admin.username }, ctx.clock.now())
	);
	if (!done) throw ApiError.notFound('signer-not-found', 'This user has no active keystore.');
	return json({ revoked: true, reason });
});
