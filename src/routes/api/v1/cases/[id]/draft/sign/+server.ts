import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { draftActor } from '$lib/server/drafting/draft-route';
import { requireDraftAccess } from '$lib/server/drafting/draft-authz';
import { signDraft } from '$lib/server/drafting/sign-draft';
import { documentsApi } from '$lib/server/documents/document-errors';
import { withPinThrottle } from '$lib/server/signing/pin-throttle';
import type { Tx } from '$lib/server/db/client';

const SignSchema = z.object({ pin: z.string().min(1).max(200) }).strict();

/**
 * The head signs the letter (001 p.20; ADR-083): the text frozen as a version, the case refused on
 * the grounds it was heard on (001 p.19), and the refusal document signed with the PIN of the
 * head's own key (PAdES) — all in one transaction; wrong PINs are throttled as on the documents.
 */
export const POST = apiRoute(async (event) => {
	requirePermission(event, 'cases:decide');
	const actor = draftActor(event);
	const { ctx } = event.locals;
	const { pin } = await readJson(event.request, SignSchema, 1024);
	const calendar = await ctx.calendar.current(); // before the transaction (PGlite: one connection)
	const user = { kind: 'staff' as const, userId: actor.id, username: actor.username, roles: actor.roles };
	await requireDraftAccess(ctx.db, event.params.id!, actor, 'edit');
	const decide = (tx: Tx, text: string) => ctx.cases.refuseWithLetterIn(tx, calendar, event.params.id!, user, text);
	return documentsApi(() =>
		withPinThrottle(ctx.throttle, actor.id, async () =>
			json(await signDraft(ctx, { caseId: event.params.id!, signer: actor, pin, decide }), { status: 201 })
		)
	);
});
