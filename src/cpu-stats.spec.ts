/**
 * The arithmetic of the cluster test's CPU figures (scripts/cluster/cpu-stats.ts): it lives beside
 * the cluster scripts, and is checked here because the unit project runs the specs under src/.
 */
import { describe, expect, it } from 'vitest';
import {
	cpuByPhase,
	groupTicks,
	parseCpuLine,
	parseProcStat,
	processTree,
	type CpuInterval,
	type ProcStat
} from '../scripts/cluster/cpu-stats';

/** A process whose total (own + reaped) is `total`, split evenly so both halves count. */
const proc = (pid: number, ppid: number, total: number, start = 0): ProcStat => ({
	pid,
	ppid,
	start,
	own: Math.ceil(total / 2),
	reaped: Math.floor(total / 2)
});

describe('parseProcStat', () => {
	it('counts the fields from the last parenthesis, whatever the command name holds', () => {
		// utime 150, stime 50, cutime 7, cstime 3, starttime 98765
		const line =
			'1234 (node (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 150 50 7 3 20 0 11 0 98765 1000 200 18446744073709551615';
		expect(parseProcStat(line)).toEqual({ pid: 1234, ppid: 1, start: 98765, own: 200, reaped: 10 });
	});

	it('refuses a line it cannot read', () => {
		expect(parseProcStat('garbage')).toBeNull();
		expect(parseProcStat('12 (x) S')).toBeNull();
	});
});

describe('parseCpuLine', () => {
	it('sums every kind of time but guest (already in user), idle being idle and iowait', () => {
		const stat = 'cpu  100 5 50 800 20 1 4 2 30 0\ncpu0 50 2 25 400 10 0 2 1 15 0\nintr 1';
		expect(parseCpuLine(stat)).toEqual({ total: 982, idle: 820 });
	});
});

describe('processTree', () => {
	it('takes the roots and all their descendants, not their siblings', () => {
		const procs = [proc(1, 0, 0), proc(10, 1, 0), proc(11, 10, 0), proc(12, 11, 0), proc(20, 1, 0)];
		expect(
			processTree([10], procs)
				.map((p) => p.pid)
				.sort()
		).toEqual([10, 11, 12]);
	});

	it('skips a root that is gone', () => {
		expect(processTree([99], [proc(1, 0, 0)])).toEqual([]);
	});
});

describe('groupTicks', () => {
	const before = (procs: ProcStat[]) => ({ at: 1000, procs });
	const after = (procs: ProcStat[]) => ({ at: 1200, procs });

	it('adds what each process used between the readings', () => {
		expect(groupTicks(before([proc(5, 1, 100), proc(6, 5, 40)]), after([proc(5, 1, 130), proc(6, 5, 55)]))).toBe(45);
	});

	it('counts all of a process started since the first reading, nothing of one that only joined the group', () => {
		const b = before([proc(5, 1, 100)]);
		expect(groupTicks(b, after([proc(5, 1, 100), proc(7, 5, 30, 1100)]))).toBe(30);
		// the same pid file read again names a process running since before: no earlier reading of it
		expect(groupTicks(b, after([proc(5, 1, 100), proc(8, 1, 5000, 500)]))).toBe(0);
	});

	it('counts a reaped child once: its parent grew by its whole total, less what was counted of it', () => {
		// the child had used 40 at the first reading and 60 when it ended; the parent used 10 itself
		expect(groupTicks(before([proc(5, 1, 100), proc(6, 5, 40)]), after([proc(5, 1, 100 + 10 + 60)]))).toBe(30);
	});

	it('counts a child born and reaped between the readings through its parent alone', () => {
		expect(groupTicks(before([proc(5, 1, 100)]), after([proc(5, 1, 125)]))).toBe(25);
	});

	it('takes a process of the same pid but a new start for another one', () => {
		expect(groupTicks(before([proc(5, 1, 100, 10)]), after([proc(5, 1, 20, 1100)]))).toBe(20);
	});

	it('loses what a process reaped outside the group used after the first reading, never below 0', () => {
		// a node killed -9: its parent (the test) is not in the group
		expect(groupTicks(before([proc(5, 1, 100)]), after([]))).toBe(0);
	});
});

describe('cpuByPhase', () => {
	const interval = (
		phase: string,
		seconds: number,
		n1: number,
		pg: number,
		total: number,
		idle: number,
		load1: number
	) => ({ phase, seconds, groups: { n1, pg }, machine: { total, idle }, load1 }) satisfies CpuInterval;

	it("gives each group's share of a core, the machine's busy cores and idle share per phase", () => {
		// 100 ticks a second, 2 cores: 4 s of the load phase have 800 machine ticks
		const rows = cpuByPhase(
			[
				interval('load', 2, 100, 50, 400, 100, 3),
				interval('load', 2, 140, 30, 400, 60, 5),
				interval('settle', 2, 20, 10, 400, 300, 2)
			],
			100,
			2
		);
		expect(rows.map((r) => r.phase)).toEqual(['load', 'settle']);
		const [load, settle] = rows;
		expect(load!.seconds).toBe(4);
		expect(load!.cores.n1).toBeCloseTo(0.6); // 240 ticks / 100 / 4 s
		expect(load!.cores.pg).toBeCloseTo(0.2);
		expect(load!.idle).toBeCloseTo(0.2); // 160 of 800
		expect(load!.busy).toBeCloseTo(1.6);
		expect(load!.other).toBeCloseTo(0.8);
		expect(load!.load1).toEqual({ mean: 4, max: 5 });
		expect(settle!.cores.n1).toBeCloseTo(0.1);
		expect(settle!.idle).toBeCloseTo(0.75);
		expect(settle!.other).toBeCloseTo(0.35);
	});

	it('gives no other work when the groups account for all that was busy', () => {
		const [row] = cpuByPhase([interval('load', 1, 150, 50, 200, 0, 1)], 100, 2);
		expect(row!.busy).toBeCloseTo(2);
		expect(row!.other).toBe(0);
	});
});
