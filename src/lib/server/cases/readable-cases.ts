/**
 * The SQL side of mayReadCase (domain/access/confidential-cases.ts): which cases a list may show to
 * this user. A device-verification case (004 P 14–15) is listed for heads and for the officers who
 * work it (its assignee; any officer while nobody has taken it; the substitute of an absent
 * assignee, policy.ts `mayOpenCase`), for nobody else.
 */
import { inArray, isNull, notInArray, or, type SQL } from 'drizzle-orm';
import { cases } from '../db/schema';
import { CONFIDENTIAL_SERVICES } from '../../domain/access/confidential-cases';
import type { Role } from '../../domain/access/roles';

const SERVICES = Object.keys(CONFIDENTIAL_SERVICES);

export function readableCases(user: {
	id: number;
	roles: readonly Role[];
	kiosk?: boolean;
	standsInFor?: readonly number[];
}): SQL | undefined {
	if (!user.kiosk && user.roles.includes('head')) return undefined;
	if (!user.kiosk && user.roles.includes('officer'))
		return or(
			notInArray(cases.service, SERVICES),
			isNull(cases.assigneeId),
			inArray(cases.assigneeId, [user.id, ...(user.standsInFor ?? [])])
		);
	return notInArray(cases.service, SERVICES);
}
