/**
 * The patch on postgres.js 3.4.9 (patches/postgres+3.4.9.patch, applied by `npm ci` through
 * patch-package). The driver batches small writes behind a `setImmediate`; when a connection closes
 * before that flush runs, it cleared the immediate but kept the unsent bytes and the stale timer. The
 * next connection's StartupMessage then queued behind them and was never flushed: every reconnect
 * ended in CONNECT_TIMEOUT (30 s by default), and requests after a PostgreSQL restart answered 503
 * (CI saw it in database-outage.test.ts). Why a patch and until when: ADR-105.
 *
 * The connection's socket comes from the test (postgres.js's `socket` option), so the test can hand
 * the driver the socket's close in the same turn of the event loop as a query is written, before the
 * driver's own flush runs: what a cut at the network (a PostgreSQL restart) does only by chance.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import postgres from 'postgres';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/lib/server/db/embedded-postgres';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';

const adminUrl = process.env.DATABASE_URL;
const name = `merzim_driver_${process.pid}`;
let embedded: EmbeddedPostgres | null = null;
let connectTo: () => Socket;
let database = 'postgres';

beforeAll(async () => {
	if (usingPostgres) {
		const url = new URL(await recreateDatabase(adminUrl!, name));
		database = url.pathname.slice(1);
		connectTo = () => createConnection({ host: url.hostname, port: Number(url.port || 5432) });
	} else {
		embedded = await startEmbeddedPostgres('memory://');
		const path = `${embedded.socketDir}/.s.PGSQL.${embedded.port}`;
		connectTo = () => createConnection({ path });
	}
}, 60_000);

afterAll(async () => {
	await embedded?.close();
	if (usingPostgres) await dropDatabase(adminUrl!, name);
});

it('connects again at once after a connection closed with a query still unsent', async () => {
	const sockets: Socket[] = [];
	// `socket` is a documented option of postgres.js that its type declarations leave out.
	const options = {
		username: 'postgres',
		database,
		max: 1,
		connect_timeout: 3,
		onnotice: () => {},
		socket: async () => {
			const socket = connectTo();
			await once(socket, 'connect');
			sockets.push(socket);
			return socket;
		}
	};
	const sql = postgres(options as postgres.Options<Record<string, never>>);
	try {
		expect(await sql`select 1 as n`).toEqual([{ n: 1 }]);
		const lost = sql`select 2 as n`.then(
			() => null,
			(e: { code?: string }) => e.code
		);
		// Queued now, so it runs before the flush the query's write schedules in this same turn.
		setImmediate(() => {
			sockets[0]!.destroy();
			sockets[0]!.emit('close', false);
		});
		expect(await lost).toBe('CONNECTION_CLOSED');
		// Unpatched, this waited 3 s and failed with CONNECT_TIMEOUT, and so did every later one.
		const started = performance.now();
		expect(await sql`select 3 as n`).toEqual([{ n: 3 }]);
		expect(sockets).toHaveLength(2);
		expect(performance.now() - started).toBeLessThan(2_500);
	} finally {
		await sql.end({ timeout: 1 });
	}
});
