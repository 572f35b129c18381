/**
 * One `createDb()` for both databases, both through postgres.js: PostgreSQL when a URL is given,
 * else embedded PGlite (kept on disk in `dataDir`, or in memory for `memory://`) served on its own
 * thread. Both speak the same schema and run the same committed migrations from `drizzle/`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { Sql } from 'postgres';
import * as schema from './schema';
import { tracingEnabled } from '../observability/tracing';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

/** The rows of a raw `db.execute` (an array from postgres.js; `{ rows }` from other drivers). */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/**
 * The postgres.js client behind `db` (both databases use it), for a hot raw statement that should
 * run as a named prepared statement: drizzle prepares only query-builder queries given a name.
 */
export function sqlClient(db: Db): Sql {
	const client = (db as unknown as { $client?: Sql }).$client;
	if (!client) throw new Error('not a postgres.js database (a transaction has no client of its own)');
	return client;
}

export interface DbHandle {
	db: Db;
	driver: 'postgres' | 'pglite';
	close(): Promise<void>;
	/** PGlite only: its data folder as a gzipped tarball, taken between transactions. */
	dump?: () => Promise<Uint8Array>;
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
	/** PGlite only: start from this `dump()` tarball (tests start from one migrated copy). */
	startFrom?: string;
}

/**
 * Seconds a pool connection waits before connecting again after failed attempts (postgres.js's
 * `backoff`; its count is shared by the pool). postgres.js's own grows to 7–20 s after six failures,
 * and a query handed to a connection waits that long: while PostgreSQL was down a request took 5 s
 * and more to be answered 503, and as long to succeed once it was back (the cluster test). Capped at
 * a second: a refused connection costs microseconds.
 */
export function reconnectBackoff(retries: number): number {
	return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1);
}

export async function createDb(options: DbOptions): Promise<DbHandle> {
	const migrationsFolder = options.migrationsFolder ?? resolve('drizzle');
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	// Query spans only when traces are exported (ADR-068); the session classes are patched once.
	if (tracingEnabled()) (await import('./query-tracing')).instrumentQueries();
	if (options.url) {
		const client = postgres(options.url, {
			max: options.poolSize ?? 10,
			backoff: reconnectBackoff,
			onnotice: () => {}
		});
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
		return { db: db as unknown as Db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
	}
	// PGlite on its own thread, reached over the wire protocol (embedded-postgres.ts): the same
	// driver as PostgreSQL, and the server's thread stays free for sockets and pages.
	const { startEmbeddedPostgres } = await import('./embedded-postgres');
	const dataDir = options.dataDir ?? resolve('data', 'pglite');
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const embedded = await startEmbeddedPostgres(dataDir, { startFrom: options.startFrom });
	// One connection: PGlite is one session (a second would only queue behind it).
	const client = postgres({
		host: embedded.socketDir,
		port: embedded.port,
		username: 'postgres',
		database: 'postgres',
		max: 1,
		onnotice: () => {}
	});
	const close = async () => {
		await client.end({ timeout: 5 });
		await embedded.close();
	};
	try {
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
		return { db: db as unknown as Db, driver: 'pglite', close, dump: embedded.dump };
	} catch (e) {
		await close();
		throw e;
	}
}
