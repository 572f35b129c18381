/**
 * The socket handshake: same session cookie as the pages, Origin checked, clear refusals, and a
 * revoked or expired session disconnected within seconds. Real sockets on port 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/contract';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let app: TestApp;
const open: ClientSocket[] = [];

beforeAll(async () => {
	app = await startTestApp();
	await app.createUser('sam', ['supervisor']);
});
afterAll(async () => {
	for (const s of open) s.disconnect();
	await app.close();
});

async function signedInCookie(): Promise<string> {
	const c = new HttpClient(app.url, '10.3.3.3');
	expect((await c.signIn('sam', TEST_PASSWORD)).status).toBe(201);
	return c.cookieHeader();
}

function socket(headers: Record<string, string>): ClientSocket {
	const s: ClientSocket = connect(app.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true
	});
	open.push(s);
	return s;
}

const outcome = (s: ClientSocket) =>
	new Promise<{ ok: true; welcome: { serverTime: string; username: string } } | { ok: false; error: string }>(
		(resolve) => {
			s.once('session:welcomed', (welcome) => resolve({ ok: true, welcome }));
			s.once('connect_error', (e) => resolve({ ok: false, error: e.message }));
		}
	);

describe('socket handshake', () => {
	it('accepts the session cookie and sends the server time for skew correction', async () => {
		const s = socket({ cookie: await signedInCookie(), origin: app.url });
		const result = await outcome(s);
		expect(result).toEqual({
			ok: true,
			welcome: { serverTime: app.clock.now().toISOString(), username: 'sam', lastEventId: 0 }
		});
		const ack = await s.emitWithAck('time:sync');
		expect(ack).toEqual({ data: { serverTime: app.clock.now().toISOString() } });
	});

	// Refused at the engine.io handshake, before any socket.io work (the client sees a transport error).
	const handshake = (headers: Record<string, string>) =>
		fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers });

	it('refuses a socket without a session as unauthenticated', async () => {
		expect(await outcome(socket({ origin: app.url }))).toMatchObject({ ok: false });
		for (const headers of [
			{ origin: app.url } as Record<string, string>,
			{ origin: app.url, cookie: `merzim_session=${'a'.repeat(24)}.${'b'.repeat(24)}` }
		]) {
			const res = await handshake(headers);
			expect(res.status).toBe(403);
			expect(await res.json()).toMatchObject({ message: 'unauthenticated' });
		}
	});

	it('refuses a foreign Origin as forbidden, even with a valid cookie', async () => {
		const cookie = await signedInCookie();
		expect(await outcome(socket({ origin: 'https://evil.example', cookie }))).toMatchObject({ ok: false });
		const res = await handshake({ origin: 'https://evil.example', cookie });
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ message: 'forbidden' });
	});

	it('disconnects the sockets of a session that is signed out, within seconds', async () => {
		const cookie = await signedInCookie();
		const a = socket({ cookie, origin: app.url });
		const b = socket({ cookie, origin: app.url });
		await Promise.all([outcome(a), outcome(b)]);
		const ended = Promise.all([a, b].map((s) => new Promise((r) => s.once('session:ended', r))));
		const closed = Promise.all([a, b].map((s) => new Promise((r) => s.once('disconnect', r))));
		const logout = await fetch(`${app.url}/logout`, {
			method: 'POST',
			headers: { cookie, origin: app.url, 'x-test-client-ip': '10.3.3.3' },
			redirect: 'manual'
		});
		expect(logout.status).toBe(303);
		expect(await ended).toEqual([{ reason: 'revoked' }, { reason: 'revoked' }]);
		await closed;
	});

	it('disconnects a socket whose session expires while idle', async () => {
		const s = socket({ cookie: await signedInCookie(), origin: app.url });
		await outcome(s);
		const ended = new Promise((r) => s.once('session:ended', r));
		app.clock.advance(31 * 60_000);
		expect(await ended).toEqual({ reason: 'expired' });
	});
});
