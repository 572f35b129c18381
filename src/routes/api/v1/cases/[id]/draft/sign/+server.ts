import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { draftActor } from '$lib/server/drafting/draft-route';
import { requireDraftAccess } from '$lib/server/drafting/draft-authz';
import { asApi } from '$lib/server/drafting/drafting-errors';
import { signDraft } from '$lib/server/drafting/sign-draft';

/** The head signs the letter (001 p.20): frozen, rendered to PDF, its SHA-256 recorded on the case. */
export const POST = apiRoute(async (event) => {
	requirePermission(event, 'cases:decide');
	const actor = draftActor(event);
	return asApi(async () => {
		await requireDraftAccess(event.locals.ctx.db, event.params.id!, actor, 'edit');
		return json(await signDraft(event.locals.ctx, { caseId: event.params.id!, signer: actor }), { status: 201 });
	});
});
