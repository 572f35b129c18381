import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { idempotencyKey, writeResponse } from '$lib/server/integration/token-auth';
import { STAFF_ACTIONS, type StaffAction } from '$lib/domain/procedures';
import { z } from 'zod';

const AnyJson = z.unknown();

/** Every action the case page offers, with the same checks (role, stage, assignee, body). */
export const POST = apiRoute(async (event) => {
	const user = requirePermission(event, 'cases:read');
	const action = event.params.action ?? '';
	if (!(STAFF_ACTIONS as readonly string[]).includes(action))
		throw new ApiError(404, `No action "${action}". Actions: ${STAFF_ACTIONS.join(', ')}.`);
	const body = await readJson(event.request, AnyJson, 64 * 1024);
	const actor = {
		kind: 'staff' as const,
		userId: user.id,
		username: user.username,
		roles: user.roles,
		unit: user.unit
	};
	return writeResponse(
		await event.locals.ctx.cases.staffAction(
			event.params.id ?? '',
			action as StaffAction,
			body,
			actor,
			idempotencyKey(event)
		)
	);
});
