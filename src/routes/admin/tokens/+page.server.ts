import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { fieldErrors } from '$lib/server/http/json-body';
import { NewTokenSchema } from '$lib/server/integration/tokens.service';
import { AGENCY_CODES } from '$lib/domain/reference/agencies';
import { displayLocale } from '$lib/format';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const actorOf = (user: { id: number; username: string }) => ({ userId: user.id, label: user.username });

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'tokens:manage');
	const tokens = await event.locals.ctx.tokens.list(displayLocale());
	return {
		tokens: tokens.map((t) => ({
			...t,
			createdAt: t.createdAt.toISOString(),
			lastUsedAt: iso(t.lastUsedAt),
			revokedAt: iso(t.revokedAt)
		})),
		agencies: [...AGENCY_CODES]
	};
};

export const actions: Actions = {
	/** The secret goes back in this answer only; it is never stored (only its SHA-256). */
	issue: async (event) => {
		const admin = requirePermission(event, 'tokens:manage');
		const form = await event.request.formData();
		const kind = String(form.get('kind') ?? '');
		const agencyCode = String(form.get('agencyCode') ?? '');
		// An agency chosen and then the kind changed away from "agency" is ignored, not an error.
		const parsed = NewTokenSchema.safeParse({
			name: String(form.get('name') ?? ''),
			kind,
			...(kind === 'agency' && agencyCode ? { agencyCode } : {})
		});
		if (!parsed.success) return fail(422, { action: 'issue' as const, fields: Object.keys(fieldErrors(parsed.error)) });
		const { token, principal } = await event.locals.ctx.tokens.issue(parsed.data, actorOf(admin));
		return {
			action: 'issue' as const,
			issued: { name: principal.name, kind: principal.kind, agencyCode: principal.agencyCode, secret: token }
		};
	},

	revoke: async (event) => {
		const admin = requirePermission(event, 'tokens:manage');
		const form = await event.request.formData();
		const id = String(form.get('id') ?? '');
		if (!(await event.locals.ctx.tokens.revoke(id, actorOf(admin))))
			return fail(404, { action: 'revoke' as const, notActive: true });
		return { action: 'revoke' as const, revoked: String(form.get('name') ?? id) };
	}
};
