/**
 * Runs the production build as `npm start` does (node dist/server.js) in a child process, on a
 * fresh data directory and a free port. `spawnBuiltServer` hands back the process and its output to
 * watch (the kill -9 tests wait for a line, then kill it there); `startBuiltServer` waits until it
 * serves and returns its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BuiltServer {
	url: string;
	dataDir: string;
	stop(): Promise<void>;
}

export interface WatchedServer {
	child: ChildProcess;
	dataDir: string;
	/** Everything it printed so far, stdout and stderr. */
	output(): string;
	/** The first match of `re` in its output, waiting up to `ms`; rejects if it exits first. */
	waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>;
	/** SIGTERM and wait for the exit (nothing if it has already exited). */
	stop(): Promise<void>;
}

export function spawnBuiltServer(
	env: Record<string, string> = {},
	dataDir = mkdtempSync(join(tmpdir(), 'merzim-e2e-'))
): WatchedServer {
	const child = spawn(process.execPath, ['dist/server.js'], {
		// A spawned server logs at info again: its output is captured, and `serving on` is awaited in it.
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MERZIM_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	const listeners = new Set<() => void>();
	const onData = (chunk: Buffer) => {
		out += chunk.toString();
		for (const l of listeners) l();
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const exited = () => child.exitCode !== null || child.signalCode !== null;
	return {
		child,
		dataDir,
		output: () => out,
		waitFor: (re, ms = 30_000) =>
			new Promise((resolve, reject) => {
				const check = () => {
					const m = new RegExp(re.source).exec(out);
					if (m) {
						done();
						resolve(m);
					}
				};
				const timer = setTimeout(() => {
					done();
					reject(new Error(`no ${re} within ${ms} ms:\n${out}`));
				}, ms);
				const onExit = () => {
					done();
					reject(new Error(`server exited before ${re}:\n${out}`));
				};
				const done = () => {
					clearTimeout(timer);
					listeners.delete(check);
					child.off('exit', onExit);
				};
				listeners.add(check);
				child.once('exit', onExit);
				check();
				if (exited()) onExit();
			}),
		stop: async () => {
			if (exited()) return;
			const gone = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await gone;
		}
	};
}

export async function startBuiltServer(
	env: Record<string, string> = {},
	dataDir = mkdtempSync(join(tmpdir(), 'merzim-e2e-'))
): Promise<BuiltServer> {
	const server = spawnBuiltServer(env, dataDir);
	// A loaded machine may take longer to migrate and seed: MERZIM_E2E_BOOT_MS raises the wait.
	const bootMs = Number(process.env.MERZIM_E2E_BOOT_MS ?? 60_000);
	const url = (await server.waitFor(/serving on (http:\/\/\S+)/, bootMs))[1]!.replace('localhost', '127.0.0.1');
	return {
		url,
		dataDir,
		stop: async () => {
			await server.stop();
			if (!env.MERZIM_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
