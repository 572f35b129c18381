/**
 * Starts the embedded database (PGlite) on its own worker thread, listening on a Unix socket in a
 * fresh private directory (mode 0700: no other local user can connect; there is no password).
 * The socket directory works as a PostgreSQL host, e.g. `psql -h <socketDir> -U postgres`.
 * See embedded-postgres.worker.mjs for why it is a thread and not the server's own.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { lockDataDir } from './data-dir-lock';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface EmbeddedPostgres {
	/** Directory holding the socket `.s.PGSQL.5432`: postgres.js and psql take it as the host. */
	socketDir: string;
	port: 5432;
	/** PGlite's own gzipped tarball of the data folder, taken between transactions (backups). */
	dump(): Promise<Uint8Array>;
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

export interface EmbeddedOptions {
	/** A `dump()` tarball to start from instead of an empty cluster (tests start migrated copies). */
	startFrom?: string;
}

export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
	// Short on purpose: a Unix socket path is limited to ~107 bytes.
	const socketDir = mkdtempSync(join(tmpdir(), 'merzim-db-'));
	const onDisk = !dataDir.startsWith('memory://');
	const controlSocket = join(socketDir, 'control.sock');
	let release = () => {};
	try {
		if (onDisk) release = lockDataDir(dataDir, { controlSocket });
	} catch (e) {
		rmSync(socketDir, { recursive: true, force: true });
		throw e;
	}
	const worker = new Worker(workerPath(), {
		workerData: { dataDir, socketPath: join(socketDir, '.s.PGSQL.5432'), startFrom: options.startFrom }
	});
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
		release();
		throw e;
	}
	worker.on('error', (e) => console.error('embedded database:', e));

	let dumps = 0;
	const dump = () =>
		new Promise<Uint8Array>((ok, fail) => {
			const id = ++dumps;
			const onMessage = (m: { dumped?: number; bytes?: ArrayBuffer; error?: string }) => {
				if (m?.dumped !== id) return;
				worker.off('message', onMessage);
				if (m.bytes) ok(new Uint8Array(m.bytes));
				else fail(new Error(`backup failed: ${m.error}`));
			};
			worker.on('message', onMessage);
			worker.postMessage({ dump: id });
		});
	// `npm run backup` asks the running server through this socket (in the private directory).
	const control: Server | null = onDisk ? serveBackups(controlSocket, dump) : null;

	let closed: Promise<void> | null = null;
	return {
		socketDir,
		port: 5432,
		dump,
		close() {
			closed ??= (async () => {
				await new Promise((ok) => (control ? control.close(ok) : ok(undefined)));
				await new Promise<void>((ok) => {
					worker.once('exit', () => ok());
					worker.once('message', (m) => m === 'closed' && ok());
					worker.postMessage('close');
				});
				await worker.terminate();
				rmSync(socketDir, { recursive: true, force: true });
				release();
			})();
			return closed;
		}
	};
}

/**
 * The control socket: a client writes `dump` and a newline and receives `OK <length>` and a newline,
 * then the tarball (or `ERR <message>`). Only the server's user can reach it (the directory is 0700).
 */
function serveBackups(path: string, dump: () => Promise<Uint8Array>): Server {
	const server = createServer((socket) => {
		let asked = '';
		socket.on('data', (chunk) => {
			asked += chunk.toString('utf8');
			if (!asked.includes('\n')) return;
			if (asked.trim() !== 'dump') return void socket.end('ERR unknown command\n');
			dump().then(
				(bytes) => {
					socket.write(`OK ${bytes.length}\n`);
					socket.end(bytes);
				},
				(e: unknown) => socket.end(`ERR ${e instanceof Error ? e.message : String(e)}\n`)
			);
		});
		socket.on('error', () => socket.destroy());
	});
	server.listen(path);
	return server;
}
