/**
 * Backups and restores of either database, consistent while the server runs:
 * - PGlite: through the running server's control socket (its worker dumps between transactions), or,
 *   when no server holds the folder, by opening it under the folder's lock;
 * - PostgreSQL: `pg_dump --format=custom` (one snapshot) and `pg_restore` into an empty database.
 * A restore is followed by `audit:verify` on the restored copy.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import type { AppConfig } from '../config';
import { createDb } from '../db/client';
import { lockDataDir, lockHolder } from '../db/data-dir-lock';
import { verifyAuditTrail } from '../audit/audit.repository';
import { BackupFileError, decodeBackup, encodeBackup, type BackupHeader } from './backup-file';

export const pgliteDir = (config: Pick<AppConfig, 'dataDir'>) => resolve(config.dataDir, 'pglite');

export async function takeBackup(config: AppConfig, now: Date): Promise<Buffer> {
	if (config.databaseUrl) {
		const payload = await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', config.databaseUrl]);
		return encodeBackup(
			{ driver: 'postgres', createdAt: now.toISOString(), migrations: await migrationsOf(config.databaseUrl) },
			payload
		);
	}
	const dir = pgliteDir(config);
	if (!existsSync(dir)) throw new BackupFileError(`There is no embedded database in ${dir}.`);
	const holder = lockHolder(dir);
	const payload = holder?.controlSocket ? await askServer(holder.controlSocket) : await dumpIdle(dir);
	return encodeBackup({ driver: 'pglite', createdAt: now.toISOString(), migrations: -1 }, payload);
}

/** The folder is not in use: open it ourselves, under its lock, so no server starts meanwhile. */
async function dumpIdle(dir: string): Promise<Uint8Array> {
	const release = lockDataDir(dir);
	try {
		const { PGlite } = await import('@electric-sql/pglite');
		const db = await PGlite.create(dir);
		try {
			return new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
		} finally {
			await db.close();
		}
	} finally {
		release();
	}
}

function askServer(socketPath: string): Promise<Uint8Array> {
	return new Promise((ok, fail) => {
		const socket = connect(socketPath);
		const chunks: Buffer[] = [];
		socket.on('connect', () => socket.write('dump\n'));
		socket.on('data', (c: Buffer) => chunks.push(c));
		socket.on('error', (e) => fail(new Error(`The running server did not answer on ${socketPath}: ${e.message}`)));
		socket.on('end', () => {
			const all = Buffer.concat(chunks);
			const nl = all.indexOf(0x0a);
			const head = all.subarray(0, nl).toString('utf8');
			const m = /^OK (\d+)$/.exec(head);
			if (!m) return fail(new Error(`The running server refused the backup: ${head.replace(/^ERR /, '')}`));
			const body = all.subarray(nl + 1);
			if (body.length !== Number(m[1])) return fail(new Error('The backup from the server was cut short.'));
			ok(new Uint8Array(body));
		});
	});
}

export interface RestoreResult {
	header: BackupHeader;
	target: string;
	/** Where the embedded folder that was there before was moved (nothing is deleted). */
	movedAside?: string;
	auditRows: number;
	auditBreaks: number;
}

export async function restoreBackup(config: AppConfig, file: Uint8Array, now: Date): Promise<RestoreResult> {
	const { header, payload } = decodeBackup(file);
	if (header.driver === 'postgres' && !config.databaseUrl)
		throw new BackupFileError('This is a PostgreSQL backup: set DATABASE_URL to the (empty) database to restore into.');
	if (header.driver === 'pglite' && config.databaseUrl)
		throw new BackupFileError('This is a backup of the embedded database: unset DATABASE_URL to restore it.');
	if (header.driver === 'postgres') {
		const url = config.databaseUrl!;
		await refuseNonEmpty(url);
		const scratch = mkdtempSync(join(tmpdir(), 'merzim-restore-'));
		try {
			const archive = join(scratch, 'db.dump');
			writeFileSync(archive, payload, { mode: 0o600 });
			await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', url, archive]);
		} finally {
			rmSync(scratch, { recursive: true, force: true });
		}
		return { header, target: url.replace(/:[^:@/]*@/, ':***@'), ...(await verify(config)) };
	}
	const dir = pgliteDir(config);
	const release = lockDataDir(dir); // refuses while a server runs on it
	let movedAside: string | undefined;
	try {
		if (existsSync(dir) && readdirSync(dir).length > 0) {
			movedAside = `${dir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
			renameSync(dir, movedAside);
		}
		const { PGlite } = await import('@electric-sql/pglite');
		const db = await PGlite.create(dir, { loadDataDir: new Blob([new Uint8Array(payload)]) });
		await db.close();
	} catch (e) {
		if (movedAside) {
			rmSync(dir, { recursive: true, force: true });
			renameSync(movedAside, dir);
		}
		throw e;
	} finally {
		release();
	}
	return { header, target: dir, movedAside, ...(await verify(config)) };
}

async function verify(config: AppConfig) {
	const handle = await createDb({ url: config.databaseUrl, dataDir: pgliteDir(config) });
	try {
		const { rows, breaks } = await verifyAuditTrail(handle.db);
		return { auditRows: rows, auditBreaks: breaks.length };
	} finally {
		await handle.close();
	}
}

async function refuseNonEmpty(url: string) {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const [row] = await sql<{ n: string }[]>`
			select count(*)::text as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
		if (Number(row?.n) > 0)
			throw new BackupFileError(
				'The target database is not empty: restore into a new database (e.g. `createdb ' +
					'merzim_restored`) and point DATABASE_URL at it.'
			);
	} finally {
		await sql.end();
	}
}

async function migrationsOf(url: string): Promise<number> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const [row] = await sql<{ n: string }[]>`select count(*)::text as n from drizzle.__drizzle_migrations`;
		return Number(row?.n ?? 0);
	} catch {
		return 0;
	} finally {
		await sql.end();
	}
}

function run(cmd: string, args: string[]): Promise<Buffer> {
	return new Promise((ok, fail) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		let err = '';
		child.stdout.on('data', (c: Buffer) => out.push(c));
		child.stderr.on('data', (c: Buffer) => (err += c.toString()));
		child.on('error', (e) =>
			fail(new Error(`${cmd} could not run (${e.message}); install Debian's postgresql-client.`))
		);
		child.on('close', (code) =>
			code === 0 ? ok(Buffer.concat(out)) : fail(new Error(`${cmd} failed (${code}): ${err.trim()}`))
		);
	});
}
