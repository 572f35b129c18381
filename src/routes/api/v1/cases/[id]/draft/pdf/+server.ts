import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { draftActor } from '$lib/server/drafting/draft-route';
import { requireDraftAccess } from '$lib/server/drafting/draft-authz';
import { signedPdf } from '$lib/server/drafting/sign-draft';
import { previewPdf } from '$lib/server/drafting/draft-preview';

/** The signed letter's PDF; before signing, a preview marked as a draft (not stored). */
export const GET = apiRoute(async (event) => {
	const actor = draftActor(event);
	const { draft, facts } = await requireDraftAccess(event.locals.ctx.db, event.params.id!, actor, 'read');
	if (!draft) throw new ApiError(404, 'The case has no refusal draft yet.');
	const signed = draft.status === 'signed' ? await signedPdf(event.locals.ctx.db, draft.id) : null;
	const pdf = signed ? signed.pdf : await previewPdf(event.locals.ctx, facts, draft);
	const name = `${facts.caseNumber.replace(/[^\w-]+/g, '_')}-refusal-${draft.chain}${signed ? '' : '-draft'}.pdf`;
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${name}"`,
			'cache-control': 'private, no-store',
			...(signed ? { 'x-content-sha256': signed.pdfSha256 } : {})
		}
	});
});
