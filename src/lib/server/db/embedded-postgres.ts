/**
 * Starts the embedded database (PGlite) on its own worker thread, listening on a Unix socket in a
 * fresh private directory (mode 0700: no other local user can connect; there is no password).
 * The socket directory works as a PostgreSQL host, e.g. `psql -h <socketDir> -U postgres`.
 * See embedded-postgres.worker.mjs for why it is a thread and not the server's own.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface EmbeddedPostgres {
	/** Directory holding the socket `.s.PGSQL.5432`: postgres.js and psql take it as the host. */
	socketDir: string;
	port: 5432;
	/** Closes the database cleanly (waits for its files to be written) and removes the socket. */
	close(): Promise<void>;
}

const WORKER_FILE = 'embedded-postgres.worker.mjs';

/** Beside this module in the sources; beside dist/server.js in the production bundle. */
function workerPath(): string {
	const here = fileURLToPath(new URL(`./${WORKER_FILE}`, import.meta.url));
	if (existsSync(here)) return here;
	for (const candidate of [
		join(process.cwd(), 'dist', WORKER_FILE),
		join(process.cwd(), 'src/lib/server/db', WORKER_FILE)
	]) {
		if (existsSync(candidate)) return candidate;
	}
	throw new Error(`The embedded database's worker (${WORKER_FILE}) was not found beside ${here}.`);
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
	// Short on purpose: a Unix socket path is limited to ~107 bytes.
	const socketDir = mkdtempSync(join(tmpdir(), 'merzim-db-'));
	const worker = new Worker(workerPath(), { workerData: { dataDir, socketPath: join(socketDir, '.s.PGSQL.5432') } });
	try {
		await new Promise<void>((ok, fail) => {
			const onExit = (code: number) =>
				fail(new Error(`The embedded database stopped while starting (exit code ${code}).`));
			worker.once('exit', onExit);
			worker.once('error', fail);
			worker.once('message', (m: { ready?: true; error?: string }) => {
				worker.off('exit', onExit);
				worker.off('error', fail);
				if (m.ready) ok();
				else fail(new Error(`The embedded database could not start in ${dataDir}: ${m.error}`));
			});
		});
	} catch (e) {
		await worker.terminate();
		rmSync(socketDir, { recursive: true, force: true });
		throw e;
	}
	worker.on('error', (e) => console.error('embedded database:', e));

	let closed: Promise<void> | null = null;
	return {
		socketDir,
		port: 5432,
		close() {
			closed ??= (async () => {
				await new Promise<void>((ok) => {
					worker.once('exit', () => ok());
					worker.once('message', (m) => m === 'closed' && ok());
					worker.postMessage('close');
				});
				await worker.terminate();
				rmSync(socketDir, { recursive: true, force: true });
			})();
			return closed;
		}
	};
}
