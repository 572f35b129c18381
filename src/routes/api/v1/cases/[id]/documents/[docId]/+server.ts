import { ApiError, apiRoute } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { hasBearer, requireToken } from '$lib/server/integration/token-auth';
import { isUuid } from '$lib/server/cases/case-snapshot';
import { documentsApi } from '$lib/server/documents/document-errors';
import { documentVisibleTo } from '$lib/domain/documents/document-access';

/**
 * The PDF: any version to staff (a draft is marked as one); to the portal only a signed document —
 * the applicant's copy — and its first fetch is recorded as the document reaching the cabinet.
 */
export const GET = apiRoute(async (event) => {
	const portal = hasBearer(event) ? await requireToken(event, ['portal']) : null;
	if (!portal) requirePermission(event, 'cases:read');
	const { id = '', docId = '' } = event.params;
	if (!isUuid(id) || !isUuid(docId)) throw ApiError.notFound('document-not-found', 'No such document.');
	const { documents } = event.locals.ctx;
	return documentsApi(async () => {
		const doc = await documents.get(docId);
		if (doc.caseId !== id || !documentVisibleTo(portal ? 'applicant' : 'staff', doc))
			throw ApiError.notFound('document-not-found', 'No such document.');
		if (portal) await documents.recordDownload(docId, `portal:${portal.name}`);
		return new Response(new Uint8Array(doc.pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `inline; filename="${doc.number.replace(/[^\w.-]+/g, '_')}.pdf"`,
				'x-content-sha256': doc.sha256
			}
		});
	});
});
