/**
 * The arithmetic of the cluster test's CPU figures (cpu-sampler.ts), free of I/O so the unit project
 * checks it (src/cpu-stats.spec.ts): the CPU time of groups of processes (a node, PostgreSQL and all
 * its backends, nginx and its workers, the load clients) between two readings of /proc, and per
 * phase each group's share of a core, the machine's idle share and its load average — so a slow
 * phase can be told apart as saturation (no idle left) or a fault (idle left, nothing busy).
 */

/** What the sampler needs of one /proc/<pid>/stat line (times in clock ticks, USER_HZ). */
export interface ProcStat {
	pid: number;
	ppid: number;
	/** When the process started, in ticks since boot: with the pid, names one process. */
	start: number;
	/** utime + stime: its own CPU time (all its threads). */
	own: number;
	/** cutime + cstime: the CPU time of the children it reaped (and of theirs). */
	reaped: number;
}

/**
 * One /proc/<pid>/stat line. The command name, in parentheses, may hold spaces and parentheses
 * itself, so the fields are counted from the last ')'; after it come state (field 3), ppid (4), …,
 * utime (14), stime (15), cutime (16), cstime (17), …, starttime (22).
 */
export function parseProcStat(line: string): ProcStat | null {
	const open = line.indexOf('(');
	const close = line.lastIndexOf(')');
	if (open < 0 || close < open) return null;
	const f = line
		.slice(close + 2)
		.trim()
		.split(/\s+/);
	// f[0] is field 3: field k is f[k - 3].
	const at = (k: number) => Number(f[k - 3]);
	const stat = {
		pid: Number(line.slice(0, open).trim()),
		ppid: at(4),
		start: at(22),
		own: at(14) + at(15),
		reaped: at(16) + at(17)
	};
	return Object.values(stat).every(Number.isFinite) ? stat : null;
}

/** The machine's CPU time from /proc/stat's first line ("cpu …", all cores, in ticks). */
export function parseCpuLine(procStat: string): { total: number; idle: number } {
	const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
	if (!line) throw new Error('no "cpu" line in /proc/stat');
	// user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
	const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
	const n = (x: number | undefined) => x ?? 0;
	return {
		total: n(user) + n(nice) + n(system) + n(idle) + n(iowait) + n(irq) + n(softirq) + n(steal),
		idle: n(idle) + n(iowait)
	};
}

/** The processes of `roots` (those still there) and all their descendants. */
export function processTree(roots: readonly number[], procs: readonly ProcStat[]): ProcStat[] {
	const children = new Map<number, ProcStat[]>();
	for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
	const byPid = new Map(procs.map((p) => [p.pid, p]));
	const out: ProcStat[] = [];
	const seen = new Set<number>();
	const stack = roots.flatMap((pid) => (byPid.has(pid) ? [byPid.get(pid)!] : []));
	while (stack.length) {
		const p = stack.pop()!;
		if (seen.has(p.pid)) continue;
		seen.add(p.pid);
		out.push(p);
		stack.push(...(children.get(p.pid) ?? []));
	}
	return out;
}

/** A group's processes at one reading, and when it was taken (ticks since boot). */
export interface GroupReading {
	at: number;
	procs: readonly ProcStat[];
}

const key = (p: ProcStat) => `${p.pid}@${p.start}`;
const total = (p: ProcStat) => p.own + p.reaped;

/**
 * The CPU ticks a group used between two readings, from each process's total (its own time and
 * its reaped children's; a group of one process without its children passes them with `reaped`
 * 0, or the children it reaps would count there too). A process in both: what its total grew by.
 * A process started since the first reading: all of its total. A process that was already running
 * but joins the group only now (a pid file read again): nothing, it has no earlier reading.
 * A process gone since, whose parent is in the group: its parent reaped it, and the parent's total
 * grew by the child's whole total — of which the first reading had already counted what it had then,
 * so that is taken off. A process gone whose parent is not in the group (a node killed -9, reaped
 * by the test): what it used after the first reading is lost (at most one interval's worth).
 */
export function groupTicks(before: GroupReading, after: GroupReading): number {
	const was = new Map(before.procs.map((p) => [key(p), p]));
	const now = new Set(after.procs.map(key));
	const pids = new Set([...before.procs, ...after.procs].map((p) => p.pid));
	let ticks = 0;
	for (const p of after.procs) {
		const earlier = was.get(key(p));
		if (earlier) ticks += total(p) - total(earlier);
		else if (p.start >= before.at) ticks += total(p);
	}
	for (const p of before.procs) if (!now.has(key(p)) && pids.has(p.ppid)) ticks -= total(p);
	return Math.max(0, ticks);
}

/** One interval between two readings, attributed to the phase it began in. */
export interface CpuInterval {
	phase: string;
	seconds: number;
	/** Ticks each group used in it. */
	groups: Record<string, number>;
	/** The machine's ticks in it (all cores) and, of those, idle (idle + iowait). */
	machine: { total: number; idle: number };
	/** The 1-minute load average at its end. */
	load1: number;
}

export interface PhaseCpu {
	phase: string;
	seconds: number;
	/** Each group's CPU as a share of one core (1 = one core busy all the phase). */
	cores: Record<string, number>;
	/** Cores busy with anything but the groups: other work on the machine, the kernel's own. */
	other: number;
	/** Cores busy in all (from /proc/stat). */
	busy: number;
	/** The machine's idle share (0–1 of all its cores). */
	idle: number;
	load1: { mean: number; max: number };
}

/** Sums the intervals of each phase (in the order phases first appear). */
export function cpuByPhase(intervals: readonly CpuInterval[], hz: number, cores: number): PhaseCpu[] {
	const phases = [...new Set(intervals.map((i) => i.phase))];
	return phases.map((phase) => {
		const of = intervals.filter((i) => i.phase === phase);
		const seconds = of.reduce((s, i) => s + i.seconds, 0);
		const groups: Record<string, number> = {};
		for (const i of of) for (const [g, t] of Object.entries(i.groups)) groups[g] = (groups[g] ?? 0) + t;
		const share = (ticks: number) => (seconds > 0 ? ticks / hz / seconds : 0);
		const total = of.reduce((s, i) => s + i.machine.total, 0);
		const idleTicks = of.reduce((s, i) => s + i.machine.idle, 0);
		const idle = total > 0 ? idleTicks / total : 0;
		const busy = total > 0 ? (1 - idle) * cores : 0;
		const shares = Object.fromEntries(Object.entries(groups).map(([g, t]) => [g, share(t)]));
		const ours = Object.values(shares).reduce((s, x) => s + x, 0);
		const loads = of.map((i) => i.load1);
		return {
			phase,
			seconds,
			cores: shares,
			other: Math.max(0, busy - ours),
			busy,
			idle,
			load1: {
				mean: loads.length ? loads.reduce((s, x) => s + x, 0) / loads.length : 0,
				max: loads.length ? Math.max(...loads) : 0
			}
		};
	});
}
