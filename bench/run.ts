/**
 * `npm run bench`: every benchmark in one run, each printing its own figures. Options:
 *   --only calendar,login,cold-start,queue-page,recompute,drafting,procedures,documents,webhooks,fanout,desk,supervision-export,supervision-scale   run a subset
 *   --quick                                      smaller sizes (for a smoke run)
 * Needs `npm run build` for the server benchmarks, and PostgreSQL (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres) for the recompute benchmark, and Redis (REDIS_URL,
 * default redis://127.0.0.1:6379) for the fan-out across processes.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { runCalendarBench } from './calendar.bench';
import { runLoginBench } from './login.bench';
import { runColdStartBench } from './cold-start.bench';
import { runRecomputeBench } from './recompute.bench';
import { runQueuePageBench } from './queue-page.bench';
import { runDraftingBench } from './drafting.bench';
import { runProceduresBench } from './procedures.bench';
import { runWebhooksBench } from './webhooks.bench';
import { runFanOutBench } from './realtime.bench';
import { runDocumentsBench } from './documents.bench';
import { runDeskBench } from './desk.bench';
import { runSupervisionExportBench } from './supervision-export.bench';
import { runSupervisionScaleBench } from './supervision-scale.bench';

const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const wanted = new Set(
	(
		values.only ??
		'calendar,login,cold-start,queue-page,recompute,drafting,procedures,documents,webhooks,fanout,desk,supervision-export,supervision-scale'
	).split(',')
);
const quick = values.quick;

console.log(`Merzim benchmarks — node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}`);
if (!existsSync('build/handler.js') || !existsSync('dist/server.js')) {
	console.error('Run `npm run build` first: the server benchmarks measure the production build.');
	process.exit(1);
}
if (wanted.has('calendar')) await runCalendarBench({ clocks: quick ? 100_000 : 1_000_000 });
if (wanted.has('login')) await runLoginBench();
if (wanted.has('cold-start')) await runColdStartBench(quick ? 3 : 5);
if (wanted.has('queue-page')) await runQueuePageBench(quick ? 3 : 7);
if (wanted.has('recompute')) await runRecomputeBench(quick ? 100_000 : 1_000_000);
if (wanted.has('drafting')) await runDraftingBench({ quick });
if (wanted.has('procedures')) await runProceduresBench({ quick });
if (wanted.has('documents')) await runDocumentsBench({ count: quick ? 200 : 1000 });
if (wanted.has('webhooks')) await runWebhooksBench({ quick });
if (wanted.has('fanout')) {
	// One process and two, with each socket.io Redis adapter; then two with writers killed (ADR-025).
	const size = { clients: quick ? 200 : 1000, seconds: quick ? 5 : 20 };
	await runFanOutBench({ ...size, processes: 1, adapter: 'none' });
	for (const adapter of ['classic', 'streams'] as const) {
		await runFanOutBench({ ...size, processes: 1, adapter });
		await runFanOutBench({ ...size, processes: 2, adapter });
	}
	await runFanOutBench({ ...size, processes: 2, adapter: 'classic', deadEvery: 50 });
}
if (wanted.has('desk'))
	await runDeskBench(quick ? { pg: 100_000, pglite: 10_000 } : { pg: 1_000_000, pglite: 100_000 });
if (wanted.has('supervision-export')) await runSupervisionExportBench(quick ? 10_000 : 100_000);
if (wanted.has('supervision-scale'))
	await runSupervisionScaleBench(
		quick ? { cases: 100_000, events: 10, runs: 10 } : { cases: 1_000_000, events: 10, runs: 20 }
	);
