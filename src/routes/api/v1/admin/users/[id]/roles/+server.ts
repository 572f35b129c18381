import { z } from 'zod';
import { adminUserAction } from '$lib/server/users/user-admin.route';
import { RolesSchema } from '$lib/server/users/user.schemas';

/** Replaces the user's roles; the last active admin keeps the admin role (409). */
export const PUT = adminUserAction(z.object({ roles: RolesSchema }).strict(), (ctx, id, body, actor) =>
	ctx.userAdmin.setRoles(id, body.roles, actor)
);
