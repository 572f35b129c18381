/**
 * Child process of bench/realtime.bench.ts (`--processes 2`): process B, the app's server on the
 * bench's PostgreSQL and Redis with the adapter under test, and room for one session's many sockets
 * (the bench's clients share one sign-in). Prints "serving on <url>"; exits when stdin closes.
 * Run by the bench: node --import tsx bench/fanout-server.ts <database url> <redis url> <classic|streams> <redis key>
 */
import { loadConfig } from '../src/lib/server/config';
import { createAppContext } from '../src/lib/server/context';
import { createDb } from '../src/lib/server/db/client';
import { startServer } from '../server/app';
import { surviveDriverFailures } from '../src/lib/server/db/driver-guards';
import type { RedisAdapterKind } from '../server/realtime';

const [dbUrl, redisUrl, adapter, redisKey] = process.argv.slice(2);
surviveDriverFailures(); // as the production entry does
process.env.ADDRESS_HEADER = 'x-bench-ip';
const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent', REDIS_URL: redisUrl }), {
	dbHandle: await createDb({ url: dbUrl! })
});
const server = await startServer(ctx, {
	port: 0,
	host: '127.0.0.1',
	scheduler: false,
	socketsPerSession: Infinity,
	redisAdapter: adapter as RedisAdapterKind,
	redisKey,
	publishEveryMs: Number(process.env.BENCH_PUBLISH_MS ?? 150)
});
process.stdout.write(`serving on ${server.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
	void (async () => {
		await server.close();
		await ctx.dbHandle.close();
		process.exit(0);
	})();
});
