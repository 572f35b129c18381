/**
 * Child process of the cluster test: socket clients as the browser runs them — socket.io-client,
 * WebSocket only, reconnecting by itself, and the browser's own CaseEventFeed (replay after a
 * reconnect, de-duplication) — each signed in with its own session through nginx. Started with a
 * JSON line on stdin: {url, origin, clients: [{cookie, role}]}; prints "ready" once all are live.
 * Asked {away: true}, it answers "away N": clients not connected, or not yet caught up; asked
 * {owed: CommittedEvent[]}, "owed N": how many of those events its clients may see and do not hold.
 * Then, asked with a JSON line {events: CommittedEvent[], commitAt: {id: ms}} (commit times of the
 * events the writer committed), it reports per role: events missing, received though not allowed,
 * delivered twice to the page (after de-duplication: must be 0) and raw copies seen twice on the
 * wire (replay overlap, harmless), latency percentiles from commit, and reconnect times; with
 * {windows: {name: [firstId, lastId][]}} also the latency of the events of each id range (the soak's).
 */
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { NodeWebSocket } from 'engine.io-client';
import { CaseEventFeed } from '../../src/lib/realtime/case-event-feed';
import {
	CASE_EVENT_TYPES,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/realtime/contract';
import { mayReceive, roleKey, type CommittedEvent, type Role } from './audience-rule';
import { rangeOf } from './soak-stats';
import { IdTable } from './id-table';

/** What happened to a client's connection, for the report of an event it missed (epoch ms). */
type Step = [at: number, what: string];

interface Client {
	index: number;
	role: Role;
	/** The node (nginx's upstream address) of the current connection. */
	node: string;
	history: Step[];
	socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	/** id → ms from commit is computed at report time: here the receipt time, in ms since BASE. */
	received: IdTable;
	pageDoubles: number;
	wireCopies: IdTable;
	disconnectedAt: number | null;
	reconnectMs: number[];
	everLive: boolean;
	feed: CaseEventFeed;
}

// The WebSocket transport of socket.io-client, noting which node nginx sent the connection to (its
// X-Upstream header on the 101 answer): the report of a missed event says where the client was.
const upstreamOf = new WeakMap<object, string>();
class NotedWS extends NodeWebSocket {
	override createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, unknown>) {
		const ws = super.createSocket(uri, protocols, opts) as unknown as {
			on: (e: 'upgrade', f: (res: { headers: Record<string, string> }) => void) => void;
		};
		ws.on('upgrade', (res) => upstreamOf.set(this, String(res.headers['x-upstream'] ?? '?')));
		return ws as never;
	}
}

/** Receipt times are kept as ms since here (never 0: that means "not received"). */
const BASE = Date.now() - 1;
/**
 * Rejections nobody handled (an acknowledgement a dropped connection rejected): counted and shown,
 * and the report carries them, rather than ending the process and every client in it.
 */
const unhandled: string[] = [];
process.on('unhandledRejection', (e) => {
	unhandled.push(String((e as Error)?.message ?? e));
	process.stderr.write(`load clients: unhandled rejection: ${(e as Error)?.stack ?? String(e)}\n`);
});
const lines = createInterface({ input: process.stdin });
const clients: Client[] = [];
let started = false;

lines.on('line', (line) => {
	const msg = JSON.parse(line) as Record<string, unknown>;
	if (!started) {
		started = true;
		start(msg as Parameters<typeof start>[0]);
	} else if (msg.away) process.stdout.write(`away ${clients.filter(isAway).length}\n`);
	else if (msg.owed) process.stdout.write(`owed ${owed(msg.owed as CommittedEvent[])}\n`);
	else report(msg as Parameters<typeof report>[0]);
});

function start(cfg: { url: string; origin: string; clients: { cookie: string; role: Role; index: number }[] }) {
	let live = 0;
	for (const c of cfg.clients) {
		const socket: Client['socket'] = io(cfg.url, {
			path: '/socket.io',
			transports: [NotedWS as never],
			extraHeaders: { cookie: c.cookie, origin: cfg.origin },
			forceNew: true,
			reconnectionDelay: 500,
			reconnectionDelayMax: 2_000,
			randomizationFactor: 0.5
		});
		const client: Client = {
			index: c.index,
			node: '',
			history: [],
			role: c.role,
			socket,
			received: new IdTable('int32'),
			pageDoubles: 0,
			wireCopies: new IdTable('uint16'),
			disconnectedAt: null,
			reconnectMs: [],
			everLive: false,
			feed: undefined as unknown as CaseEventFeed // set just below
		};
		for (const type of CASE_EVENT_TYPES)
			socket.on(type, (e) => client.wireCopies.set(e.id, Math.min(65_535, client.wireCopies.get(e.id) + 1)));
		const note = (what: string) => client.history.push([Date.now(), what]);
		socket.on('session:welcomed', (w) =>
			note(`welcomed: last event ${w.lastEventId}, resume point ${client.feed.resumeAfter}`)
		);
		socket.on('connect', () => {
			client.node = (upstreamOf.get(socket.io.engine.transport) ?? '?').replace(/^10\.77\.0\.1(\d):3000$/, 'n$1');
			note(`connected to ${client.node}${socket.recovered ? ' (recovered)' : ''}`);
		});
		socket.on('disconnect', (reason) => {
			note(`disconnected from ${client.node}: ${reason}`);
			client.disconnectedAt ??= Date.now();
		});
		socket.io.on('reconnect_attempt', (n) => note(`reconnect attempt ${n}`));
		socket.on('connect_error', (e) => {
			// The WebSocket's own error says why (nginx's 502, the node's refusal, a reset).
			const why = (e as Error & { description?: { message?: string; error?: { message?: string } } }).description;
			note(`connect error: ${e.message}${why ? ` (${why.error?.message ?? why.message ?? String(why)})` : ''}`);
		});
		socket.onAnyOutgoing((event, ...args) => {
			if (event === 'events:replay') note(`asked a replay ${JSON.stringify(args[0])}`);
		});
		client.feed = new CaseEventFeed(socket, {
			onEvent: (e) => {
				if (client.received.has(e.id)) client.pageDoubles++;
				else client.received.set(e.id, Date.now() - BASE);
			},
			onLive: () => {
				note(`live, resume point ${client.feed.resumeAfter}`);
				if (!client.everLive) {
					client.everLive = true;
					if (++live === cfg.clients.length) process.stdout.write('ready\n');
				}
			},
			onReconnected: () => {
				if (client.disconnectedAt !== null) client.reconnectMs.push(Date.now() - client.disconnectedAt);
				client.disconnectedAt = null;
			}
		});
		clients.push(client);
	}
}

/** The events one client missed, where it was and what its connection went through (for the report). */
export interface MissedBy {
	client: number;
	role: string;
	node: string;
	ids: number[];
	/** Of those, the ids that did reach its socket (so the page's de-duplication dropped them). */
	onTheWire: number[];
	resumeAfter: number;
	history: Step[];
}

/** Events of `events` that clients may see and have not received (all clients together). */
function owed(events: CommittedEvent[]): number {
	let n = 0;
	for (const c of clients) for (const e of events) if (mayReceive(c.role, e) && !c.received.has(e.id)) n++;
	return n;
}

/** Not connected, or connected but not yet caught up with what it missed. */
const isAway = (c: Client) => !c.socket.connected || c.disconnectedAt !== null;

const pct = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

function report(req: {
	events: CommittedEvent[];
	commitAt: Record<string, number>;
	phases: Record<string, [number, number]>;
	windows?: Record<string, [number, number][]>;
}) {
	const byRole = new Map<
		string,
		{ clients: number; missing: number; leaked: number; pageDoubles: number; wireDoubles: number; expected: number }
	>();
	const latencies: number[] = [];
	const phaseOf = (id: number) => Object.entries(req.phases).find(([, [from, to]]) => id >= from && id <= to)?.[0];
	const perPhase: Record<string, number[]> = {};
	const known = new Set(req.events.map((e) => e.id));
	const windowLists = Object.entries(req.windows ?? {});
	const perWindow = Object.fromEntries(
		Object.entries(req.windows ?? {}).map(([k, ranges]) => [k, ranges.map((): number[] => [])])
	);
	const reconnects: number[] = [];
	let stillAway = 0;
	const missed: MissedBy[] = [];
	for (const c of clients) {
		const key = roleKey(c.role);
		const r = byRole.get(key) ?? { clients: 0, missing: 0, leaked: 0, pageDoubles: 0, wireDoubles: 0, expected: 0 };
		byRole.set(key, r);
		r.clients++;
		r.pageDoubles += c.pageDoubles;
		const allowed = new Set<number>();
		for (const e of req.events) if (mayReceive(c.role, e)) allowed.add(e.id);
		r.expected += allowed.size;
		const lost = [...allowed].filter((id) => !c.received.has(id));
		r.missing += lost.length;
		if (lost.length)
			missed.push({
				client: c.index,
				role: key,
				node: c.node,
				ids: lost,
				onTheWire: lost.filter((id) => c.wireCopies.has(id)),
				resumeAfter: c.feed.resumeAfter,
				history: c.history
			});
		c.received.forEach((at, id) => {
			if (!allowed.has(id) && known.has(id)) r.leaked++;
			const commit = req.commitAt[id];
			if (commit === undefined) return;
			const ms = BASE + at - commit;
			latencies.push(ms);
			const p = phaseOf(id);
			if (p) (perPhase[p] ??= []).push(ms);
			for (const [k, ranges] of windowLists) {
				const w = rangeOf(ranges, id);
				if (w >= 0) perWindow[k]![w]!.push(ms);
			}
		});
		c.wireCopies.forEach((n) => {
			if (n > 1) r.wireDoubles++;
		});
		reconnects.push(...c.reconnectMs);
		if (isAway(c)) stillAway++;
	}
	latencies.sort((a, b) => a - b);
	reconnects.sort((a, b) => a - b);
	process.stdout.write(
		JSON.stringify({
			byRole: Object.fromEntries(byRole),
			latency: {
				n: latencies.length,
				p50: pct(latencies, 50),
				p99: pct(latencies, 99),
				max: latencies.at(-1) ?? 0,
				phases: Object.fromEntries(
					Object.entries(perPhase).map(([k, v]) => {
						v.sort((a, b) => a - b);
						return [k, { p50: pct(v, 50), p99: pct(v, 99), max: v.at(-1) ?? 0 }];
					})
				),
				windows: Object.fromEntries(
					Object.entries(perWindow).map(([k, spans]) => [
						k,
						spans.map((v) => {
							v.sort((a, b) => a - b);
							return { n: v.length, p50: pct(v, 50), p99: pct(v, 99), max: v.at(-1) ?? 0 };
						})
					])
				)
			},
			reconnect: {
				n: reconnects.length,
				p50: pct(reconnects, 50),
				p99: pct(reconnects, 99),
				max: reconnects.at(-1) ?? 0
			},
			stillAway,
			unhandled,
			missed
		}) + '\n'
	);
	for (const c of clients) c.socket.close();
	setTimeout(() => process.exit(0), 200);
}
