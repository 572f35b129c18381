import { describe, expect, it } from 'vitest';
import { customPeriod, inPeriod, periodContaining } from './period';

describe('periodContaining (Almaty local dates, weeks from Monday)', () => {
	it.each([
		['week', '2026-04-08', '2026-04-06', '2026-04-12'],
		['week', '2026-04-06', '2026-04-06', '2026-04-12'],
		['week', '2026-04-12', '2026-04-06', '2026-04-12'],
		['week', '2026-01-01', '2025-12-29', '2026-01-04'],
		['month', '2026-02-15', '2026-02-01', '2026-02-28'],
		['month', '2028-02-10', '2028-02-01', '2028-02-29'],
		['month', '2026-12-31', '2026-12-01', '2026-12-31'],
		['quarter', '2026-05-20', '2026-04-01', '2026-06-30'],
		['quarter', '2024-11-03', '2024-10-01', '2024-12-31'],
		['quarter', '2026-01-01', '2026-01-01', '2026-03-31'],
		['year', '2026-07-14', '2026-01-01', '2026-12-31']
	] as const)('%s containing %s is %s … %s', (kind, today, from, to) => {
		expect(periodContaining(kind, today)).toEqual({ kind, from, to });
	});
});

describe('customPeriod', () => {
	it('keeps both ends, inclusive', () => {
		const p = customPeriod('2026-04-01', '2026-04-30');
		expect([inPeriod(p, '2026-04-01'), inPeriod(p, '2026-04-30'), inPeriod(p, '2026-05-01')]).toEqual([
			true,
			true,
			false
		]);
	});
	it('refuses a range that ends before it starts', () => {
		expect(() => customPeriod('2026-04-02', '2026-04-01')).toThrow(RangeError);
	});
});
