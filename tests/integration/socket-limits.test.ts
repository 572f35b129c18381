/**
 * One user cannot stall everyone: unauthenticated engine.io handshakes are refused before any
 * socket.io work, a session holds a bounded number of sockets (a handshake whose rights cannot be
 * read is refused and gives its place back, ADR-125), a socket has one replay in flight
 * and a session a bounded number of replays a minute, and expensive pages and API lists answer
 * 429 with Retry-After past their rate while other users go on. Behaviour, not timings. Real
 * sockets and HTTP on port 0, the built app, a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import {
	HandshakeErrors,
	handshakeRefusalCode,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/realtime/contract';
import { REPLAY_POINTS, SOCKETS_PER_SESSION } from '../../server/socket-limits';
import { retryWhenUnavailable } from '../../src/lib/realtime/app-socket';
import { m } from '../../src/lib/paraglide/messages';
import { API_LIST_LIMIT, PAGE_LIMIT } from '../../src/lib/server/http/rate-limit';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let app: TestApp;
const sockets: ClientSocket[] = [];
let ip = 0;

beforeAll(async () => {
	app = await startTestApp();
	for (const name of ['lia', 'sue', 'sam', 'ann']) await app.createUser(name, ['supervisor']);
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	await app.close();
});

async function signedIn(username: string) {
	const http = new HttpClient(app.url, `10.55.${++ip}.1`);
	expect((await http.signIn(username, TEST_PASSWORD)).status).toBe(201);
	return http;
}

function open(
	cookie: string,
	headers: Record<string, string> = {}
): Promise<{ socket: ClientSocket; error?: string; refusal?: unknown }> {
	const socket: ClientSocket = connect(app.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie, origin: app.url, ...headers },
		forceNew: true,
		reconnection: false
	});
	sockets.push(socket);
	return new Promise((resolve) => {
		socket.once('session:welcomed', () => resolve({ socket }));
		socket.once('connect_error', (e) => resolve({ socket, error: e.message, refusal: (e as { data?: unknown }).data }));
	});
}

describe('the engine.io handshake', () => {
	it('is refused with a 4xx before any socket.io work when it carries no valid session', async () => {
		const polling = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: app.url } });
		expect(polling.status).toBe(403);
		// The WebSocket upgrade straight away is refused too (engine.io answers an upgrade with 400).
		const upgrade = await fetch(`${app.url}/socket.io/?EIO=4&transport=websocket`, {
			headers: {
				origin: app.url,
				connection: 'Upgrade',
				upgrade: 'websocket',
				'sec-websocket-version': '13',
				'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ=='
			}
		}).catch((e: Error) => e);
		expect(upgrade instanceof Response ? upgrade.status : 400).toBeGreaterThanOrEqual(400);
		// With a session it opens.
		const cookie = (await signedIn('sam')).cookieHeader();
		const ok = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: app.url, cookie } });
		expect(ok.status).toBe(200);
	});
});

describe('sockets per session', () => {
	it(`admits ${SOCKETS_PER_SESSION} sockets of one session, refuses more, and admits again after one closes`, async () => {
		const cookie = (await signedIn('sue')).cookieHeader();
		const results = await Promise.all(Array.from({ length: SOCKETS_PER_SESSION + 3 }, () => open(cookie)));
		const admitted = results.filter((r) => !r.error);
		expect(admitted).toHaveLength(SOCKETS_PER_SESSION);
		expect(results.filter((r) => r.error).map((r) => r.error)).toEqual([
			HandshakeErrors.tooManySockets,
			HandshakeErrors.tooManySockets,
			HandshakeErrors.tooManySockets
		]);
		// Each refusal carries its code and a message in the handshake's language (ADR-031).
		const refused = results.filter((r) => r.error);
		for (const r of refused) {
			expect(r.refusal).toEqual({ code: 'too-many-sockets', message: expect.stringMatching(/tabs/) });
			expect(handshakeRefusalCode({ data: r.refusal })).toBe(HandshakeErrors.tooManySockets);
		}
		const inRussian = await Promise.all(
			Array.from({ length: SOCKETS_PER_SESSION + 1 }, () => open(`${cookie}; PARAGLIDE_LOCALE=ru`))
		);
		const ruRefusal = inRussian.find((r) => r.error)?.refusal as { message?: string } | undefined;
		expect(ruRefusal?.message).toMatch(/вкладок/);
		for (const r of inRussian) r.socket.disconnect();
		// Another session of the same user is not held back by it.
		expect((await open((await signedIn('sue')).cookieHeader())).error).toBeUndefined();
		admitted[0]!.socket.disconnect();
		await new Promise((r) => setTimeout(r, 100));
		expect((await open(cookie)).error).toBeUndefined();
	});
});

describe('rights that cannot be read at the handshake', () => {
	it('refuse the socket as unavailable and free its place; the page connects again once they can be read', async () => {
		const cookie = `${(await signedIn('ann')).cookieHeader()}; PARAGLIDE_LOCALE=ru`;
		const absences = app.ctx.absences;
		const read = absences.standInWindows;
		// Whom the user stands in for is part of the socket's rights (ADR-100); its read fails.
		absences.standInWindows = () => Promise.reject(new Error('the database is out of reach (test)'));
		try {
			// One after another, more than the session's share: each refusal gives its place back.
			for (let i = 0; i <= SOCKETS_PER_SESSION; i++) {
				const r = await open(cookie);
				expect(r.error).toBe(HandshakeErrors.unavailable);
				expect(r.refusal).toEqual({ code: 'unavailable', message: m.err_kind_unavailable({}, { locale: 'ru' }) });
			}
			// The page's socket (src/lib/realtime/app-socket.ts) tries again by itself after such a refusal.
			const socket: ClientSocket = connect(app.url, {
				path: '/socket.io',
				transports: ['websocket'],
				extraHeaders: { cookie, origin: app.url },
				forceNew: true,
				reconnection: false,
				autoConnect: false
			});
			sockets.push(socket);
			const stop = retryWhenUnavailable(socket, () => 0, 500);
			const welcomed = new Promise<void>((ok) => socket.once('session:welcomed', () => ok()));
			const refused = new Promise<unknown>((ok) => socket.once('connect_error', ok));
			socket.connect();
			expect(handshakeRefusalCode(await refused)).toBe(HandshakeErrors.unavailable);
			absences.standInWindows = read;
			await welcomed;
			expect(socket.connected).toBe(true);
			stop();
		} finally {
			absences.standInWindows = read;
		}
	});
});

describe('replays', () => {
	it('refuses a second replay from a socket while its first is in flight, with a clear error code', async () => {
		// The refusal speaks the language of the handshake: here the locale cookie the pages set.
		const { socket } = await open(`${(await signedIn('lia')).cookieHeader()}; PARAGLIDE_LOCALE=ru`);
		const answers = await Promise.all([
			socket.emitWithAck('events:replay', { afterId: 0 }),
			socket.emitWithAck('events:replay', { afterId: 0 })
		]);
		expect(answers[0]).toHaveProperty('data');
		expect(answers[1]).toEqual({ code: 'replay-busy', error: m.err_replay_busy({}, { locale: 'ru' }) });
	});

	it(`refuses more than ${REPLAY_POINTS} replays a minute from one session, while another user replays on`, async () => {
		const cookie = (await signedIn('lia')).cookieHeader();
		// One socket's browser prefers Kazakh (no locale cookie): its refusal is in Kazakh, the other's in English.
		const [{ socket: a }, { socket: b }] = await Promise.all([
			open(cookie, { 'accept-language': 'kk-KZ,kk;q=0.9,ru;q=0.8' }),
			open(cookie)
		]);
		const answers = [];
		for (let i = 0; i < REPLAY_POINTS + 2; i++)
			answers.push(await (i % 2 ? a : b).emitWithAck('events:replay', { afterId: 0 }));
		expect(answers.filter((x) => 'data' in x)).toHaveLength(REPLAY_POINTS);
		expect(answers.slice(REPLAY_POINTS)).toEqual([
			{ code: 'replay-rate', error: m.err_replay_rate({ points: String(REPLAY_POINTS) }, { locale: 'en' }) },
			{ code: 'replay-rate', error: m.err_replay_rate({ points: String(REPLAY_POINTS) }, { locale: 'kk' }) }
		]);
		const { socket: other } = await open((await signedIn('sam')).cookieHeader());
		expect(await other.emitWithAck('events:replay', { afterId: 0 })).toHaveProperty('data');
	});
});

describe('expensive pages and API lists', () => {
	const page = (http: HttpClient, path: string) => http.request(path, { headers: { accept: 'text/html' } });

	it('answer a burst of /board loads from one session past the rate with 429 and Retry-After, while another user’s go on', async () => {
		const greedy = await signedIn('lia');
		const other = await signedIn('sam');
		const burst = await Promise.all(Array.from({ length: PAGE_LIMIT.points + 10 }, () => page(greedy, '/board')));
		const refused = burst.filter((r) => r.status === 429);
		expect(burst.length - refused.length).toBe(PAGE_LIMIT.points);
		expect(burst.filter((r) => r.status !== 429).every((r) => r.status === 200)).toBe(true);
		expect(refused).toHaveLength(10);
		for (const r of refused) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		// The page's data requests count too, and answer in JSON.
		const data = await greedy.get('/queue/__data.json');
		expect(data.status).toBe(429);
		expect(await data.json()).toMatchObject({ error: expect.stringMatching(/Too many requests/) });
		// Someone else is not held back.
		expect((await page(other, '/board')).status).toBe(200);
		expect((await page(other, '/queue')).status).toBe(200);
	});

	it('limit an integration token on the API lists, per token', async () => {
		const actor = { userId: null, label: 'test' };
		const [a, b] = [
			await app.ctx.tokens.issue({ name: 'nsc gateway', kind: 'agency', agencyCode: 'nsc' }, actor),
			await app.ctx.tokens.issue({ name: 'mod gateway', kind: 'agency', agencyCode: 'mod' }, actor)
		];
		const list = (token: string) =>
			fetch(`${app.url}/api/v1/consultations?status=pending`, { headers: { authorization: `Bearer ${token}` } });
		const answers = await Promise.all(Array.from({ length: API_LIST_LIMIT.points + 3 }, () => list(a.token)));
		expect(answers.filter((r) => r.status === 200)).toHaveLength(API_LIST_LIMIT.points);
		const refused = answers.filter((r) => r.status === 429);
		expect(refused).toHaveLength(3);
		expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect((await list(b.token)).status).toBe(200);
	});
});
