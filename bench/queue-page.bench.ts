/**
 * The officer's queue in Chromium with the demo data (production build, PGlite): time from
 * navigation start to interactive (the page's own `merzim:queue-interactive` mark, set when the
 * queue is hydrated), over repeated loads, and the JavaScript shipped for /queue (gzip). Compared
 * with the plain server-rendered /cases list loaded the same way. Targets: interactive < 1.5 s,
 * JS < 150 KB gzipped.
 * Run: npx tsx bench/queue-page.bench.ts   (needs `npm run build` and /usr/bin/chromium)
 */
import { gzipSync } from 'node:zlib';
import { startBuiltServer } from '../tests/helpers/built-server';
import { launchChromium } from '../tests/helpers/browser';

export async function runQueuePageBench(loads = 7) {
	const server = await startBuiltServer();
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const page = await context.newPage();
		await page.goto(`${server.url}/login`);
		await page.getByLabel('Username').fill('supervisor');
		await page.getByLabel('Password').fill('merzim-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/queue');
		console.log('\n## Queue page in Chromium (demo data, production build)');
		for (const [label, path, mark] of [
			['/queue?tab=all (all open cases)', '/queue?tab=all', 'merzim:queue-interactive'],
			['/cases (server-rendered list, 50 rows)', '/cases', null]
		] as const) {
			const times: number[] = [];
			let jsGzip = 0;
			let rows = 0;
			for (let i = 0; i < loads; i++) {
				const scripts: Promise<number>[] = [];
				const onResponse = (res: import('playwright-core').Response) => {
					if (res.request().resourceType() === 'script') scripts.push(res.body().then((b) => gzipSync(b).length));
				};
				if (i === 0) page.on('response', onResponse);
				await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
				if (mark) await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark);
				const ms = await page.evaluate((m) => {
					const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
					const at = m ? performance.getEntriesByName(m)[0]?.startTime : nav.domInteractive;
					return at ?? NaN;
				}, mark);
				if (i === 0) {
					page.off('response', onResponse);
					jsGzip = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
					rows = await page.locator('tbody tr').count();
				}
				times.push(ms);
			}
			times.sort((a, b) => a - b);
			console.log(
				`${label.padEnd(44)} rows ${String(rows).padStart(4)}  ` +
					`interactive median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ` +
					`ms (min ${times[0]!.toFixed(0)}, max ` +
					`${times.at(-1)!.toFixed(0)})  JS ${(jsGzip / 1024).toFixed(1)} KB gzip`
			);
		}
	} finally {
		await browser.close();
		await server.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await runQueuePageBench();
