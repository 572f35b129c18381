import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { hasBearer, requireToken } from '$lib/server/integration/token-auth';
import { isUuid } from '$lib/server/cases/case-snapshot';
import { documentsApi } from '$lib/server/documents/document-errors';
import { documentJson } from '$lib/server/documents/document-json';
import { documentVisibleTo } from '$lib/domain/documents/document-access';
import { DOCUMENT_KINDS } from '$lib/domain/documents/kinds';

/** The case's documents: every version to staff; only the signed ones to the portal (the applicant's copies). */
export const GET = apiRoute(async (event) => {
	const audience = hasBearer(event)
		? (await requireToken(event, ['portal']), 'applicant' as const)
		: (requirePermission(event, 'cases:read'), 'staff' as const);
	const caseId = event.params.id ?? '';
	if (!isUuid(caseId)) throw ApiError.notFound('case-not-found', 'No such case.');
	const rows = await event.locals.ctx.documents.list(caseId);
	return json({ documents: rows.filter((d) => documentVisibleTo(audience, d)).map(documentJson) });
});

const CreateSchema = z.object({ kind: z.enum(DOCUMENT_KINDS) }).strict();

/** The officer makes (or re-makes, while unsigned) the draft of a document from the case as it is now. */
export const POST = apiRoute(async (event) => {
	const user = requirePermission(event, 'cases:read');
	const caseId = event.params.id ?? '';
	if (!isUuid(caseId)) throw ApiError.notFound('case-not-found', 'No such case.');
	const { kind } = await readJson(event.request, CreateSchema, 4 * 1024);
	return documentsApi(async () =>
		json(documentJson(await event.locals.ctx.documents.create(caseId, kind, user)), { status: 201 })
	);
});
