/**
 * A fresh database per test file: PGlite in memory by default, or a new PostgreSQL database
 * (created from DATABASE_URL, dropped afterwards) when DATABASE_URL is set. Both run the real
 * committed migrations.
 */
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../../src/lib/server/db/client';
// The names `inject` is given: declared beside the set-up that provides them.
import type {} from './migrated-template';
import { cases, organisations } from '../../src/lib/server/db/schema';

export const usingPostgres = !!process.env.DATABASE_URL;

/** What the integration project's global set-up migrated once (tests/helpers/migrated-template.ts). */
const template = (key: 'pgliteTemplate' | 'postgresTemplate'): string => inject(key) ?? '';

export async function createTestDb(): Promise<DbHandle & { url?: string }> {
	const adminUrl = process.env.DATABASE_URL;
	if (!adminUrl) return createDb({ dataDir: 'memory://', startFrom: template('pgliteTemplate') || undefined });
	const name = `merzim_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	const from = template('postgresTemplate');
	await admin.unsafe(`create database ${name}${from ? ` template ${from}` : ''}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const handle = await createDb({ url: url.toString(), poolSize: 5 });
	return {
		...handle,
		url: url.toString(),
		close: async () => {
			await handle.close();
			const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists ${name} with (force)`);
			await again.end();
		}
	};
}

export { dropDatabase, recreateDatabase } from './pg-admin';

/**
 * A case for an organisation of its own, with no clocks, written straight into the tables: what the
 * outbox and realtime tests write case events against.
 */
export async function insertCase(
	db: DbHandle['db'],
	c: {
		number: string;
		stage: string;
		service?: string;
		organisation?: string;
		unit?: string;
		assigneeId?: number | null;
		application?: Record<string, unknown>;
		at?: Date;
	}
): Promise<string> {
	const [org] = await db
		.insert(organisations)
		.values({ bin: '000740001307', name: c.organisation ?? 'ТОО «Тест»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const now = c.at ?? new Date();
	const [row] = await db
		.insert(cases)
		.values({
			number: c.number,
			service: c.service ?? 'export-licence',
			stage: c.stage,
			applicantId: org!.id,
			assigneeId: c.assigneeId,
			unit: c.unit,
			receivedAt: now,
			registeredOn: '2026-03-02',
			application: c.application ?? {},
			createdAt: now,
			updatedAt: now
		})
		.returning();
	return row!.id;
}

/** A case in consultation (see insertCase). */
export function insertConsultationCase(
	db: DbHandle['db'],
	number: string,
	organisation = 'ТОО «Тест»'
): Promise<string> {
	return insertCase(db, { number, stage: 'consultation', organisation });
}
