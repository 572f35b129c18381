/**
 * The integration project's global set-up: the committed migrations run once per run, not once per
 * test file. On PGlite the migrated cluster is dumped to a file that each test database starts
 * from; on PostgreSQL a migrated database serves as the template of each test database (`create
 * database … template`). Both still hold exactly what the migrations make: a test database starts
 * as the migrations leave it, and `migrate` then finds nothing to apply.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/lib/server/db/client';

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
		const migrated = await createDb({ url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString() });
		// A template must have no connections while it is copied.
		await migrated.close();
		project.provide('pgliteTemplate', '');
		project.provide('postgresTemplate', name);
		return async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	}
	const dir = mkdtempSync(join(tmpdir(), 'merzim-template-'));
	const file = join(dir, 'migrated.tar.gz');
	const migrated = await createDb({ dataDir: 'memory://' });
	writeFileSync(file, await migrated.dump!());
	await migrated.close();
	project.provide('pgliteTemplate', file);
	project.provide('postgresTemplate', '');
	return async () => rmSync(dir, { recursive: true, force: true });
}
