// Child process of bench/realtime.bench.ts: N socket.io clients that record, for each event, the
// delay from the event's `at` (set at commit) to its receipt, and report the latencies on stdin EOF.
import { io } from 'socket.io-client';

const [url, count, cookie, eventName] = process.argv.slice(2);
const latencies = [];
const seen = new Map();
let connected = 0;
for (let i = 0; i < Number(count); i++) {
	const s = io(url, { transports: ['websocket'], extraHeaders: cookie === '-' ? {} : { cookie, origin: url }, forceNew: true, reconnection: false });
	s.on('connect', () => {
		if (++connected === Number(count)) process.stdout.write('ready\n');
	});
	s.on('connect_error', (e) => process.stderr.write(`connect_error ${e.message}\n`));
	s.on(eventName, (e) => {
		latencies.push(Date.now() - Date.parse(e.at));
		seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
	});
}
process.stdin.on('data', () => {
	const counts = [...seen.values()];
	latencies.sort((a, b) => a - b);
	const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
	const report = { p50: pct(50), p99: pct(99), max: latencies.at(-1), received: latencies.length, events: seen.size, duplicates: counts.filter((c) => c > Number(count)).length, perEventMin: Math.min(...counts) };
	process.stdout.write(JSON.stringify(report) + '\n');
	process.exit(0);
});
