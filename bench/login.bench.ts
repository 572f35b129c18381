/**
 * Sign-in cost and throughput. (1) argon2id verifications per second at our parameters, with
 * @node-rs/argon2 (ours) and the `argon2` package side by side; (2) full JSON sign-ins per second
 * over real HTTP against the built app on PGlite, 8 concurrent clients.
 * Run: npx tsx bench/login.bench.ts   (needs `npm run build` first)
 */
import { hash as rsHash, verify as rsVerify } from '@node-rs/argon2';
import argon2 from 'argon2';
import { ARGON2_PARAMS } from '../src/lib/server/auth/password';
import { loadConfig } from '../src/lib/server/config';
import { createAppContext } from '../src/lib/server/context';
import { createDb } from '../src/lib/server/db/client';
import { startServer } from '../server/app';

async function perSecond(label: string, n: number, concurrency: number, task: () => Promise<unknown>) {
	const started = performance.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next++ < n) await task();
		})
	);
	const secs = (performance.now() - started) / 1000;
	const rate = n / secs;
	console.log(
		`${label.padEnd(58)} ${rate.toFixed(1).padStart(8)} /s  ` +
			`(${n} in ${secs.toFixed(2)} s, ${concurrency} concurrent)`
	);
	return rate;
}

export async function runLoginBench() {
	console.log(
		`\n## Sign-in (argon2id m=${ARGON2_PARAMS.memoryCost} KiB, ` +
			`t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism})`
	);
	const password = 'correct horse battery';
	const rsStored = await rsHash(password, ARGON2_PARAMS);
	const nodeStored = await argon2.hash(password, {
		type: argon2.argon2id,
		memoryCost: ARGON2_PARAMS.memoryCost,
		timeCost: ARGON2_PARAMS.timeCost,
		parallelism: ARGON2_PARAMS.parallelism
	});
	const rs = await perSecond('@node-rs/argon2 verify (ours)', 200, 4, () => rsVerify(rsStored, password));
	const nd = await perSecond('argon2 (node-gyp package) verify', 200, 4, () => argon2.verify(nodeStored, password));
	console.log(`ratio ours/argon2: ${(rs / nd).toFixed(2)}x`);

	process.env.ADDRESS_HEADER = 'x-bench-ip';
	const dbHandle = await createDb({ dataDir: 'memory://' });
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), { dbHandle });
	await ctx.users.create(
		{ username: 'bench', displayName: 'Bench', password, roles: ['officer'] },
		{ userId: null, label: 'bench' }
	);
	const server = await startServer(ctx, { port: 0, host: '127.0.0.1' });
	let i = 0;
	await perSecond('HTTP POST /api/v1/session (full sign-in, PGlite)', 300, 8, async () => {
		const res = await fetch(`${server.url}/api/v1/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url, 'x-bench-ip': `10.0.${i % 200}.${i++ % 250}` },
			body: JSON.stringify({ username: 'bench', password })
		});
		if (res.status !== 201) throw new Error(`sign-in failed: ${res.status}`);
	});
	await server.close();
	await dbHandle.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await runLoginBench();
