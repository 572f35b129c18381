import { fail } from '@sveltejs/kit';
import { desc, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { signerKeystores, userRoles, users } from '$lib/server/db/schema';
import { revokeKeystore, uploadKeystore } from '$lib/server/signing/keystores';
import { isSignerRefused } from '$lib/server/signing/signer';
import { signerValidity } from '$lib/domain/documents/signer-validity';
import { userNameSql } from '$lib/server/users/display-name';
import { displayLocale } from '$lib/format';

const actorOf = (user: { id: number; username: string }) => ({ userId: user.id, label: user.username });
const MAX_P12_BYTES = 64 * 1024;

/** The heads (who sign, 001 p.20) and everyone who holds or held a keystore, with their certificates. */
export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'users:manage');
	const { db, clock } = event.locals.ctx;
	const now = clock.now();
	const keystores = await db.select().from(signerKeystores).orderBy(desc(signerKeystores.createdAt));
	const heads = await db
		.select({ userId: userRoles.userId })
		.from(userRoles)
		.where(inArray(userRoles.role, ['head']));
	const ids = [...new Set([...heads.map((h) => h.userId), ...keystores.map((k) => k.userId)])];
	const people = ids.length
		? await db
				.select({ id: users.id, username: users.username, displayName: userNameSql(displayLocale()) })
				.from(users)
				.where(inArray(users.id, ids))
		: [];
	people.sort((a, b) => a.username.localeCompare(b.username));
	return {
		signers: people.map((p) => ({
			...p,
			keystores: keystores
				.filter((k) => k.userId === p.id)
				.map((k) => ({
					id: k.id,
					subject: k.subject,
					notBefore: k.notBefore.toISOString(),
					notAfter: k.notAfter.toISOString(),
					demo: k.demo,
					substitute: k.substitute,
					createdAt: k.createdAt.toISOString(),
					revokedAt: k.revokedAt?.toISOString() ?? null,
					revokedReason: k.revokedReason,
					validity: signerValidity(k, now)
				}))
		}))
	};
};

const UploadSchema = z
	.object({
		userId: z.coerce.number().int().positive(),
		passphrase: z.string().min(1).max(200),
		substitute: z.boolean()
	})
	.strict();
const RevokeSchema = z
	.object({ userId: z.coerce.number().int().positive(), reason: z.string().trim().min(3).max(500) })
	.strict();

export const actions: Actions = {
	/** The same upload as `POST /api/v1/admin/signers`: opened once with the passphrase (never kept), audited. */
	upload: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const form = await event.request.formData();
		const file = form.get('p12');
		const parsed = UploadSchema.safeParse({
			userId: form.get('userId'),
			passphrase: String(form.get('passphrase') ?? ''),
			substitute: form.get('substitute') === 'on'
		});
		if (!parsed.success)
			return fail(422, { action: 'upload' as const, field: String(parsed.error.issues[0]?.path[0] ?? 'userId') });
		if (!(file instanceof File) || file.size === 0 || file.size > MAX_P12_BYTES)
			return fail(422, { action: 'upload' as const, field: 'p12' });
		const { db, clock } = event.locals.ctx;
		const p12 = new Uint8Array(await file.arrayBuffer());
		try {
			const row = await db.transaction((tx) =>
				uploadKeystore(tx, { ...parsed.data, p12 }, actorOf(admin), clock.now(), event.locals.ctx.trust)
			);
			return { action: 'upload' as const, uploaded: row.subject };
		} catch (e) {
			if (isSignerRefused(e) && e.code === 'untrusted-certificate')
				return fail(422, { action: 'upload' as const, field: 'untrusted' });
			if (isSignerRefused(e)) return fail(422, { action: 'upload' as const, field: 'passphrase' });
			throw e;
		}
	},

	/**
	 * The same revocation as `DELETE /api/v1/admin/signers/{userId}`: every later signature is
	 * refused with the reason.
	 */
	revoke: async (event) => {
		const admin = requirePermission(event, 'users:manage');
		const form = await event.request.formData();
		const parsed = RevokeSchema.safeParse({ userId: form.get('userId'), reason: String(form.get('reason') ?? '') });
		if (!parsed.success) return fail(422, { action: 'revoke' as const, field: 'reason' });
		const { db, clock } = event.locals.ctx;
		const done = await db.transaction((tx) =>
			revokeKeystore(tx, parsed.data.userId, parsed.data.reason, actorOf(admin), clock.now())
		);
		if (!done) return fail(404, { action: 'revoke' as const, field: 'userId' });
		return { action: 'revoke' as const, revoked: parsed.data.reason };
	}
};
