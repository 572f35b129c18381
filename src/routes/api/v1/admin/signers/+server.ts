import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isNull } from 'drizzle-orm';
import { ApiError, apiRoute } from '$lib/server/http/api-error';
import { fieldProblem } from '$lib/domain/errors/field-problem';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { uploadKeystore } from '$lib/server/signing/keystores';
import { isSignerRefused } from '$lib/server/signing/signer';
import { signerKeystores } from '$lib/server/db/schema';

const keystoreJson = (k: typeof signerKeystores.$inferSelect) => ({
	id: k.id,
	userId: k.userId,
	subject: k.subject,
	notBefore: k.notBefore.toISOString(),
	notAfter: k.notAfter.toISOString(),
	demo: k.demo,
	substitute: k.substitute,
	createdAt: k.createdAt.toISOString()
});

/** The signers' active keystores (certificate facts only; never the keystore). */
export const GET = apiRoute(async (event) => {
	requirePermission(event, 'users:manage');
	const rows = await event.locals.ctx.db.select().from(signerKeystores).where(isNull(signerKeystores.revokedAt));
	return json({ signers: rows.map(keystoreJson) });
});

const UploadSchema = z
	.object({
		userId: z.number().int().positive(),
		/** The .p12 file, base64. */
		p12: z.base64().max(64 * 1024),
		/** Checked once to open the keystore, then forgotten; the signer types it as the PIN. */
		passphrase: z.string().min(1).max(200),
		substitute: z.boolean().default(false)
	})
	.strict();

/** The admin uploads a signer's keystore (a head, or a substitute the admin appoints to sign for the head). */
export const POST = apiRoute(async (event) => {
	const admin = requirePermission(event, 'users:manage');
	const input = await readJson(event.request, UploadSchema, 128 * 1024);
	const { ctx } = event.locals;
	try {
		const row = await ctx.db.transaction((tx) =>
			uploadKeystore(
				tx,
				{ ...input, p12: new Uint8Array(Buffer.from(input.p12, 'base64')) },
				{ userId: admin.id, label: admin.username },
				ctx.clock.now(),
				ctx.trust
			)
		);
		return json(keystoreJson(row), { status: 201 });
	} catch (e) {
		if (isSignerRefused(e) && e.code === 'untrusted-certificate')
			throw new ApiError(422, 'The certificate does not chain to a configured trust anchor.', {
				p12: fieldProblem(e.code, e.message)
			});
		if (isSignerRefused(e))
			throw new ApiError(422, 'The keystore does not open with this passphrase.', {
				p12: fieldProblem(e.code, e.message)
			});
		throw e;
	}
});
