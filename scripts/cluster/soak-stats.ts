/**
 * The arithmetic of the cluster soak (scripts/cluster/soak.ts), kept free of I/O so the unit
 * project checks it (src/soak-stats.spec.ts): a least-squares line through samples, the windows
 * of a run, the id ranges of events committed in each, and the verdicts drawn from them.
 */

/** A least-squares line y = intercept + slope·x, with the standard error of its slope. */
export interface Fit {
	slope: number;
	intercept: number;
	/** Standard error of the slope (Infinity with fewer than three points: no noise estimate). */
	slopeError: number;
	n: number;
}

export function fitLine(points: readonly (readonly [x: number, y: number])[]): Fit {
	const n = points.length;
	if (n < 2) return { slope: 0, intercept: points[0]?.[1] ?? 0, slopeError: Infinity, n };
	const mx = points.reduce((s, [x]) => s + x, 0) / n;
	const my = points.reduce((s, [, y]) => s + y, 0) / n;
	let sxx = 0;
	let sxy = 0;
	for (const [x, y] of points) {
		sxx += (x - mx) ** 2;
		sxy += (x - mx) * (y - my);
	}
	if (sxx === 0) return { slope: 0, intercept: my, slopeError: Infinity, n };
	const slope = sxy / sxx;
	const intercept = my - slope * mx;
	if (n < 3) return { slope, intercept, slopeError: Infinity, n };
	const residuals = points.reduce((s, [x, y]) => s + (y - intercept - slope * x) ** 2, 0);
	return { slope, intercept, slopeError: Math.sqrt(residuals / (n - 2) / sxx), n };
}

/**
 * Warm-up and window length of a soak of `minutes`: five minutes each, or a quarter of a shorter
 * run, so that a short run still has a warm-up, several windows after it and samples to fit.
 */
export function soakPlan(minutes: number): { warmupMs: number; windowMs: number } {
	const ms = Math.min(5 * 60_000, (minutes * 60_000) / 4);
	return { warmupMs: ms, windowMs: ms };
}

/** [from, to) windows of `length` ms covering [start, end); the last one may be shorter. */
export function windows(start: number, end: number, length: number): [from: number, to: number][] {
	const out: [number, number][] = [];
	for (let from = start; from < end; from += length) out.push([from, Math.min(end, from + length)]);
	return out;
}

/**
 * The ids committed in each time window (commit times in ms by id), as [first, last] id ranges,
 * sorted (one writer commits them in order); a window in which nothing was committed gets an
 * empty range [k + 1, k] after the ids of the windows before it, so the ranges stay sorted.
 */
export function idRanges(
	commitAt: Readonly<Record<number, number>>,
	spans: readonly (readonly [number, number])[]
): [first: number, last: number][] {
	const ranges: [number, number][] = spans.map(() => [0, -1]);
	for (const [key, at] of Object.entries(commitAt)) {
		const id = Number(key);
		const i = spans.findIndex(([from, to]) => at >= from && at < to);
		if (i < 0) continue;
		const r = ranges[i]!;
		if (r[1] < r[0]) ranges[i] = [id, id];
		else ranges[i] = [Math.min(r[0], id), Math.max(r[1], id)];
	}
	let before = 0;
	for (const [i, r] of ranges.entries()) {
		if (r[1] < r[0]) ranges[i] = [before + 1, before];
		else before = r[1];
	}
	return ranges;
}

/** The index of the range holding `id` among sorted, disjoint [first, last] ranges, else -1. */
export function rangeOf(ranges: readonly (readonly [number, number])[], id: number): number {
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const [first, last] = ranges[mid]!;
		if (id < first) hi = mid - 1;
		else if (id > last) lo = mid + 1;
		else return mid;
	}
	return -1;
}

/** Sums of the named series in a Prometheus text exposition (all label sets added up). */
export function promValues(text: string, names: readonly string[]): Record<string, number | null> {
	const out: Record<string, number | null> = Object.fromEntries(names.map((n) => [n, null]));
	for (const line of text.split('\n')) {
		if (line.startsWith('#')) continue;
		const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
		if (!m || !(m[1]! in out)) continue;
		const v = Number(m[2]);
		if (Number.isFinite(v)) out[m[1]!] = (out[m[1]!] ?? 0) + v;
	}
	return out;
}

/** Memory may grow at most this share of what the process held after its warm-up, per hour. */
export const RSS_GROWTH_PER_HOUR = 0.1;
/** Handles grow steadily when the slope is this many standard errors above zero... */
export const HANDLES_SIGNIFICANCE = 3;
/** ...and amounts to at least this share of the count after warm-up per hour (a step of one is not a leak). */
export const HANDLES_GROWTH_PER_HOUR = 0.05;
/** The last window's p99 may be at most this many times the first window's after warm-up. */
export const P99_FACTOR = 2;

const HOUR = 3_600_000;

/**
 * RSS after warm-up, judged: its slope per hour (least squares over the samples) against
 * RSS_GROWTH_PER_HOUR of the first sample after warm-up.
 */
export function judgeMemory(samples: readonly (readonly [at: number, bytes: number])[]) {
	const fit = fitLine(samples.map(([at, v]) => [at / HOUR, v]));
	const base = samples[0]?.[1] ?? 0;
	const limit = base * RSS_GROWTH_PER_HOUR;
	return { fit, base, limit, grows: samples.length >= 2 && fit.slope > limit };
}

/**
 * Open handles after warm-up, judged: growing steadily when the slope is both clearly above the
 * noise (HANDLES_SIGNIFICANCE standard errors) and large (HANDLES_GROWTH_PER_HOUR of the first).
 * A count that never moves has no noise at all: then any rise of the size asked for is steady.
 */
export function judgeHandles(samples: readonly (readonly [at: number, count: number])[]) {
	const fit = fitLine(samples.map(([at, v]) => [at / HOUR, v]));
	const base = samples[0]?.[1] ?? 0;
	const limit = Math.max(1, base * HANDLES_GROWTH_PER_HOUR);
	const significant = fit.slopeError === 0 ? fit.slope > 0 : fit.slope > HANDLES_SIGNIFICANCE * fit.slopeError;
	return { fit, base, limit, grows: samples.length >= 3 && significant && fit.slope > limit };
}

/** p99 of the last window against the first after warm-up; null when there is only one window to compare. */
export function judgeP99(firstAfterWarmup: number | undefined, last: number | undefined, sameWindow: boolean) {
	if (firstAfterWarmup === undefined || last === undefined || sameWindow) return null;
	return { first: firstAfterWarmup, last, grew: last > P99_FACTOR * Math.max(1, firstAfterWarmup) };
}
