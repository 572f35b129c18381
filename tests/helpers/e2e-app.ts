/**
 * The set-up every browser test file shares: the production build started as `npm start` starts it
 * — on a PostgreSQL database of its own when `database` is given (for tests that write behind the
 * server's back, as another process would), else on its own PGlite data directory, each a copy of
 * the demo the run seeded once (e2e-template.ts) — and Chromium, before the file's tests; after
 * them both are stopped and the database dropped. Hooks the file registers afterwards run after
 * these at the start and before them at the end.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { startBuiltServer, type BuiltServer } from './built-server';
import { launchChromium } from './browser';
import { dropDatabase } from './pg-admin';
import { e2eAdminUrl as adminUrl } from './e2e-template';

export interface E2eApp {
	/** The running server; a test that restarts it puts the new one here, so it is stopped at the end. */
	server: BuiltServer;
	browser: Browser;
	/** The server's own PostgreSQL database (with `database`), else ''. */
	databaseUrl: string;
}

export interface E2eOptions {
	/** Run on a fresh PostgreSQL database of this name (the process id is appended). */
	database?: string;
	/** More environment for the server. */
	env?: Record<string, string>;
	/** PGlite data directory (default: a fresh temporary one). */
	dataDir?: string;
}

/** A fresh data folder holding a copy of the seeded one (tests/helpers/e2e-template.ts). */
function copyOf(seeded: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'merzim-e2e-'));
	cpSync(seeded, dir, { recursive: true });
	return dir;
}

/** The file's own database, a copy of the seeded one. */
async function copySeededDatabase(name: string): Promise<void> {
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name} template ${inject('e2eSeededDatabase')}`);
	await admin.end();
}

export function useE2eApp(options: E2eOptions = {}): E2eApp {
	const name = options.database && `${options.database}_${process.pid}`;
	const databaseUrl = name ? Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString() : '';
	const app = { databaseUrl } as E2eApp;
	beforeAll(async () => {
		if (name) await copySeededDatabase(name);
		const env = { ...(name ? { DATABASE_URL: databaseUrl } : {}), ...options.env };
		const dataDir = options.dataDir ?? copyOf(inject(name ? 'e2eSeededDatabaseDir' : 'e2eSeededDataDir'));
		app.server = await startBuiltServer(env, dataDir);
		app.browser = await launchChromium();
	});
	afterAll(async () => {
		await app.browser?.close();
		await app.server?.stop();
		if (name) await dropDatabase(adminUrl, name);
	});
	return app;
}
