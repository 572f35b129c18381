import { json } from '@sveltejs/kit';
import { ApiError, apiRoute } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { hasBearer, requireToken } from '$lib/server/integration/token-auth';
import { isUuid } from '$lib/server/cases/case-snapshot';
import { documentsApi } from '$lib/server/documents/document-errors';
import { documentVisibleTo } from '$lib/domain/documents/document-access';

/** Who signed, whether the signature holds over the stored bytes, and whether it chains to a trust anchor. */
export const GET = apiRoute(async (event) => {
	const portal = hasBearer(event) ? await requireToken(event, ['portal']) : null;
	if (!portal) requirePermission(event, 'cases:read');
	const id = event.params.id ?? '';
	if (!isUuid(id)) throw new ApiError(404, 'No such document.');
	const { documents } = event.locals.ctx;
	return documentsApi(async () => {
		const doc = await documents.get(id);
		if (!documentVisibleTo(portal ? 'applicant' : 'staff', doc)) throw new ApiError(404, 'No such document.');
		return json({ documentId: id, ...(await documents.verify(id)) });
	});
});
