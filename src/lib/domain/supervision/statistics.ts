/** Order statistics for the supervision tables; null for no values (an empty cell, not a zero). */

/** The middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = (s.length - 1) / 2;
	return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
}

/**
 * Nearest-rank percentile (the ⌈p·n⌉-th smallest value): always a value that occurred, so "p90 =
 * 12 WD" means some case really took 12 working days, and no interpolation hides a breach.
 */
export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	return s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
}

/** A value and how many times it occurred: a distribution as a database counts it. */
export interface ValueCount {
	readonly value: number;
	readonly count: number;
}

/** The k-th smallest (1-based) of the values the counts stand for. */
function kthOfCounts(sorted: readonly ValueCount[], k: number): number {
	let seen = 0;
	for (const { value, count } of sorted) {
		seen += count;
		if (seen >= k) return value;
	}
	throw new RangeError(`rank ${k} beyond ${seen} values`);
}

const total = (counts: readonly ValueCount[]) => counts.reduce((n, c) => n + c.count, 0);
const ascending = (counts: readonly ValueCount[]) =>
	counts.filter((c) => c.count > 0).sort((a, b) => a.value - b.value);

/** `median` of the values the counts stand for, without spelling them out. */
export function medianOfCounts(counts: readonly ValueCount[]): number | null {
	const n = total(counts);
	if (n === 0) return null;
	const s = ascending(counts);
	return (kthOfCounts(s, Math.floor((n - 1) / 2) + 1) + kthOfCounts(s, Math.ceil((n - 1) / 2) + 1)) / 2;
}

/** `percentile` (nearest rank) of the values the counts stand for. */
export function percentileOfCounts(counts: readonly ValueCount[], p: number): number | null {
	const n = total(counts);
	if (n === 0) return null;
	return kthOfCounts(ascending(counts), Math.max(1, Math.ceil(p * n)));
}
