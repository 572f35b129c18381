/**
 * A client that was away while more than one page of case events was committed gets every one of
 * them back, once, through the browser's own replay loop (src/lib/realtime/case-event-feed.ts) —
 * also while new events keep arriving live during the replay, and also for a viewer who may see
 * only a few of them (a page in which nothing is hers must not end the replay). Real server, real
 * sockets on port 0; PGlite, or PostgreSQL with DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { insertConsultationCase } from '../helpers/test-db';
import { appendCaseEvents } from '../../src/lib/server/audit/audit.repository';
import { cases } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { CaseEventFeed } from '../../src/lib/realtime/case-event-feed';
import type { CaseEventEnvelope, ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/contract';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let app: TestApp;
let busyCase: string;
let olgasCase: string;
const sockets: ClientSocket[] = [];

/** Ten replay pages of 1,000 and a bit: far more than one page, which is where replay used to stop. */
const AWAY = 10_050;

beforeAll(async () => {
	app = await startTestApp();
	await app.createUser('sue', ['supervisor']);
	const olga = await app.createUser('olga', ['officer']);
	const boris = await app.createUser('boris', ['officer']);
	busyCase = await insertConsultationCase(app.ctx.db, 'EL-R-1', 'ТОО «Повтор»');
	// Boris's case in another unit: Olga may not see its events, the supervisor sees all.
	await app.ctx.db.update(cases).set({ assigneeId: boris, unit: 'U2' }).where(eq(cases.id, busyCase));
	const [busy] = await app.ctx.db.select().from(cases).where(eq(cases.id, busyCase));
	const { id: _id, ...copy } = busy!;
	const [hers] = await app.ctx.db
		.insert(cases)
		.values({ ...copy, number: 'EL-R-2', assigneeId: olga, unit: 'U1' })
		.returning({ id: cases.id });
	olgasCase = hers!.id;
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await app.close();
});

/** Commits `n` events to a case in transactions of 500 (one statement each); returns their ids. */
async function commitMany(caseId: string, n: number, label: string): Promise<number[]> {
	const ids: number[] = [];
	for (let done = 0; done < n;) {
		const size = Math.min(500, n - done);
		const rows = await app.ctx.db.transaction((tx) =>
			appendCaseEvents(
				tx,
				caseId,
				Array.from({ length: size }, (_, i) => ({
					type: 'case:stage-changed',
					actor: { userId: null, label: 'test' },
					at: new Date(),
					after: { stage: `${label}${done + i}` }
				}))
			)
		);
		ids.push(...rows.map((r) => r.id));
		done += size;
	}
	return ids;
}

/** A signed-in socket followed by the browser's feed; `delivered` is what the feed handed the page. */
async function follow(username: string) {
	const http = new HttpClient(app.url, `10.11.${sockets.length}.1`);
	expect((await http.signIn(username, TEST_PASSWORD)).status).toBe(201);
	const socket: ClientSocket = connect(app.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie: http.cookieHeader(), origin: app.url },
		forceNew: true
	});
	sockets.push(socket);
	const delivered: CaseEventEnvelope[] = [];
	let lives = 0;
	new CaseEventFeed(socket, { onEvent: (e) => delivered.push(e), onLive: () => lives++ });
	await until(() => lives === 1);
	return { socket, delivered, lives: () => lives };
}

const until = async (check: () => boolean, ms = 30_000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
};

/** Commits an event every few milliseconds until stopped: live traffic while a replay runs. */
function liveTraffic(caseId: string) {
	const ids: number[] = [];
	let stop = false;
	const running = (async () => {
		for (let n = 0; !stop; n++) {
			ids.push(...(await commitMany(caseId, 1, 'live')));
			await new Promise((r) => setTimeout(r, 5));
		}
	})();
	return {
		ids,
		stop: async () => {
			stop = true;
			await running;
		}
	};
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('replay after an absence of more than one page', () => {
	it('brings back every event committed while the client was away, once, under live traffic', async () => {
		const sue = await follow('sue');
		const [seen] = await commitMany(busyCase, 1, 'before');
		await until(() => sue.delivered.some((e) => e.id === seen));
		sue.socket.disconnect(); // away: not a drop socket.io could recover by itself
		const missed = await commitMany(busyCase, AWAY, 'away');
		await new Promise((r) => setTimeout(r, 300)); // published (to nobody) while she was away
		sue.socket.connect();
		const live = liveTraffic(busyCase);
		await until(() => sue.lives() === 2);
		await new Promise((r) => setTimeout(r, 200));
		await live.stop();
		expect(live.ids.length).toBeGreaterThan(0);
		const expected = [seen!, ...missed, ...live.ids];
		await until(() => expected.every((id) => sue.delivered.some((e) => e.id === id)), 10_000).catch(() => {});
		const got = sue.delivered.map((e) => e.id);
		expect(got.length - new Set(got).size).toBe(0); // nothing twice
		expect(sorted(got)).toEqual(sorted(expected)); // nothing lost
	});

	it('does not stop at a page in which nothing is hers', async () => {
		const olga = await follow('olga');
		olga.socket.disconnect();
		const hers1 = await commitMany(olgasCase, 3, 'hers');
		await commitMany(busyCase, 2_500, 'not hers'); // two and a half pages she may not see
		const hers2 = await commitMany(olgasCase, 3, 'hers later');
		olga.socket.connect();
		await until(() => olga.lives() === 2);
		await until(() => olga.delivered.length >= 6, 5_000).catch(() => {});
		expect(olga.delivered.map((e) => e.id)).toEqual([...hers1, ...hers2]);
	});
});
