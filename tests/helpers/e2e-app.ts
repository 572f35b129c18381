/**
 * The set-up every browser test file shares: the production build started as `npm start` starts
 * it — on a fresh PostgreSQL database of its own when `database` is given (for tests that write
 * behind the server's back, as another process would), else on its own PGlite data directory —
 * and Chromium, before the file's tests; after them both are stopped and the database dropped.
 * Hooks the file registers afterwards run after these at the start and before them at the end.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startBuiltServer, type BuiltServer } from './built-server';
import { launchChromium } from './browser';
import { dropDatabase, recreateDatabase } from './test-db';

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

const adminUrl =
	process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function useE2eApp(options: E2eOptions = {}): E2eApp {
	const name = options.database && `${options.database}_${process.pid}`;
	const databaseUrl = name ? Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString() : '';
	const app = { databaseUrl } as E2eApp;
	beforeAll(async () => {
		if (name) await recreateDatabase(adminUrl, name);
		const env = { ...(name ? { DATABASE_URL: databaseUrl } : {}), ...options.env };
		app.server = await startBuiltServer(env, options.dataDir);
		app.browser = await launchChromium();
	});
	afterAll(async () => {
		await app.browser?.close();
		await app.server?.stop();
		if (name) await dropDatabase(adminUrl, name);
	});
	return app;
}
