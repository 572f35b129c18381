/**
 * Runs the production build as `npm start` does (node dist/server.js) in a child process, on a
 * fresh data directory and a free port, and returns its URL once it prints it.
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

export async function startBuiltServer(
	env: Record<string, string> = {},
	dataDir = mkdtempSync(join(tmpdir(), 'merzim-e2e-'))
): Promise<BuiltServer> {
	const child: ChildProcess = spawn(process.execPath, ['dist/server.js'], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MERZIM_DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const m = /serving on (http:\/\/\S+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]!.replace('localhost', '127.0.0.1'));
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
	});
	return {
		url,
		dataDir,
		stop: async () => {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			if (!env.MERZIM_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
