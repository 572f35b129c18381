import { adminUserAction } from '$lib/server/users/user-admin.route';
import { UserPatchSchema } from '$lib/server/users/user.schemas';

/**
 * An admin's edit of another user: name, unit, roles, active — together or not at all, one audit
 * row; the last active admin stays an active admin (409); a deactivation ends the user's sessions.
 */
export const PATCH = adminUserAction(UserPatchSchema, (ctx, id, body, actor) => ctx.userAdmin.update(id, body, actor));
