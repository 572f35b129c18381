/**
 * `npm run simulate -- --rate 30/min [--url http://localhost:3000] [--tokens data/demo-tokens.json]
 * [--seed s] [--minutes N]`: feeds realistic traffic through the public API of a running Merzim
 * (scripts/simulator/traffic.ts). The demo writes the tokens file; elsewhere an admin issues tokens.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSimulator, type SimulatorTokens } from './simulator/traffic';

const { values } = parseArgs({
	options: {
		rate: { type: 'string', default: '30/min' },
		url: { type: 'string', default: process.env.MERZIM_URL ?? 'http://localhost:3000' },
		tokens: { type: 'string', default: `${process.env.MERZIM_DATA_DIR ?? './data'}/demo-tokens.json` },
		seed: { type: 'string', default: `sim-${Date.now()}` },
		minutes: { type: 'string' }
	}
});

const m = /^(\d+(?:\.\d+)?)\/(s|sec|min|h)$/.exec(values.rate);
if (!m) {
	console.error('--rate takes N/s, N/min or N/h, e.g. --rate 30/min');
	process.exit(2);
}
const perMinute = Number(m[1]) * (m[2] === 'h' ? 1 / 60 : m[2] === 'min' ? 1 : 60);
let tokens: SimulatorTokens;
try {
	tokens = JSON.parse(readFileSync(values.tokens, 'utf8')) as SimulatorTokens;
} catch {
	console.error(
		`Cannot read the integration tokens from ${values.tokens}. Start the demo once (npm start) or pass --tokens.`
	);
	process.exit(2);
}

const sim = createSimulator({
	baseUrl: values.url.replace(/\/$/, ''),
	tokens,
	seed: values.seed,
	ratePerMinute: perMinute,
	log: (l) => console.error(l)
});
console.log(`Simulating ${perMinute} applications/min against ${values.url} (Ctrl-C to stop)…`);
sim.start(10);
const report = setInterval(() => console.log(JSON.stringify(sim.stats)), 30_000);
const stop = () => {
	sim.stop();
	clearInterval(report);
	console.log(JSON.stringify(sim.stats));
	process.exit(0);
};
process.once('SIGINT', stop);
if (values.minutes) setTimeout(stop, Number(values.minutes) * 60_000);
