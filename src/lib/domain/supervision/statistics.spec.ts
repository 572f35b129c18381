import { describe, expect, it } from 'vitest';
import { median, medianOfCounts, percentile, percentileOfCounts } from './statistics';

/** The ⌈p·n⌉-th smallest, counted in exact integers: p = k/100 for a whole k. */
function nearestRankByIntegers(values: number[], k: number): number {
	const s = [...values].sort((a, b) => a - b);
	const rank = Math.floor((k * s.length + 99) / 100);
	return s[Math.max(0, rank - 1)]!;
}

describe('percentile (nearest rank)', () => {
	it.each([
		[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
		[[5], 0.9, 5],
		[[3, 1, 2], 0.5, 2],
		[[10, 20], 0.5, 10],
		[[10, 20], 0.51, 20]
	])('%j at %d is %d', (values, p, expected) => {
		expect(percentile(values, p)).toBe(expected);
	});

	it('agrees with integer arithmetic for every n up to 500 at p50, p90 and p95 (as percentile_disc does)', () => {
		for (let n = 1; n <= 500; n++) {
			const values = Array.from({ length: n }, (_, i) => (i * 7919) % 1009);
			for (const k of [50, 90, 95]) expect(percentile(values, k / 100)).toBe(nearestRankByIntegers(values, k));
		}
	});

	it('is null for no values', () => {
		expect(percentile([], 0.9)).toBeNull();
		expect(median([])).toBeNull();
	});
});

describe('median', () => {
	it('is the mean of the two middle values for an even count', () => {
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([7, 1, 4])).toBe(4);
	});
});

describe('median and percentile of counts', () => {
	const spell = (counts: { value: number; count: number }[]) => counts.flatMap((c) => Array(c.count).fill(c.value));

	it('equal median and percentile of the spelled-out values, for random distributions', () => {
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		for (let trial = 0; trial < 400; trial++) {
			const counts = Array.from({ length: 1 + Math.floor(next() * 12) }, () => ({
				value: Math.floor(next() * 60),
				count: Math.floor(next() * 9)
			}));
			const values = spell(counts);
			expect(medianOfCounts(counts)).toBe(median(values));
			for (const p of [0.5, 0.9, 0.95]) expect(percentileOfCounts(counts, p)).toBe(percentile(values, p));
		}
	});

	it('are null for no values', () => {
		expect(medianOfCounts([{ value: 3, count: 0 }])).toBeNull();
		expect(percentileOfCounts([], 0.9)).toBeNull();
	});
});
