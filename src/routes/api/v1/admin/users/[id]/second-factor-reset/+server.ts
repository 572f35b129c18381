import { z } from 'zod';
import { adminUserAction } from '$lib/server/users/user-admin.route';

/** A lost authenticator: removed with the reason on record; the user enrols again at the next sign-in. */
export const POST = adminUserAction(
	z.object({ reason: z.string().trim().min(10, 'Say why, in at least 10 characters.').max(500) }).strict(),
	(ctx, id, body, actor) => ctx.userAdmin.resetSecondFactor(id, body.reason, actor)
);
