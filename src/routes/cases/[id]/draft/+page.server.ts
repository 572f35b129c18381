import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { draftActor } from '$lib/server/drafting/draft-route';
import { requireDraftAccess } from '$lib/server/drafting/draft-authz';
import { DraftingError } from '$lib/server/drafting/drafting-errors';
import { errorMessage } from '$lib/server/http/error-answer';
import { getLocale } from '$lib/paraglide/runtime';
import { openCurrentDraft } from '$lib/server/drafting/draft.repository';
import { letterFor } from '$lib/server/drafting/draft-letter';
import { loadDraftingClocks } from '$lib/server/drafting/draft-clocks';
import { loadBasisFragments } from '$lib/server/drafting/draft-basis';
import { listVersions } from '$lib/server/drafting/draft-versions';
import { signedPdf } from '$lib/server/drafting/sign-draft';
import { activeKeystore } from '$lib/server/signing/keystores';
import { presenceColor } from '$lib/server/drafting/awareness-guard';
import { can, draftAccess, maySignDraft } from '$lib/domain/access/policy';
import { formatLocalDate } from '$lib/domain/calendar/local-date';
import { localDayOfMs } from '$lib/domain/calendar/almaty-time';
import { nameIn } from '$lib/domain/names/local-names';
import { displayLocale } from '$lib/format';

/** The case's refusal draft; opening it the first time creates it (chain 1). */
export const load: PageServerLoad = async (event) => {
	const actor = draftActor(event);
	const { ctx } = event.locals;
	const caseId = event.params.id;
	const granted = await requireDraftAccess(ctx.db, caseId, actor, 'read').catch((e: unknown) => {
		if (e instanceof DraftingError) error(e.reason === 'not-found' ? 404 : 403, errorMessage(e, getLocale()));
		throw e;
	});
	const draft = await openCurrentDraft(ctx.db, caseId, { userId: actor.id, at: ctx.clock.now() });
	const viewer = { userId: actor.id, roles: actor.roles, kiosk: actor.kiosk };
	const access = draftAccess(viewer, granted.facts, draft.status)!;
	const signature = draft.status === 'signed' ? await signedPdf(ctx.db, draft.id) : null;
	const canSign = maySignDraft(viewer) && draft.status === 'drafting';
	// The head signs with the PIN of their own key (ADR-083): the page asks for it, or says there is none.
	const keystore = canSign ? await activeKeystore(ctx.db, actor.id) : null;
	const [clocks, versions, basis] = await Promise.all([
		loadDraftingClocks(ctx, caseId),
		listVersions(ctx.db, caseId, displayLocale()),
		can(actor.roles, 'cases:read-restricted') ? loadBasisFragments(ctx.db, caseId) : Promise.resolve([])
	]);
	return {
		caseId,
		caseNumber: granted.facts.caseNumber,
		acts: granted.facts.act ? [granted.facts.act] : (['001', '000'] as const).slice(),
		draft: { id: draft.id, chain: draft.chain, status: draft.status },
		access,
		canSign,
		signingKey: keystore ? { demo: keystore.demo } : null,
		canStartNew: draftAccess(viewer, granted.facts, 'drafting') === 'edit',
		me: {
			name: nameIn(event.locals.user?.displayNames, actor.displayName, displayLocale()),
			color: presenceColor(actor.id)
		},
		letter: letterFor(granted.facts, {
			chain: draft.chain,
			body: [],
			issuedOn: signature ? formatLocalDate(localDayOfMs(signature.signedAt.getTime())) : null,
			signerName: signature?.signerName ?? null
		}),
		signature: signature && {
			signer: signature.signerName,
			signedAt: signature.signedAt.toISOString(),
			sha256: signature.pdfSha256,
			number: signature.letterNumber,
			demo: signature.demoCertificate
		},
		clocks,
		versions,
		basis
	};
};
