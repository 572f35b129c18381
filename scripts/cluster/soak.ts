/**
 * The soak of the cluster test (`npm run soak`, run.ts `--soak`): plain load for an hour (or
 * `--minutes N`) while every 30 s each app node's own Prometheus metrics (METRICS_PORT, in its
 * namespace) are read — resident memory, V8 heap in use, active handles, connected sockets — and
 * the load clients' resident memory from /proc. At the end, with the latency of every event from
 * commit to each client (the clients' report, per 30-s sample and per window), it prints a table
 * per node and judges: memory flat, handles not growing, p99 stable (soak-stats.ts).
 */
import { readFileSync } from 'node:fs';
import {
	HANDLES_GROWTH_PER_HOUR,
	HANDLES_SIGNIFICANCE,
	P99_FACTOR,
	RSS_GROWTH_PER_HOUR,
	judgeHandles,
	judgeMemory,
	judgeP99,
	promValues,
	soakPlan,
	windows
} from './soak-stats';

export const SAMPLE_MS = 30_000;
export const METRICS_PORT = 9464;

const SERIES = [
	'process_resident_memory_bytes',
	'nodejs_heap_size_used_bytes',
	'nodejs_active_handles_total',
	'merzim_sockets_connected'
] as const;

interface Sample {
	/** ms since the soak's load began */
	at: number;
	nodes: Record<string, { rss: number | null; heap: number | null; handles: number | null; sockets: number | null }>;
	/** resident memory of the load-client processes together (the test's own side) */
	clientsRss: number;
}

/** The latency percentiles of one span of events, as the load clients report them. */
export interface SpanLatency {
	n: number;
	p50: number;
	p99: number;
	max: number;
}

function rssOf(pid: number | undefined): number {
	if (!pid) return 0;
	try {
		const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return Number(kb ?? 0) * 1024;
	} catch {
		return 0;
	}
}

async function nodeMetrics(address: string) {
	try {
		const r = await fetch(`http://${address}:${METRICS_PORT}/metrics`, { signal: AbortSignal.timeout(10_000) });
		const v = promValues(await r.text(), SERIES);
		return {
			rss: v.process_resident_memory_bytes!,
			heap: v.nodejs_heap_size_used_bytes!,
			handles: v.nodejs_active_handles_total!,
			sockets: v.merzim_sockets_connected!
		};
	} catch {
		return { rss: null, heap: null, handles: null, sockets: null };
	}
}

/** Samples every SAMPLE_MS from now until `stop()`; the first sample is taken at once. */
export function startSampling(nodes: { name: string; address: string }[], clientPids: () => (number | undefined)[]) {
	const begun = Date.now();
	const samples: Sample[] = [];
	let stopped = false;
	const loop = (async () => {
		for (let k = 0; !stopped; k++) {
			const at = Date.now() - begun;
			const got = await Promise.all(nodes.map((n) => nodeMetrics(n.address)));
			samples.push({
				at,
				nodes: Object.fromEntries(nodes.map((n, i) => [n.name, got[i]!])),
				clientsRss: clientPids().reduce<number>((s, pid) => s + rssOf(pid), 0)
			});
			const wait = begun + (k + 1) * SAMPLE_MS - Date.now();
			if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		}
	})();
	return {
		begun,
		samples,
		stop: async () => {
			stopped = true;
			await loop;
		}
	};
}

/** The spans whose latency the soak reports: a 30-s one per sample, and the windows of its plan. */
export function soakSpans(begun: number, ended: number, minutes: number) {
	const { windowMs } = soakPlan(minutes);
	return { samples: windows(begun, ended, SAMPLE_MS), windows: windows(begun, ended, windowMs) };
}

const mb = (b: number | null | undefined) => (b == null ? '—' : (b / 1048576).toFixed(1));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * Prints the samples, the table per node and the p99 per window; returns the verdicts as
 * [ok, what] for the run's own checks.
 */
export function soakReport(
	minutes: number,
	samples: Sample[],
	latency: { samples: SpanLatency[]; windows: SpanLatency[] }
): [ok: boolean, what: string][] {
	const { warmupMs, windowMs } = soakPlan(minutes);
	const names = Object.keys(samples[0]?.nodes ?? {});
	const checks: [boolean, string][] = [];

	console.log(`\n== soak: ${samples.length} samples, ${SAMPLE_MS / 1000} s apart; warm-up ${warmupMs / 60_000} min`);
	console.log(
		`   min  ` +
			`${names.map((n) => `${n} RSS/heap MB, handles, sockets`.padEnd(34)).join('')}clients ` +
			`RSS MB  p99 ms (receipts)`
	);
	samples.forEach((s, i) => {
		const l = latency.samples[i];
		console.log(
			`${(s.at / 60_000).toFixed(1).padStart(6)}  ${names
				.map((n) => {
					const v = s.nodes[n]!;
					return `${mb(v.rss)}/${mb(v.heap)}, ${v.handles ?? '—'}, ${v.sockets ?? '—'}`.padEnd(34);
				})
				.join('')}${mb(s.clientsRss).padEnd(16)}${l ? `${l.p99} (${l.n})` : '—'}`
		);
	});

	const after = samples.filter((s) => s.at >= warmupMs);
	const series = (n: string, f: 'rss' | 'heap' | 'handles') =>
		after.flatMap((s) => (s.nodes[n]![f] == null ? [] : [[s.at, s.nodes[n]![f]!] as const]));
	const all = (n: string, f: 'rss' | 'heap' | 'handles') => samples.map((s) => s.nodes[n]![f]).filter((v) => v != null);
	console.log(`\nper node, slopes by least squares over the ${after.length} samples after warm-up:`);
	console.log(
		'node  RSS MB first → last  slope MB/h (± s.e.)      heap MB first → last  slope MB/h (± s.e.) ' +
			' handles first/last/max  slope/h'
	);
	for (const n of names) {
		const rss = judgeMemory(series(n, 'rss'));
		const heap = judgeMemory(series(n, 'heap'));
		const handles = judgeHandles(series(n, 'handles'));
		const [r, h, k] = [all(n, 'rss'), all(n, 'heap'), all(n, 'handles')];
		const se = (x: number) => (Number.isFinite(x) ? (x / 1048576).toFixed(1) : '—');
		console.log(
			`${n.padEnd(6)}${`${mb(r[0])} → ${mb(r.at(-1))}`.padEnd(22)}${`${mb(rss.fit.slope)} (± ${se(rss.fit.slopeError)})`.padEnd(25)}` +
				`${`${mb(h[0])} → ${mb(h.at(-1))}`.padEnd(22)}${`${mb(heap.fit.slope)} (± ${se(heap.fit.slopeError)})`.padEnd(21)}` +
				`${`${k[0] ?? '—'}/${k.at(-1) ?? '—'}/${k.length ? Math.max(...k) : '—'}`.padEnd(24)}${handles.fit.slope.toFixed(1)}`
		);
		if (after.length < 3) {
			checks.push([false, `${n}: too few samples after warm-up (${after.length}) to fit memory and handles`]);
			continue;
		}
		checks.push([
			!rss.grows,
			`${n}: RSS slope ${mb(rss.fit.slope)} MB/h after warm-up, limit ` +
				`${pct(RSS_GROWTH_PER_HOUR)} of ${mb(rss.base)} MB = ${mb(rss.limit)} MB/h`
		]);
		checks.push([
			!handles.grows,
			`${n}: handles not growing steadily (slope ${handles.fit.slope.toFixed(1)}/h; ` +
				`growth means > ${HANDLES_SIGNIFICANCE} s.e. and ` +
				`> ${pct(HANDLES_GROWTH_PER_HOUR)} of ${handles.base} per hour)`
		]);
	}

	const spans = latency.windows;
	console.log(`\nlatency from commit per ${windowMs / 60_000}-minute window (all clients):`);
	spans.forEach((w, i) =>
		console.log(
			`  ${String((i * windowMs) / 60_000).padStart(5)}–${String(Math.min(minutes, ((i + 1) * windowMs) / 60_000)).padEnd(5)} min  p50 ${w.p50} ms  p99 ${w.p99} ms  worst ${w.max} ms  (${w.n} receipts)${i * windowMs < warmupMs ? '  warm-up' : ''}`
		)
	);
	const firstAfter = Math.ceil(warmupMs / windowMs);
	const p99 = judgeP99(spans[firstAfter]?.p99, spans.at(-1)?.p99, firstAfter >= spans.length - 1);
	checks.push(
		p99
			? [
					!p99.grew,
					`p99 stable: last window ${p99.last} ms, first after warm-up ${p99.first} ms (limit ${P99_FACTOR}×)`
				]
			: [false, 'p99 stable: too few windows after warm-up to compare']
	);
	return checks;
}
