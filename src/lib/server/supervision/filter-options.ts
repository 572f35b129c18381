/** The choices of the supervision filters: services, units and officers that occur on cases, and the agencies. */
import { asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agencies, cases, users } from '../db/schema';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';

export async function loadFilterOptions(db: Db, locale: DisplayLocale = 'en') {
	const officerName = userNameSql(locale);
	const [services, units, officers, agencyList] = await Promise.all([
		db.selectDistinct({ v: cases.service }).from(cases).orderBy(asc(cases.service)),
		db.selectDistinct({ v: cases.unit }).from(cases).where(isNotNull(cases.unit)).orderBy(asc(cases.unit)),
		db
			.selectDistinct({ id: users.id, name: officerName })
			.from(users)
			.innerJoin(cases, eq(cases.assigneeId, users.id))
			.orderBy(asc(officerName)),
		db
			.select({ code: agencies.code })
			.from(agencies)
			.orderBy(sql`1`)
	]);
	return {
		services: services.map((r) => r.v),
		units: units.map((r) => r.v!),
		officers,
		agencies: agencyList.map((a) => a.code)
	};
}
