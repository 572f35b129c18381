/**
 * One `createDb()` for both drivers: PostgreSQL through postgres.js when a URL is given, embedded
 * PGlite (kept on disk in `dataDir`, or in memory for `memory://`) when it is not. Both speak the
 * same schema and run the same committed migrations from `drizzle/`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export interface DbHandle {
	db: Db;
	driver: 'postgres' | 'pglite';
	close(): Promise<void>;
}

export interface DbOptions {
	/** postgres://… — when absent, PGlite is used. */
	url?: string;
	/** Where PGlite keeps its files; `memory://` keeps them in memory (tests). */
	dataDir?: string;
	/** Folder of the committed migrations. */
	migrationsFolder?: string;
	/** Max pool size for postgres.js. */
	poolSize?: number;
}

export async function createDb(options: DbOptions): Promise<DbHandle> {
	const migrationsFolder = options.migrationsFolder ?? resolve('drizzle');
	if (options.url) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(options.url, {
			max: options.poolSize ?? 10,
			onnotice: () => {}
		});
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
		return { db: db as unknown as Db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const dataDir = options.dataDir ?? resolve('data', 'pglite');
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const client = await PGlite.create(dataDir);
	const db = drizzle(client, { schema });
	await migrate(db, { migrationsFolder });
	return { db: db as unknown as Db, driver: 'pglite', close: () => client.close() };
}
