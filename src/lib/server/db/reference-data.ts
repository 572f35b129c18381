/**
 * Rows every installation has: the roles and the state bodies of act 001 (001 L34–82). Inserted at start,
 * idempotently; names are refreshed if the reference data changes.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { agencies, roles } from './schema';
import { AGENCIES } from '../../domain/reference/agencies';
import type { Role } from '../../domain/access/roles';

export const roleDescriptions: Record<Role, string> = {
	registrar: 'Registers incoming applications (кеңсе қызметкері)',
	officer: 'Responsible executor of a case (жауапты орындаушы)',
	head: 'Signs decisions on behalf of the Committee',
	supervisor: 'Watches SLA risk and breaches across the unit',
	complaint_reviewer: 'Reviews complaints against decisions',
	agency_liaison: 'Answers consultation requests for one state body',
	admin: 'Manages users, roles, tokens and the calendar',
	wallboard: 'Read-only wall-board kiosk'
};

export async function ensureReferenceData(db: Db): Promise<void> {
	await db
		.insert(roles)
		.values(Object.entries(roleDescriptions).map(([name, description]) => ({ name, description })))
		.onConflictDoUpdate({ target: roles.name, set: { description: sql`excluded.description` } });
	await db
		.insert(agencies)
		.values(AGENCIES.map((a) => ({ code: a.code, nameEn: a.nameEn, nameRu: a.nameRu, nameKk: a.nameKk })))
		.onConflictDoUpdate({
			target: agencies.code,
			set: { nameEn: sql`excluded.name_en`, nameRu: sql`excluded.name_ru`, nameKk: sql`excluded.name_kk` }
		});
}
