import { adminUserAction, EmptyBody } from '$lib/server/users/user-admin.route';

export const POST = adminUserAction(EmptyBody, (ctx, id, _body, actor) => ctx.userAdmin.reactivate(id, actor));
