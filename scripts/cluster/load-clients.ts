/**
 * Child process of the cluster test: socket clients as the browser runs them — socket.io-client,
 * WebSocket only, reconnecting by itself, and the browser's own CaseEventFeed (replay after a
 * reconnect, de-duplication) — each signed in with its own session through nginx. Started with a
 * JSON line on stdin: {url, origin, clients: [{cookie, role}]}; prints "ready" once all are live.
 * Asked {away: true}, it answers "away N": clients not connected, or not yet caught up.
 * Then, asked with a JSON line {events: CommittedEvent[], commitAt: {id: ms}} (commit times of the
 * events the writer committed), it reports per role: events missing, received though not allowed,
 * delivered twice to the page (after de-duplication: must be 0) and raw copies seen twice on the
 * wire (replay overlap, harmless), latency percentiles from commit, and reconnect times.
 */
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { CaseEventFeed } from '../../src/lib/realtime/case-event-feed';
import {
	CASE_EVENT_TYPES,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/realtime/contract';
import { mayReceive, roleKey, type CommittedEvent, type Role } from './audience-rule';

interface Client {
	role: Role;
	socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	/** id → ms from commit is computed at report time: here the receipt time (epoch ms). */
	received: Map<number, number>;
	pageDoubles: number;
	wireCopies: Map<number, number>;
	disconnectedAt: number | null;
	reconnectMs: number[];
	everLive: boolean;
}

const lines = createInterface({ input: process.stdin });
const clients: Client[] = [];
let started = false;

lines.on('line', (line) => {
	const msg = JSON.parse(line) as Record<string, unknown>;
	if (!started) {
		started = true;
		start(msg as { url: string; origin: string; clients: { cookie: string; role: Role }[] });
	} else if (msg.away) process.stdout.write(`away ${clients.filter(isAway).length}\n`);
	else report(msg as Parameters<typeof report>[0]);
});

function start(cfg: { url: string; origin: string; clients: { cookie: string; role: Role }[] }) {
	let live = 0;
	for (const c of cfg.clients) {
		const socket: Client['socket'] = io(cfg.url, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie: c.cookie, origin: cfg.origin },
			forceNew: true,
			reconnectionDelay: 500,
			reconnectionDelayMax: 2_000,
			randomizationFactor: 0.5
		});
		const client: Client = {
			role: c.role,
			socket,
			received: new Map(),
			pageDoubles: 0,
			wireCopies: new Map(),
			disconnectedAt: null,
			reconnectMs: [],
			everLive: false
		};
		for (const type of CASE_EVENT_TYPES)
			socket.on(type, (e) => client.wireCopies.set(e.id, (client.wireCopies.get(e.id) ?? 0) + 1));
		socket.on('disconnect', () => (client.disconnectedAt ??= Date.now()));
		new CaseEventFeed(socket, {
			onEvent: (e) => {
				if (client.received.has(e.id)) client.pageDoubles++;
				else client.received.set(e.id, Date.now());
			},
			onLive: () => {
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

/** Not connected, or connected but not yet caught up with what it missed. */
const isAway = (c: Client) => !c.socket.connected || c.disconnectedAt !== null;

const pct = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

function report(req: {
	events: CommittedEvent[];
	commitAt: Record<string, number>;
	phases: Record<string, [number, number]>;
}) {
	const byRole = new Map<
		string,
		{ clients: number; missing: number; leaked: number; pageDoubles: number; wireDoubles: number; expected: number }
	>();
	const latencies: number[] = [];
	const phaseOf = (id: number) => Object.entries(req.phases).find(([, [from, to]]) => id >= from && id <= to)?.[0];
	const perPhase: Record<string, number[]> = {};
	const reconnects: number[] = [];
	let stillAway = 0;
	for (const c of clients) {
		const key = roleKey(c.role);
		const r = byRole.get(key) ?? { clients: 0, missing: 0, leaked: 0, pageDoubles: 0, wireDoubles: 0, expected: 0 };
		byRole.set(key, r);
		r.clients++;
		r.pageDoubles += c.pageDoubles;
		const allowed = new Set<number>();
		for (const e of req.events) if (mayReceive(c.role, e)) allowed.add(e.id);
		r.expected += allowed.size;
		for (const id of allowed) if (!c.received.has(id)) r.missing++;
		const known = new Set(req.events.map((e) => e.id));
		for (const [id, at] of c.received) {
			if (!allowed.has(id) && known.has(id)) r.leaked++;
			const commit = req.commitAt[id];
			if (commit === undefined) continue;
			latencies.push(at - commit);
			const p = phaseOf(id);
			if (p) (perPhase[p] ??= []).push(at - commit);
		}
		for (const n of c.wireCopies.values()) if (n > 1) r.wireDoubles++;
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
				)
			},
			reconnect: {
				n: reconnects.length,
				p50: pct(reconnects, 50),
				p99: pct(reconnects, 99),
				max: reconnects.at(-1) ?? 0
			},
			stillAway
		}) + '\n'
	);
	for (const c of clients) c.socket.close();
	setTimeout(() => process.exit(0), 200);
}
