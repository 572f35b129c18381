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
