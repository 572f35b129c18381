/**
 * The browser project's global set-up: the production build seeds the demo once per run, and each
 * test file's server starts on a copy of that seeded data (a copied PGlite folder, or on
 * PostgreSQL a database made from the seeded one as its template). Seeding is most of a fresh
 * server's start; the copy holds exactly what `npm start` leaves on a new machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnBuiltServer } from './built-server';
import { dropDatabase, recreateDatabase } from './pg-admin';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A stopped server's data folder, seeded on PGlite. */
		e2eSeededDataDir: string;
		/** A PostgreSQL database seeded by the built server, and the data folder that run used. */
		e2eSeededDatabase: string;
		e2eSeededDatabaseDir: string;
	}
}

export const e2eAdminUrl =
	process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Starts the build on `dataDir` until it serves (the demo is seeded by then), and stops it. */
async function seed(env: Record<string, string>): Promise<string> {
	const server = spawnBuiltServer(env, mkdtempSync(join(tmpdir(), 'merzim-e2e-seeded-')));
	// Seeding takes longer than a start; a loaded machine takes minutes.
	await server.waitFor(/serving on /, 600_000);
	await server.stop();
	return server.dataDir;
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
	const name = `merzim_e2e_seeded_${process.pid}`;
	const url = await recreateDatabase(e2eAdminUrl, name);
	const pglite = { dataDir: await seed({ DATABASE_URL: '' }) };
	const onPostgres = { dataDir: await seed({ DATABASE_URL: url }) };
	project.provide('e2eSeededDataDir', pglite.dataDir);
	project.provide('e2eSeededDatabase', name);
	project.provide('e2eSeededDatabaseDir', onPostgres.dataDir);
	return async () => {
		await dropDatabase(e2eAdminUrl, name);
		for (const dir of [pglite.dataDir, onPostgres.dataDir]) rmSync(dir, { recursive: true, force: true });
	};
}
