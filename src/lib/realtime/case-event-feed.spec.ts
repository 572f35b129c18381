import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { CaseEventFeed } from './case-event-feed';
import type { CaseEventEnvelope, ClientToServerEvents, ReplayPage, ServerToClientEvents } from './contract';

const envelope = (id: number): CaseEventEnvelope => ({
	id,
	type: 'case:stage-changed',
	caseId: 'c',
	caseNumber: 'EL-1',
	at: '2026-03-02T04:00:00.000Z',
	actor: 'x',
	citation: null
});

/**
 * A socket.io-client stand-in: the test plays the server — welcomes, live events, and the replay
 * pages (answered by the same rule as server/replay.ts, over ids 1..head, pages of 10), or drops
 * the connection while a page is asked for.
 */
function fakeSocket() {
	const handlers = new Map<string, ((payload: unknown) => void)[]>();
	const state = {
		connected: true,
		recovered: false,
		published: 0,
		requests: [] as { afterId: number; upTo?: number }[],
		/** Called before each page is answered (with how many were asked); 'drop' loses the connection instead. */
		onPage: (_n: number): 'drop' | 'no-answer' | void => {}
	};
	const PAGE = 10;
	const answer = (req: { afterId: number; upTo?: number }): ReplayPage => {
		const upTo = Math.min(req.upTo ?? state.published, state.published);
		const ids: number[] = [];
		for (let id = req.afterId + 1; id <= upTo && ids.length < PAGE; id++) ids.push(id);
		const last = ids.at(-1) ?? upTo;
		const more = ids.length === PAGE && last < upTo;
		return { events: ids.map(envelope), upTo, next: more ? last : Math.max(upTo, req.afterId), more };
	};
	const socket = {
		get connected() {
			return state.connected;
		},
		get recovered() {
			return state.recovered;
		},
		on(event: string, fn: (payload: unknown) => void) {
			handlers.set(event, [...(handlers.get(event) ?? []), fn]);
			return socket;
		},
		off(event: string, fn: (payload: unknown) => void) {
			handlers.set(
				event,
				(handlers.get(event) ?? []).filter((f) => f !== fn)
			);
			return socket;
		},
		timeout: () => ({
			emitWithAck: async (_event: string, req: { afterId: number; upTo?: number }) => {
				state.requests.push(req);
				await new Promise((r) => setTimeout(r, 1));
				const fate = state.onPage(state.requests.length);
				if (fate === 'drop') state.connected = false;
				if (fate) throw new Error('operation has timed out');
				return { data: answer(req) };
			}
		})
	};
	const fire = (event: string, payload: unknown) => handlers.get(event)?.forEach((fn) => fn(payload));
	return {
		socket: socket as unknown as Socket<ServerToClientEvents, ClientToServerEvents>,
		state,
		welcome: (lastEventId: number) => {
			state.connected = true;
			fire('session:welcomed', { serverTime: '2026-03-02T04:00:00.000Z', username: 'sue', lastEventId });
		},
		live: (id: number) => {
			state.published = Math.max(state.published, id);
			fire('case:stage-changed', envelope(id));
		}
	};
}

/** Until `done` (the fake server answers each page a turn later; this machine may be busy), 2 s at most. */
const settle = async (done: () => boolean, ms = 2_000) => {
	const end = Date.now() + ms;
	while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
};

describe('the browser feed of case events', () => {
	it('resumes a replay cut short by a drop where its pages got to, not at a live id that arrived meanwhile', async () => {
		const s = fakeSocket();
		const delivered: number[] = [];
		let lives = 0;
		const feed = new CaseEventFeed(s.socket, { onEvent: (e) => delivered.push(e.id), onLive: () => lives++ });
		s.state.published = 5;
		s.welcome(5);
		for (let id = 6; id <= 7; id++) s.live(id);
		expect(feed.resumeAfter).toBe(7);
		// Away while 8..40 were committed; back, not recovered. Event 41 arrives live during the first
		// page, and the connection drops while the second page is asked for.
		s.state.published = 40;
		s.state.onPage = (n) => {
			if (n === 1) s.live(41);
			if (n === 2) return 'drop';
		};
		s.welcome(40);
		await settle(() => !s.state.connected);
		expect(s.state.requests).toEqual([{ afterId: 7 }, { afterId: 17, upTo: 41 }]);
		expect(lives).toBe(1); // not live again: the replay did not end
		expect(feed.resumeAfter).toBe(17); // where the pages got to (8..17), not 41
		s.state.onPage = () => {};
		s.state.published = 45;
		s.welcome(45);
		for (let id = 46; id <= 47; id++) s.live(id);
		await settle(() => lives === 2);
		expect(lives).toBe(2);
		expect(s.state.requests[2]).toEqual({ afterId: 17 });
		const expected = Array.from({ length: 47 - 5 }, (_, i) => i + 6);
		expect([...delivered].sort((a, b) => a - b)).toEqual(expected); // every one, once
		expect(feed.resumeAfter).toBe(47);
	});

	it('pins the end of a replay with its first page and passes it back, so a busy outbox cannot stretch it', async () => {
		const s = fakeSocket();
		new CaseEventFeed(s.socket);
		s.welcome(0);
		s.state.published = 25;
		s.state.onPage = (n) => {
			if (n === 2) s.state.published = 90; // published meanwhile: reaches the socket live, not by replay
		};
		s.welcome(25);
		await settle(() => s.state.requests.length === 3);
		await new Promise((r) => setTimeout(r, 20)); // and no fourth page
		expect(s.state.requests).toEqual([{ afterId: 0 }, { afterId: 10, upTo: 25 }, { afterId: 20, upTo: 25 }]);
	});

	it('once stopped, hears nothing more of the shared socket, which stays open for the page’s other parts', () => {
		const s = fakeSocket();
		const delivered: number[] = [];
		const other: number[] = [];
		const feed = new CaseEventFeed(s.socket, { onEvent: (e) => delivered.push(e.id) });
		new CaseEventFeed(s.socket, { onEvent: (e) => other.push(e.id) });
		s.welcome(0);
		s.live(1);
		feed.stop();
		s.live(2);
		s.welcome(2);
		expect(delivered).toEqual([1]);
		expect(other).toEqual([1, 2]);
		// Only the feed still listening asks for a replay after the reconnect.
		expect(s.state.requests).toEqual([{ afterId: 2 }]);
	});

	it('asks again for a replay the server did not answer while the connection stayed up', async () => {
		const s = fakeSocket();
		const delivered: number[] = [];
		let lives = 0;
		let reconnected = 0;
		new CaseEventFeed(s.socket, {
			onEvent: (e) => delivered.push(e.id),
			onLive: () => lives++,
			onReconnected: () => reconnected++
		});
		s.welcome(0);
		// Back after 1..20 were committed; the first page gets no answer in time (a node whose
		// database is restarting), the connection stays up and 21 arrives live meanwhile.
		s.state.published = 20;
		s.state.onPage = (n) => {
			if (n === 1) {
				s.live(21);
				return 'no-answer';
			}
		};
		s.welcome(20);
		await settle(() => lives === 2, 5_000);
		expect(reconnected).toBe(1); // live again only once everything missed is delivered
		expect(s.state.requests[0]).toEqual({ afterId: 0 });
		expect(s.state.requests[1]).toEqual({ afterId: 0 }); // asked again on the same connection
		expect([...delivered].sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
	});
});
