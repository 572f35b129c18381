// Child process of bench/realtime.bench.ts: N clients that record, for each event, the delay from
// the event's `at` (set just before its transaction) to its receipt. Asked on stdin with
// `report <JSON array>` — for each event, how long after `at` its transaction committed — they
// report latencies from `at` and from the commit (p50/p99/max), events lost and doubled.
//
// `raw` (default) clients speak the engine.io v4 / socket.io v5 wire protocol over `ws` directly:
// handshake with the same cookie and Origin, answer pings, decode each `42[...]` event frame with
// one JSON.parse. `socket.io` clients use socket.io-client. Both are correct clients of the server;
// the raw one costs the client process far less per message, which matters because 1,000 clients
// decoding 50,000 messages a second share two cores with the server being measured.
import { io } from 'socket.io-client';
import WebSocket from 'ws';

const [url, count, cookie, eventName, kind = 'raw'] = process.argv.slice(2);
const n = Number(count);
// Per event (keyed by the bench's sequence number, payload.stage = "s<i>"): each copy's delay from `at`.
const perEvent = new Map();
let connected = 0;
const onConnected = () => {
	if (++connected === n) process.stdout.write('ready\n');
};
const onEvent = (e) => {
	const delay = Date.now() - Date.parse(e.at);
	const key = Number(String(e.payload?.stage).slice(1));
	let entry = perEvent.get(key);
	if (!entry) perEvent.set(key, (entry = { delays: new Uint16Array(n), copies: 0 }));
	if (entry.copies < n) entry.delays[entry.copies] = Math.min(delay, 65535);
	entry.copies++;
};

function rawClient() {
	const headers = cookie === '-' ? {} : { cookie, origin: url };
	const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
		headers,
		perMessageDeflate: false
	});
	let joined = false;
	ws.on('message', (data, isBinary) => {
		if (isBinary) return;
		const s = data.toString();
		if (s === '2') return ws.send('3'); // engine.io ping → pong
		if (s[0] === '0') return ws.send('40'); // engine.io open → socket.io CONNECT to "/"
		if (s.startsWith('40')) {
			if (!joined) {
				joined = true;
				onConnected();
			}
			return;
		}
		if (s.startsWith('44')) return process.stderr.write(`connect_error ${s.slice(2)}\n`);
		if (s.startsWith('42[')) {
			const [name, payload] = JSON.parse(s.slice(2));
			if (name === eventName) onEvent(payload);
		}
	});
	ws.on('error', (e) => process.stderr.write(`ws error ${e.message}\n`));
}

function socketIoClient() {
	const s = io(url, {
		transports: ['websocket'],
		extraHeaders: cookie === '-' ? {} : { cookie, origin: url },
		forceNew: true,
		reconnection: false
	});
	s.on('connect', onConnected);
	s.on('connect_error', (e) => process.stderr.write(`connect_error ${e.message}\n`));
	s.on(eventName, onEvent);
}

for (let i = 0; i < n; i++) (kind === 'socket.io' ? socketIoClient : rawClient)();

function summary(values) {
	values.sort(); // a typed array: numeric order, and fast for the 30 M copies of a 10-minute run
	const pct = (p) => values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
	return { p50: pct(50), p99: pct(99), max: values.at(-1) };
}

let input = '';
process.stdin.on('data', (d) => {
	input += d.toString();
	if (!input.includes('\n')) return;
	const commitOffsets = JSON.parse(input.slice(input.indexOf(' ') + 1));
	let total = 0;
	for (const { copies } of perEvent.values()) total += Math.min(copies, n);
	const fromAt = new Int32Array(total);
	const fromCommit = new Int32Array(total);
	let k = 0;
	let duplicates = 0;
	let perEventMin = Infinity;
	for (const [key, { delays, copies }] of perEvent) {
		const offset = commitOffsets[key] ?? 0;
		for (let c = 0; c < Math.min(copies, n); c++, k++) {
			fromAt[k] = delays[c];
			fromCommit[k] = delays[c] - offset;
		}
		if (copies > n) duplicates++;
		perEventMin = Math.min(perEventMin, copies);
	}
	const report = {
		...summary(fromAt),
		fromCommit: summary(fromCommit),
		received: fromAt.length,
		events: perEvent.size,
		duplicates,
		perEventMin
	};
	process.stdout.write(JSON.stringify(report) + '\n');
	process.exit(0);
});
