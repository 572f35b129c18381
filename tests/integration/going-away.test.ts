/**
 * A graceful shutdown tells its sockets to go (ADR-069): two production processes (node
 * dist/server.js) behind a TCP balancer the test runs; a client on the first gets
 * `server:going-away` before its socket closes, leaves on its own (not by a transport close) and,
 * through the page's own handler (src/lib/realtime/app-socket.ts), is back on the second process at
 * once. On PostgreSQL both processes share the database and overlap; the embedded database admits
 * one process, so there the second starts on the same folder when the first has exited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, connect as tcp, type Server, type Socket as TcpSocket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';
import { opsEnv, startOpsServer, withContext, type OpsServer } from '../helpers/ops-server';
import { HttpClient } from '../helpers/http-client';
import { followServerGoingAway } from '../../src/lib/realtime/app-socket';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/contract';

const PASSWORD = 'Going-away-passw0rd';
const dataDir = mkdtempSync(join(tmpdir(), 'merzim-going-away-'));
const dbName = `merzim_ops_going_away_${process.pid}`;
let env: Record<string, string>;
const servers: OpsServer[] = [];

/** The balancer: each new connection goes to the current backend. */
async function startBalancer() {
	let target = 0;
	const open = new Set<TcpSocket>();
	const server: Server = createServer((client) => {
		const upstream = tcp(target, '127.0.0.1');
		open.add(client).add(upstream);
		client.pipe(upstream).pipe(client);
		const drop = () => {
			client.destroy();
			upstream.destroy();
			open.delete(client);
			open.delete(upstream);
		};
		client.on('error', drop).on('close', drop);
		upstream.on('error', drop).on('close', drop);
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		to(url: string) {
			target = Number(new URL(url).port);
		},
		close: () => {
			for (const s of open) s.destroy();
			return new Promise((ok) => server.close(ok));
		}
	};
}

let balancer: Awaited<ReturnType<typeof startBalancer>>;

beforeAll(async () => {
	const databaseUrl = usingPostgres ? await recreateDatabase(process.env.DATABASE_URL!, dbName) : undefined;
	env = opsEnv({ dataDir, databaseUrl }, { SHUTDOWN_GRACE_SECONDS: '5' });
	await withContext(env, (ctx) =>
		ctx.users.create(
			{ username: 'away-officer', displayName: 'Away Officer', password: PASSWORD, roles: ['officer'] },
			{ userId: null, label: 'test' }
		)
	);
	balancer = await startBalancer();
}, 120_000);

afterAll(async () => {
	for (const s of servers) {
		s.signal('SIGKILL');
		await s.exited;
	}
	await balancer?.close();
	if (usingPostgres) await dropDatabase(process.env.DATABASE_URL!, dbName);
	rmSync(dataDir, { recursive: true, force: true });
});

async function start() {
	const s = await startOpsServer(env);
	servers.push(s);
	return s;
}

describe('graceful shutdown and sockets', () => {
	it('tells sockets to go before closing them; the client reconnects at once to the next process', async () => {
		const first = await start();
		balancer.to(first.url);
		const http = new HttpClient(balancer.url, '10.69.0.1');
		expect((await http.signIn('away-officer', PASSWORD)).status).toBe(201);

		seen = [];
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(balancer.url, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie: http.cookieHeader(), origin: balancer.url },
			reconnectionDelayMax: 5_000
		});
		let welcomes = 0;
		socket.on('session:welcomed', () => {
			welcomes++;
			seen.push('welcomed');
		});
		socket.on('server:going-away', (p) => seen.push(`going-away:${p.reconnectWithinMs}`));
		socket.on('disconnect', (reason) => seen.push(`disconnect:${reason}`));
		// The page's handler, with the jitter drawn as 0.5 of the window.
		const stop = followServerGoingAway(socket, () => 0.5);
		await until(() => welcomes === 1);

		// PostgreSQL: the next process is up before the first stops, and the balancer sends new connections there.
		const second = usingPostgres ? await start() : null;
		if (second) balancer.to(second.url);

		const leftAt = Date.now();
		first.signal('SIGTERM');
		await until(() => seen.some((s) => s.startsWith('disconnect:')), 30_000);
		expect(seen.slice(1, 3)).toEqual(['going-away:1000', 'disconnect:io client disconnect']);
		expect(await first.exited).toBe(0);

		if (!second) balancer.to((await start()).url);
		await until(() => welcomes === 2, 60_000);
		// With the other process already there, back within the jitter (500 ms) and a handshake.
		if (usingPostgres) expect(Date.now() - leftAt).toBeLessThan(5_000);
		expect(seen.filter((s) => s === 'disconnect:transport close')).toEqual([]);
		stop();
		socket.close();
	}, 180_000);
});

let seen: string[] = [];

async function until(pred: () => boolean, ms = 15_000) {
	const started = Date.now();
	while (!pred()) {
		if (Date.now() - started > ms) throw new Error(`not within ${ms} ms; the client saw ${seen.join(', ')}`);
		await new Promise((ok) => setTimeout(ok, 20));
	}
}
