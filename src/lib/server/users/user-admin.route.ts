/**
 * The admin's user actions as API routes: the same permission check, body schema and error mapping
 * for each (a rule broken, e.g. the last admin, is a 409 naming it, an invalid combination such as a
 * liaison without an agency a 422; nothing changed).
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute, ApiError } from '../http/api-error';
import { readJson } from '../http/json-body';
import { requirePermission } from '../auth/guard';
import { isUserInputError } from './users.service';
import type { Actor } from '../audit/audit.repository';
import type { AppContext } from '../context';

const UserId = z.coerce.number().int().positive();

export function adminUserAction<S extends z.ZodType>(
	schema: S,
	act: (ctx: AppContext, userId: number, body: z.infer<S>, actor: Actor) => Promise<unknown>
) {
	return apiRoute(async (event: RequestEvent) => {
		const admin = requirePermission(event, 'users:manage');
		const id = UserId.safeParse(event.params.id);
		if (!id.success) throw ApiError.notFound('user-not-found', 'No such user.');
		const body = (await readJson(event.request, schema)) as z.infer<S>;
		try {
			await act(event.locals.ctx, id.data, body, { userId: admin.id, label: admin.username });
		} catch (e) {
			if (!isUserInputError(e)) throw e;
			const status = e.kind === 'not-found' ? 404 : e.kind === 'invalid' ? 422 : 409;
			throw new ApiError(status, e.message, { ...e.fields });
		}
		return json({ id: id.data, ...(await event.locals.ctx.users.publicView(id.data)) });
	});
}

export const EmptyBody = z.object({}).strict();
