import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { attachmentCaller } from '$lib/server/attachments/attachment-request';
import { WithdrawSchema } from '$lib/server/attachments/attachments.service';

/** Withdraws an attachment with a reason `{ reason }`: kept, marked, audited (never deleted; ADR-056). */
export const POST = apiRoute(async (event) => {
	const caller = await attachmentCaller(event);
	if (caller.kind !== 'staff') throw new ApiError(403, 'Only the Committee withdraws an attachment.');
	const body = await readJson(event.request, WithdrawSchema, 8 * 1024);
	return json(
		await event.locals.ctx.attachments.withdraw(event.params.id ?? '', event.params.attId ?? '', caller, body)
	);
});
