/**
 * The cluster test's CPU figures: every few seconds through the run, the CPU time of each group of
 * processes (each node, PostgreSQL with all its backends, Redis, nginx and its workers, the load
 * clients, the test's own process) from /proc/<pid>/stat, the machine's from /proc/stat and the
 * load average from /proc/loadavg; per phase, each one's share of a core and the machine's idle
 * share (cpu-stats.ts). The readings are also written to a CSV in the run's logs.
 */
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { execFileSync } from 'node:child_process';
import {
	cpuByPhase,
	groupTicks,
	parseCpuLine,
	parseProcStat,
	processTree,
	type CpuInterval,
	type GroupReading,
	type ProcStat
} from './cpu-stats';

/**
 * A group's root processes now, and whether their descendants count too (without them, neither
 * do the children they reaped: the test's own process reaps the nodes it kills).
 */
export type GroupRoots = { roots: number[]; tree: boolean };

function readProcs(): ProcStat[] {
	const out: ProcStat[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const p = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
			if (p) out.push(p);
		} catch {
			/* gone between the listing and the read */
		}
	}
	return out;
}

function clockTicks(): number {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
	} catch {
		return 100;
	}
}

/** The pid a daemon wrote in its pid file (first line), or none. */
export function pidFile(path: string): number[] {
	try {
		const pid = Number(readFileSync(path, 'utf8').split('\n')[0]);
		return pid > 0 ? [pid] : [];
	} catch {
		return [];
	}
}

export function startCpuSampling(opts: {
	groups: () => Record<string, GroupRoots>;
	phase: () => string;
	everyMs: number;
	csv: string;
}) {
	const hz = clockTicks();
	const cores = availableParallelism();
	const intervals: CpuInterval[] = [];
	const uptimeTicks = () => Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * hz;
	const read = () => {
		const procs = readProcs();
		const at = uptimeTicks();
		const readings: Record<string, GroupReading> = {};
		for (const [name, g] of Object.entries(opts.groups()))
			readings[name] = {
				at,
				procs: g.tree
					? processTree(g.roots, procs)
					: procs.filter((p) => g.roots.includes(p.pid)).map((p) => ({ ...p, reaped: 0 }))
			};
		return {
			ms: Date.now(),
			phase: opts.phase(),
			readings,
			machine: parseCpuLine(readFileSync('/proc/stat', 'utf8')),
			load1: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])
		};
	};
	let last = read();
	const names = Object.keys(last.readings);
	appendFileSync(opts.csv, `phase,seconds,${names.join(',')},machine_ticks,idle_ticks,load1\n`);
	const timer = setInterval(() => {
		const now = read();
		const interval: CpuInterval = {
			phase: last.phase,
			seconds: (now.ms - last.ms) / 1000,
			groups: Object.fromEntries(
				names.map((n) => [n, groupTicks(last.readings[n] ?? { at: 0, procs: [] }, now.readings[n]!)])
			),
			machine: { total: now.machine.total - last.machine.total, idle: now.machine.idle - last.machine.idle },
			load1: now.load1
		};
		intervals.push(interval);
		appendFileSync(
			opts.csv,
			`${interval.phase},${interval.seconds},${names.map((n) => interval.groups[n]).join(',')},${interval.machine.total},${interval.machine.idle},${interval.load1}\n`
		);
		last = now;
	}, opts.everyMs);
	return {
		/** Stops sampling and prints the table per phase. */
		stop() {
			clearInterval(timer);
			const rows = cpuByPhase(intervals, hz, cores);
			const f = (x: number) => x.toFixed(2).padStart(7);
			console.log(
				`\n== CPU per phase, in cores (1.00 = one core busy all the phase; this machine has ${cores}), ` +
					`read every ${opts.everyMs / 1000} s from /proc/<pid>/stat; other = busy but none of these; idle = share of all cores`
			);
			console.log(
				`${'phase'.padEnd(17)}${'s'.padStart(6)}${names.map((n) => n.padStart(9)).join('')}${'other'.padStart(9)}${'busy'.padStart(8)}${'idle'.padStart(7)}  load1 mean/max`
			);
			for (const r of rows)
				console.log(
					`${r.phase.padEnd(17)}${r.seconds.toFixed(0).padStart(6)}${names.map((n) => `  ${f(r.cores[n] ?? 0)}`).join('')}  ${f(r.other)} ${f(r.busy)}${`${Math.round(r.idle * 100)} %`.padStart(7)}  ${r.load1.mean.toFixed(1)}/${r.load1.max.toFixed(1)}`
				);
			return rows;
		}
	};
}
