/**
 * The arithmetic of the cluster soak (scripts/cluster/soak-stats.ts) and the load clients' receipt
 * table (scripts/cluster/id-table.ts): they live beside the cluster scripts, and are checked here
 * because the unit project runs the specs under src/.
 */
import { describe, expect, it } from 'vitest';
import { IdTable } from '../scripts/cluster/id-table';
import {
	fitLine,
	idRanges,
	judgeHandles,
	judgeMemory,
	judgeP99,
	promValues,
	rangeOf,
	soakPlan,
	windows
} from '../scripts/cluster/soak-stats';

const HOUR = 3_600_000;
const MB = 1048576;

describe('fitLine', () => {
	it('finds the slope and intercept of points on a line, with no error', () => {
		const f = fitLine([
			[0, 1],
			[1, 3],
			[2, 5],
			[3, 7]
		]);
		expect(f.slope).toBeCloseTo(2);
		expect(f.intercept).toBeCloseTo(1);
		expect(f.slopeError).toBeCloseTo(0);
	});

	it('gives the least-squares slope through noise, and its standard error', () => {
		// sxx = 5, sxy = 3: slope 0.6, intercept 0.6, residuals ±0.4, ±1.2 (squares 3.2)
		const f = fitLine([
			[0, 1],
			[1, 0],
			[2, 3],
			[3, 2]
		]);
		expect(f.slope).toBeCloseTo(0.6);
		expect(f.intercept).toBeCloseTo(0.6);
		expect(f.slopeError).toBeCloseTo(Math.sqrt(3.2 / 2 / 5));
	});

	it('has no slope from one point, and no error estimate from two', () => {
		expect(fitLine([[5, 7]])).toMatchObject({ slope: 0, intercept: 7, slopeError: Infinity });
		expect(fitLine([])).toMatchObject({ slope: 0, slopeError: Infinity, n: 0 });
		expect(
			fitLine([
				[0, 0],
				[1, 2]
			])
		).toMatchObject({ slope: 2, slopeError: Infinity });
	});
});

describe('soak plan and windows', () => {
	it('warms up and windows by five minutes, or a quarter of a shorter run', () => {
		expect(soakPlan(60)).toEqual({ warmupMs: 300_000, windowMs: 300_000 });
		expect(soakPlan(10)).toEqual({ warmupMs: 150_000, windowMs: 150_000 });
	});

	it('cuts a run into windows, the last one short', () => {
		expect(windows(0, 25, 10)).toEqual([
			[0, 10],
			[10, 20],
			[20, 25]
		]);
	});

	it('finds the ids committed in each window, empty ones kept in order', () => {
		const ranges = idRanges({ 3: 1, 4: 9, 5: 10, 9: 31, 8: 30 }, windows(0, 40, 10));
		expect(ranges).toEqual([
			[3, 4],
			[5, 5],
			[6, 5],
			[8, 9]
		]);
		expect([3, 4, 5, 6, 7, 8, 9, 10].map((id) => rangeOf(ranges, id))).toEqual([0, 0, 1, -1, -1, 3, 3, -1]);
	});
});

describe('promValues', () => {
	it('reads the series asked for, adding up their label sets', () => {
		const text = [
			'# HELP process_resident_memory_bytes Resident memory size in bytes.',
			'# TYPE process_resident_memory_bytes gauge',
			'process_resident_memory_bytes 123456789',
			'nodejs_active_handles_total 42',
			'merzim_sockets_connected{role="officer"} 300',
			'merzim_sockets_connected{role="supervisor"} 50',
			'nodejs_heap_size_used_bytes_other 1'
		].join('\n');
		expect(
			promValues(text, [
				'process_resident_memory_bytes',
				'nodejs_active_handles_total',
				'merzim_sockets_connected',
				'nodejs_heap_size_used_bytes'
			])
		).toEqual({
			process_resident_memory_bytes: 123456789,
			nodejs_active_handles_total: 42,
			merzim_sockets_connected: 350,
			nodejs_heap_size_used_bytes: null
		});
	});
});

describe('verdicts', () => {
	const every30s = (minutes: number, f: (h: number) => number) =>
		Array.from({ length: minutes * 2 }, (_, i) => [i * 30_000, f((i * 30_000) / HOUR)] as const);

	it('memory: flat with GC noise passes, a leak of 20 % an hour fails', () => {
		const flat = judgeMemory(every30s(55, (h) => 200 * MB + (Math.round(h * 120) % 2) * 3 * MB));
		expect(flat.grows).toBe(false);
		const leak = judgeMemory(every30s(55, (h) => 200 * MB + h * 40 * MB));
		expect(leak.fit.slope / MB).toBeCloseTo(40);
		expect(leak.limit / MB).toBeCloseTo(20);
		expect(leak.grows).toBe(true);
	});

	it('handles: a constant count or a single step is not growth; a steady climb is', () => {
		expect(judgeHandles(every30s(55, () => 520)).grows).toBe(false);
		expect(judgeHandles(every30s(55, (h) => (h > 0.5 ? 521 : 520))).grows).toBe(false);
		expect(judgeHandles(every30s(55, (h) => 520 + Math.floor(h * 100))).grows).toBe(true);
		// noisy but flat: sockets coming and going around 520
		expect(judgeHandles(every30s(55, (h) => 520 + ((Math.round(h * 120) * 7) % 5) - 2)).grows).toBe(false);
	});

	it('p99: more than twice the first window after warm-up fails; one window is not compared', () => {
		expect(judgeP99(100, 150, false)).toEqual({ first: 100, last: 150, grew: false });
		expect(judgeP99(100, 201, false)?.grew).toBe(true);
		expect(judgeP99(100, 100, true)).toBeNull();
		expect(judgeP99(undefined, 100, false)).toBeNull();
	});
});

describe('IdTable', () => {
	it('holds a value per id, growing as ids do; 0 is none', () => {
		const t = new IdTable('int32');
		expect(t.has(5)).toBe(false);
		expect(t.get(5)).toBe(0);
		t.set(5, 1_700_000_000);
		t.set(70_000, 12);
		t.set(5, 3);
		expect([t.get(5), t.get(70_000), t.size, t.has(6)]).toEqual([3, 12, 2, false]);
		const seen: [number, number][] = [];
		t.forEach((v, id) => seen.push([id, v]));
		expect(seen).toEqual([
			[5, 3],
			[70_000, 12]
		]);
	});

	it('refuses 0 and ids it cannot index', () => {
		const t = new IdTable('uint16');
		expect(() => t.set(1, 0)).toThrow(RangeError);
		expect(() => t.set(-1, 1)).toThrow(RangeError);
		expect(() => t.set(1.5, 1)).toThrow(RangeError);
	});
});
