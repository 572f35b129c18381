/**
 * Connection-state recovery without drafting's messages (server/recovery-adapter.ts): a socket that
 * drops and comes back within the recovery window gets the case events it missed replayed, but not
 * the draft updates and presence, which its draft provider re-syncs by itself. Real sockets on port 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { RecoveryAdapter } from '../../server/recovery-adapter';

const until = async (check: () => boolean, ms = 5_000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
	}
};

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
	await cleanup?.();
	cleanup = null;
});

async function start(adapter?: typeof RecoveryAdapter) {
	const http = createServer();
	const io = new Server(http, {
		connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
		...(adapter ? { adapter } : {})
	});
	io.on('connection', (socket) => void socket.join('draft:d1'));
	await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	const client: ClientSocket = connect(url, {
		transports: ['websocket'],
		reconnectionDelay: 300,
		reconnectionDelayMax: 300
	});
	const received: string[] = [];
	client.onAny((event: string, payload: { n: number }) => received.push(`${event}#${payload.n}`));
	cleanup = async () => {
		client.close();
		await io.close();
	};
	await until(() => client.connected && io.of('/').sockets.size === 1);
	return { io, client, received };
}

/** Sends a case event it sees, drops the connection, sends more while it is down, and lets it come back. */
async function dropAndReturn({ io, client, received }: Awaited<ReturnType<typeof start>>) {
	io.emit('case:updated', { n: 1 });
	await until(() => received.includes('case:updated#1'));
	const gone = new Promise<void>((ok) =>
		io
			.of('/')
			.sockets.values()
			.next()
			.value!.once('disconnect', () => ok())
	);
	client.io.engine.close(); // the network drops; the client reconnects after 300 ms
	await gone;
	io.to('draft:d1').emit('draft:changes', { n: 2 });
	io.to('draft:d1').except('nobody').emit('draft:changes', { n: 3 });
	io.emit('case:updated', { n: 4 });
	io.to('draft:d1').emit('draft:access-changed', { n: 5 });
	await until(() => client.connected && client.recovered);
	await until(() => received.includes('draft:access-changed#5'));
}

describe('connection-state recovery', () => {
	it('replays the case events and access changes a returning socket missed, not the draft updates and presence', async () => {
		const s = await start(RecoveryAdapter);
		await dropAndReturn(s);
		expect(s.received).toEqual(['case:updated#1', 'case:updated#4', 'draft:access-changed#5']);
	});

	it("socket.io's own session adapter replays the draft messages too (the control)", async () => {
		const s = await start();
		await dropAndReturn(s);
		expect(s.received).toEqual([
			'case:updated#1',
			'draft:changes#2',
			'draft:changes#3',
			'case:updated#4',
			'draft:access-changed#5'
		]);
	});

	it('delivers draft messages to connected sockets as before', async () => {
		const s = await start(RecoveryAdapter);
		s.io.to('draft:d1').emit('draft:changes', { n: 6 });
		s.io.except('draft:d1').emit('draft:changes', { n: 7 });
		s.io.emit('case:updated', { n: 8 });
		await until(() => s.received.includes('case:updated#8'));
		expect(s.received).toEqual(['draft:changes#6', 'case:updated#8']);
	});
});
