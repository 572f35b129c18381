/**
 * Cold start of the production server on an existing build and an existing (seeded) PGlite data
 * directory: from `node dist/server.js` to the "serving on" line and a first 200 from /api/v1/health.
 * The first run seeds the demo and is reported separately.
 * Run: npx tsx bench/cold-start.bench.ts   (needs `npm run build` first)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltServer } from '../tests/helpers/built-server';

async function once(dataDir: string) {
	const t0 = performance.now();
	const server = await startBuiltServer({ MERZIM_KEEP_DATA: '1' }, dataDir);
	const res = await fetch(`${server.url}/api/v1/health`);
	const ms = performance.now() - t0;
	if (res.status !== 200) throw new Error(`health ${res.status}`);
	await server.stop();
	return ms;
}

export async function runColdStartBench(runs = 5) {
	console.log('\n## Cold start of `node dist/server.js` (PGlite)');
	const dataDir = mkdtempSync(join(tmpdir(), 'merzim-bench-'));
	try {
		console.log(`first start (migrate + seed 300 demo cases): ${(await once(dataDir)).toFixed(0)} ms`);
		const times: number[] = [];
		for (let i = 0; i < runs; i++) times.push(await once(dataDir));
		times.sort((a, b) => a - b);
		console.log(
			`existing data, ${runs} runs: median ${times[Math.floor(runs / 2)]!.toFixed(0)} ` +
				`ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`
		);
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await runColdStartBench();
