/**
 * The integration project's global set-up: the committed migrations run once per run, not once per
 * test file. On PGlite the migrated cluster is dumped to a file that each test database starts
 * from; on PostgreSQL a migrated database serves as the template of each test database (`create
 * database … template`). Both still hold exactly what the migrations make: a test database starts
 * as the migrations leave it, and `migrate` then finds nothing to apply.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

/**
 * The migrations run in a process of their own (migrate-once.ts): this set-up is loaded through
 * Vite's resolver, which picks packages' bundler builds that Node itself cannot load.
 */
function migrateOnce(env: Record<string, string>, dumpTo = ''): void {
	execFileSync(process.execPath, ['--import', 'tsx', 'tests/helpers/migrate-once.ts', dumpTo], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

declare module 'vitest' {
	export interface ProvidedContext {
		/** The migrated PGlite dump each test database starts from ('' on PostgreSQL). */
		pgliteTemplate: string;
		/** The migrated PostgreSQL database each test database copies ('' on PGlite). */
		postgresTemplate: string;
	}
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
	const adminUrl = process.env.DATABASE_URL;
	if (adminUrl) {
		const name = `merzim_template_${process.pid}`;
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.unsafe(`create database ${name}`);
		// A template must have no connections while it is copied: the migrating process has ended.
		migrateOnce({ DATABASE_URL: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString() });
		project.provide('pgliteTemplate', '');
		project.provide('postgresTemplate', name);
		return async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	}
	const dir = mkdtempSync(join(tmpdir(), 'merzim-template-'));
	const file = join(dir, 'migrated.tar.gz');
	migrateOnce({ DATABASE_URL: '' }, file);
	project.provide('pgliteTemplate', file);
	project.provide('postgresTemplate', '');
	return async () => rmSync(dir, { recursive: true, force: true });
}
