import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { fieldErrors } from '$lib/server/http/json-body';
import { isDomainError } from '$lib/domain/errors/domain-error';
import { NewWebhookSchema } from '$lib/server/webhooks/webhooks.service';
import { WEBHOOK_EVENTS, WEBHOOK_TYPES } from '$lib/domain/webhooks';
import { displayLocale } from '$lib/format';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const actorOf = (user: { id: number; username: string }) => ({ userId: user.id, label: user.username });

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'tokens:manage');
	const { webhooks, tokens } = event.locals.ctx;
	const locale = displayLocale();
	const [subs, failed, allTokens] = await Promise.all([webhooks.list(locale), webhooks.failed(), tokens.list(locale)]);
	return {
		webhooks: subs.map((w) => ({ ...w, createdAt: w.createdAt.toISOString(), pausedAt: iso(w.pausedAt) })),
		failed: failed.map((f) => ({ ...f, failedAt: iso(f.failedAt) })),
		tokens: allTokens.filter((t) => !t.revokedAt).map((t) => ({ id: t.id, name: t.label, kind: t.kind })),
		events: WEBHOOK_TYPES.map((type) => ({ type, audience: WEBHOOK_EVENTS[type].audience }))
	};
};

export const actions: Actions = {
	/** The signing secret goes back in this answer only. */
	create: async (event) => {
		const admin = requirePermission(event, 'tokens:manage');
		const form = await event.request.formData();
		const parsed = NewWebhookSchema.safeParse({
			tokenId: String(form.get('tokenId') ?? ''),
			url: String(form.get('url') ?? ''),
			events: form.getAll('events').map(String)
		});
		if (!parsed.success)
			return fail(422, { action: 'create' as const, fields: Object.keys(fieldErrors(parsed.error)) });
		const { ctx } = event.locals;
		const own = [event.url.origin, ...(ctx.config.origin ? [ctx.config.origin] : [])];
		try {
			const created = await ctx.webhooks.create(parsed.data, actorOf(admin), own);
			return { action: 'create' as const, created: { url: created.url, secret: created.secret } };
		} catch (e) {
			if (isDomainError(e) && e.kind === 'invalid')
				return fail(422, { action: 'create' as const, fields: Object.keys(e.fields ?? {}) });
			throw e;
		}
	},

	pause: async (event) => toggle(event, true),
	resume: async (event) => toggle(event, false),

	remove: async (event) => {
		const admin = requirePermission(event, 'tokens:manage');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!(await event.locals.ctx.webhooks.remove(id, actorOf(admin))))
			return fail(404, { action: 'remove' as const, notFound: true });
		return { action: 'remove' as const, removed: true };
	},

	resend: async (event) => {
		const admin = requirePermission(event, 'tokens:manage');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!(await event.locals.ctx.webhooks.resend(id, actorOf(admin))))
			return fail(404, { action: 'resend' as const, notFound: true });
		return { action: 'resend' as const, resent: true };
	}
};

async function toggle(event: Parameters<Actions[string]>[0], paused: boolean) {
	const admin = requirePermission(event, 'tokens:manage');
	const id = String((await event.request.formData()).get('id') ?? '');
	if (!(await event.locals.ctx.webhooks.setPaused(id, paused, actorOf(admin))))
		return fail(404, { action: 'toggle' as const, notFound: true });
	return { action: 'toggle' as const, paused };
}
