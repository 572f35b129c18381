import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { draftActor } from '$lib/server/drafting/draft-route';
import { requireDraftAccess } from '$lib/server/drafting/draft-authz';
import { signDraft } from '$lib/server/drafting/sign-draft';
import type { Tx } from '$lib/server/db/client';

/**
 * The head signs the letter (001 p.20): frozen, rendered to PDF, its SHA-256 recorded on the case,
 * and the case refused on the grounds it was heard on (001 p.19) — all in one transaction.
 */
export const POST = apiRoute(async (event) => {
	requirePermission(event, 'cases:decide');
	const actor = draftActor(event);
	const { ctx } = event.locals;
	const calendar = await ctx.calendar.current(); // before the transaction (PGlite: one connection)
	const user = { kind: 'staff' as const, userId: actor.id, username: actor.username, roles: actor.roles };
	await requireDraftAccess(ctx.db, event.params.id!, actor, 'edit');
	const decide = (tx: Tx, text: string) => ctx.cases.refuseWithLetterIn(tx, calendar, event.params.id!, user, text);
	return json(await signDraft(ctx, { caseId: event.params.id!, signer: actor, decide }), { status: 201 });
});
