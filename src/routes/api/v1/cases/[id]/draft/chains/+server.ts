import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { draftActor } from '$lib/server/drafting/draft-route';
import { DraftingError } from '$lib/server/drafting/drafting-errors';
import { requireDraftAccess } from '$lib/server/drafting/draft-authz';
import { startNextChain } from '$lib/server/drafting/draft.repository';
import { draftAccess } from '$lib/domain/access/policy';

/** "New draft" after a signed letter: a new version chain (chain + 1) starting from the signed text. */
export const POST = apiRoute(async (event) => {
	const actor = draftActor(event);
	const { draft, facts } = await requireDraftAccess(event.locals.ctx.db, event.params.id!, actor, 'read');
	// Who could edit it were it not signed may start the next one.
	if (draftAccess({ userId: actor.id, roles: actor.roles, kiosk: actor.kiosk }, facts, 'drafting') !== 'edit')
		throw new DraftingError('forbidden', 'You may read this draft but not start a new one.');
	if (!draft || draft.status !== 'signed')
		throw new DraftingError('not-signed', 'The current draft is not signed yet; keep editing it.');
	const next = await startNextChain(event.locals.ctx.db, event.params.id!, {
		userId: actor.id,
		at: event.locals.ctx.clock.now()
	});
	return json({ draftId: next.id, chain: next.chain, status: next.status }, { status: 201 });
});
