/**
 * The last active admin may neither lose the role nor be deactivated: nobody could administer
 * users any more. Checked inside the changing transaction, under one lock for all admin changes, so
 * two admins removing each other at once cannot both succeed.
 */
import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { userRoles, users } from '../db/schema';

export const LAST_ADMIN_MESSAGE = 'This is the last active admin: make another admin first.';

export async function isLastActiveAdmin(tx: Tx, userId: number): Promise<boolean> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users:admins'))`);
	const admins = (where: ReturnType<typeof eq>) =>
		tx
			.select({ n: count() })
			.from(userRoles)
			.innerJoin(users, eq(users.id, userRoles.userId))
			.where(and(where, eq(userRoles.role, 'admin'), eq(users.disabled, false)));
	const [mine] = await admins(eq(userRoles.userId, userId));
	if (!mine?.n) return false;
	const [others] = await admins(ne(userRoles.userId, userId));
	return (others?.n ?? 0) === 0;
}
