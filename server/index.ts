/**
 * Production entry: validate the environment, open the database (migrating it), seed the demo on
 * an empty database, and serve pages, API and sockets on one port. `--check-config` prints the
 * effective configuration (secrets hidden) and exits. SIGTERM / SIGINT stop it gracefully.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/lib/server/config';
import { describeConfig } from '../src/lib/server/config-report';
import { createAppContext } from '../src/lib/server/context';
import { seedDemoIfWanted, DEMO_PASSWORD, DEMO_USERS } from '../src/lib/server/demo/seed';
import { flushLogs, getLogger } from '../src/lib/server/observability/logger';
import { routeConsoleToLogger } from '../src/lib/server/observability/console-to-log';
import { startServer } from './app';
import { startTracing } from '../src/lib/server/observability/tracing';
import { surviveDriverFailures } from '../src/lib/server/db/driver-guards';

async function main() {
	// A PostgreSQL restart must not end the process (src/lib/server/db/driver-guards.ts).
	surviveDriverFailures();
	const startedAt = performance.now();
	const config = loadConfig(process.env);
	// Production started with --demo is demo mode: the demo CA may be the default trust anchor (ADR-080).
	if (process.argv.includes('--demo')) config.signing.demoAnchors = true;
	if (process.argv.includes('--check-config')) {
		process.stdout.write(JSON.stringify(describeConfig(config), null, 2) + '\n');
		return;
	}
	// Before the database opens: its queries are traced only when this registered first (ADR-068).
	const tracing = await startTracing();
	const logger = getLogger().child({ component: 'server' });
	routeConsoleToLogger(getLogger());
	const ctx = await createAppContext(config);
	const tokensFile = resolve(config.dataDir, 'demo-tokens.json');
	const seeded = await seedDemoIfWanted(ctx, { requested: process.argv.includes('--demo'), tokensFile });
	const server = await startServer(ctx, { port: config.port, host: config.host, metricsPort: config.metricsPort });
	const ms = Math.round(performance.now() - startedAt);
	const url = config.origin ?? server.url;
	logger.info(
		{ url, database: ctx.dbHandle.driver, readyMs: ms, metrics: server.ops.metricsUrl },
		`Merzim is serving on ${url}  (database: ${ctx.dbHandle.driver}, ready in ${ms} ms)`
	);
	if (seeded.status !== 'skipped-production') {
		// The demo's shared password is public (README); it is printed for whoever starts the demo.
		logger.info(`Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
	}
	if (seeded.status === 'seeded')
		logger.info(`Seeded the demo: ${seeded.cases} cases; integration tokens in ${tokensFile}.`);

	let stopping = false;
	const shutdown = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal, graceSeconds: config.shutdownGraceMs / 1000 }, 'shutting down');
		try {
			await server.shutdown(config.shutdownGraceMs);
			await ctx.dbHandle.close();
			await tracing?.shutdown(); // the last spans go to the collector
			logger.info('stopped cleanly');
		} catch (e) {
			logger.error({ err: e instanceof Error ? e.message : String(e) }, 'shutdown failed');
			process.exitCode = 1;
		}
		await flushLogs();
		process.exit();
	};
	process.once('SIGINT', () => void shutdown('SIGINT'));
	process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
