/**
 * Which deployment this process belongs to, as far as Redis is concerned. Several deployments may
 * share one Redis (and pub/sub ignores Redis database numbers), so each needs channels of its own:
 * `REDIS_PREFIX`, or by default a name unique to its database — the cluster's system identifier
 * and the database's name and oid. The same identity travels with every outbox run forwarded to the
 * other processes, so a run from another database is refused even when two deployments were
 * given the same prefix by mistake (its ids are another outbox's: taking them would skip our own).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../src/lib/server/db/client';

/** `<system identifier>:<database oid>:<database name>` of the database this process writes to. */
export async function databaseIdentity(db: Db): Promise<string> {
	const result = await db.execute(sql`
		select (select system_identifier::text from pg_control_system()) || ':' || d.oid::text || ':' || d.datname as id
		from pg_database d where d.datname = current_database()`);
	const id = rowsOf<{ id: string }>(result)[0]?.id;
	if (!id) throw new Error('could not read the database identity (pg_control_system)');
	return id;
}

/** The Redis channel prefix: the configured one, else one derived from the database. */
export function redisPrefix(configured: string | undefined, identity: string): string {
	return configured ?? `merzim:${identity}`;
}

let warned = false;
/** A forwarded outbox run from another database is dropped; said once per process, not per run. */
export function refuseForeignRun(from: unknown): void {
	if (warned) return;
	warned = true;
	console.error(
		`outbox:rows from another deployment (${String(from).slice(0, 120)}) refused: ` +
			'two deployments share one Redis and one REDIS_PREFIX; give each its own'
	);
}
