import { json } from '@sveltejs/kit';
import { ApiError, apiRoute } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { hasBearer, requireToken } from '$lib/server/integration/token-auth';
import { isUuid } from '$lib/server/cases/case-snapshot';
import { documentsApi } from '$lib/server/documents/document-errors';
import { documentVisibleTo } from '$lib/domain/documents/document-access';
import { reasonText } from '$lib/server/signing/refusal-text';
import { displayLocale } from '$lib/format';

/**
 * Who signed, whether the signature holds over the stored bytes, whether it chains to a trust anchor,
 * and whether the certificate was revoked when it signed (ADR-081).
 */
export const GET = apiRoute(async (event) => {
	const portal = hasBearer(event) ? await requireToken(event, ['portal']) : null;
	if (!portal) requirePermission(event, 'cases:read');
	const id = event.params.id ?? '';
	if (!isUuid(id)) throw ApiError.notFound('document-not-found', 'No such document.');
	const { documents } = event.locals.ctx;
	return documentsApi(async () => {
		const doc = await documents.get(id);
		if (!documentVisibleTo(portal ? 'applicant' : 'staff', doc))
			throw ApiError.notFound('document-not-found', 'No such document.');
		const v = await documents.verify(id);
		// The revocation reason in words, in the caller's language (ADR-081).
		const revocation = { ...v.revocation, reasonText: reasonText(v.revocation.reason, displayLocale()) };
		return json({ documentId: id, ...v, revocation });
	});
});
