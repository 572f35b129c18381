import { adminUserAction, EmptyBody } from '$lib/server/users/user-admin.route';

/** Deactivates the account; every session of it ends at once (its history stays). */
export const POST = adminUserAction(EmptyBody, (ctx, id, _body, actor) => ctx.userAdmin.deactivate(id, actor));
