/**
 * Production entry: validate the environment, open the database (migrating it), seed the demo on
 * an empty database, and serve pages, API and sockets on one port.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/lib/server/config';
import { createAppContext } from '../src/lib/server/context';
import { seedDemoIfWanted, DEMO_PASSWORD, DEMO_USERS } from '../src/lib/server/demo/seed';
import { startServer } from './app';
import { surviveDriverFailures } from '../src/lib/server/db/driver-guards';

async function main() {
	// A PostgreSQL restart must not end the process (src/lib/server/db/driver-guards.ts).
	surviveDriverFailures();
	const startedAt = performance.now();
	const config = loadConfig(process.env);
	const ctx = await createAppContext(config);
	const tokensFile = resolve(config.dataDir, 'demo-tokens.json');
	const seeded = await seedDemoIfWanted(ctx, { requested: process.argv.includes('--demo'), tokensFile });
	const server = await startServer(ctx, { port: config.port, host: config.host });
	const ms = Math.round(performance.now() - startedAt);
	const url = config.origin ?? server.url;
	console.log(`\nMerzim is serving on ${url}  (database: ${ctx.dbHandle.driver}, ready in ${ms} ms)`);
	if (seeded.status !== 'skipped-production') {
		console.log(`Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
	}
	if (seeded.status === 'seeded')
		console.log(`Seeded the demo: ${seeded.cases} cases; integration tokens in ${tokensFile}.`);

	const shutdown = async (signal: string) => {
		console.log(`\n${signal}: shutting down…`);
		await server.close();
		await ctx.dbHandle.close();
		process.exit(0);
	};
	process.once('SIGINT', () => void shutdown('SIGINT'));
	process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
