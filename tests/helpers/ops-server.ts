/**
 * The production server (node dist/server.js) as an operator runs it, in a child process whose
 * whole output the test keeps: on a data folder (PGlite) or a database of its own (PostgreSQL)
 * that outlives the process, so a test can stop it, restart it and look at what stayed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';

export interface OpsServer {
	url: string;
	child: ChildProcess;
	/** Everything the process wrote on stdout and stderr so far. */
	output(): string;
	/** Resolves with the exit code. */
	exited: Promise<number | null>;
	signal(sig: NodeJS.Signals): void;
}

export function opsEnv(where: { dataDir: string; databaseUrl?: string }, extra: Record<string, string> = {}) {
	return {
		MERZIM_DATA_DIR: where.dataDir,
		DATABASE_URL: where.databaseUrl ?? '',
		NODE_ENV: 'production',
		...extra
	};
}

/** Opens the database as the server would (migrating it), for a test to prepare users and tokens; then closes. */
export async function withContext<T>(env: Record<string, string>, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
	const ctx = await createAppContext(loadConfig(env));
	try {
		return await fn(ctx);
	} finally {
		await ctx.dbHandle.close();
	}
}

export async function startOpsServer(env: Record<string, string>): Promise<OpsServer> {
	const child = spawn(process.execPath, ['dist/server.js'], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
		const poll = setInterval(() => {
			const m = /serving on (http:\/\/[^\s"]+)/.exec(out);
			if (m) {
				clearInterval(poll);
				clearTimeout(timer);
				resolve(m[1]!.replace('localhost', '127.0.0.1'));
			}
		}, 20);
		void exited.then((code) => {
			clearInterval(poll);
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${out}`));
		});
	});
	return { url, child, output: () => out, exited, signal: (sig) => child.kill(sig) };
}

/** The JSON log lines of an output (pretty output would fail the parse: stdout is no TTY here). */
export function logLines(output: string): Record<string, unknown>[] {
	return output
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}
