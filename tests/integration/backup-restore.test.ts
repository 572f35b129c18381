/**
 * `npm run backup` / `npm run restore` as an operator runs them (the scripts, in child processes):
 * a backup taken while the server runs and writes, restored into a new place with its audit trail
 * verified; a foreign or truncated file refused with nothing changed; the live embedded folder
 * never opened by a script while the server runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';
import { opsEnv, startOpsServer, withContext, type OpsServer } from '../helpers/ops-server';
import { HttpClient } from '../helpers/http-client';
import { users } from '../../src/lib/server/db/schema';

const PASSWORD = 'Ops-backup-passw0rd!';
const root = mkdtempSync(join(tmpdir(), 'merzim-ops-backup-'));
const live = join(root, 'live');
const restored = join(root, 'restored');
const backupFile = join(root, 'merzim.backup');
const adminUrl = process.env.DATABASE_URL;
const liveDb = `merzim_ops_backup_live_${process.pid}`;
const restoredDb = `merzim_ops_backup_restored_${process.pid}`;
let liveEnv: Record<string, string>;
let restoredEnv: Record<string, string>;
let server: OpsServer;

function script(name: 'backup' | 'restore' | 'audit-verify', args: string[], env: Record<string, string>) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
		env: { ...process.env, ...env },
		encoding: 'utf8',
		timeout: 120_000
	});
	return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
	liveEnv = opsEnv({
		dataDir: live,
		databaseUrl: usingPostgres ? await recreateDatabase(adminUrl!, liveDb) : undefined
	});
	restoredEnv = opsEnv({
		dataDir: restored,
		databaseUrl: usingPostgres ? await recreateDatabase(adminUrl!, restoredDb) : undefined
	});
	await withContext(liveEnv, async (ctx) => {
		for (let i = 0; i < 3; i++)
			await ctx.users.create(
				{ username: `ops-b${i}`, displayName: `Backup ${i}`, password: PASSWORD, roles: ['officer'] },
				{ userId: null, label: 'test' }
			);
	});
	server = await startOpsServer(liveEnv);
}, 180_000);

afterAll(async () => {
	server?.signal('SIGKILL');
	await server?.exited;
	if (usingPostgres) {
		await dropDatabase(adminUrl!, liveDb);
		await dropDatabase(adminUrl!, restoredDb);
	}
	rmSync(root, { recursive: true, force: true });
});

describe('backup while the server runs', () => {
	it.skipIf(usingPostgres)('refuses to open the live embedded folder from a script, saying why', () => {
		const r = script('audit-verify', [], liveEnv);
		expect(r.code).not.toBe(0);
		expect(r.out).toMatch(/in use by process \d+ \(a running Merzim server/);
	});

	it('writes a backup while sign-ins are written, and restores it with the audit trail verified', async () => {
		// Writers during the backup: each sign-in appends to the audit trail.
		const http = new HttpClient(server.url, '10.21.7.1');
		let writing = true;
		let signIns = 0;
		const writer = (async () => {
			while (writing) {
				expect((await http.signIn(`ops-b${signIns % 3}`, PASSWORD)).status).toBe(201);
				signIns++;
			}
		})();
		const backup = new Promise<ReturnType<typeof script>>((ok) =>
			setTimeout(() => ok(script('backup', ['--out', backupFile], liveEnv)), 200)
		);
		const b = await backup;
		writing = false;
		await writer;
		expect(b.code, b.out).toBe(0);
		expect(b.out).toMatch(/Backup written to/);
		expect(signIns).toBeGreaterThan(0);
		expect(readFileSync(backupFile).subarray(0, 15).toString()).toBe('MERZIM-BACKUP 1');

		const r = script('restore', [backupFile], restoredEnv);
		expect(r.code, r.out).toBe(0);
		expect(r.out).toMatch(/Audit trail of the restored copy intact: \d+ rows verified/);
		await withContext(restoredEnv, async (ctx) => {
			const names = (await ctx.db.select().from(users)).map((u) => u.username);
			expect(names).toEqual(expect.arrayContaining(['ops-b0', 'ops-b1', 'ops-b2']));
		});
	});

	it('refuses a file that is not ours and a truncated one, changing nothing', () => {
		const foreign = join(root, 'foreign.dump');
		writeFileSync(foreign, 'PGDMP\x01\x0e\x00 not ours');
		const before = usingPostgres ? null : readdirSync(join(restored, 'pglite')).sort();
		const f = script('restore', [foreign], restoredEnv);
		expect(f.code).not.toBe(0);
		expect(f.out).toMatch(/not a Merzim backup/);
		const truncated = join(root, 'truncated.backup');
		const full = readFileSync(backupFile);
		writeFileSync(truncated, full.subarray(0, Math.floor(full.length * 0.7)));
		const t = script('restore', [truncated], restoredEnv);
		expect(t.code).not.toBe(0);
		expect(t.out).toMatch(/truncated/);
		if (before) {
			expect(readdirSync(join(restored, 'pglite')).sort()).toEqual(before);
			expect(readdirSync(restored).filter((n) => n.includes('before-restore'))).toEqual([]);
		}
	});

	it.runIf(usingPostgres)('refuses to restore into a database that is not empty', () => {
		const r = script('restore', [backupFile], restoredEnv);
		expect(r.code).not.toBe(0);
		expect(r.out).toMatch(/not empty/);
	});

	it.skipIf(usingPostgres)('refuses to restore over the folder of a running server', () => {
		const r = script('restore', [backupFile], liveEnv);
		expect(r.code).not.toBe(0);
		expect(r.out).toMatch(/in use by process/);
		expect(existsSync(join(live, 'pglite'))).toBe(true);
	});
});
