import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { verifyAuditTrail } from '$lib/server/audit/audit.repository';

/** Re-derives the audit trail's hash chains; `ok: false` lists every break. */
export const GET = apiRoute(async (event) => {
	requirePermission(event, 'audit:verify');
	const { rows, breaks } = await verifyAuditTrail(event.locals.ctx.db);
	return json({ ok: breaks.length === 0, rows, breaks });
});
