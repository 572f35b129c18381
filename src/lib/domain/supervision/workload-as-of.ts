/**
 * The workload as it stood at a past instant, rebuilt from the case events (the append-only
 * history, ADR-014/ADR-017) rather than from a snapshot table: a case counts when it was registered
 * by then and not yet decided; its officer is the last `case:assigned` up to then, its stage the last
 * stage an event recorded up to then. Cases written without such events (imports, the demo) keep
 * their current officer or stage (ADR-071).
 *
 * This is the rule's definition; the server counts it in SQL (trend-workload.repository, ADR-103)
 * and a test holds the two equal.
 */

export interface WorkloadEvent {
	readonly type: string;
	readonly at: Date;
	/** The event's `after`: `assigneeId` for an assignment, `stage` where the stage changed. */
	readonly after: Readonly<Record<string, unknown>> | null;
}

export interface WorkloadCase {
	readonly caseId: string;
	readonly unit: string | null;
	readonly createdAt: Date;
	readonly decidedAt: Date | null;
	/** The current officer and stage, used only when no event ever set them. */
	readonly assigneeId: number | null;
	readonly stage: string;
	/** Assignment and stage events, in order. */
	readonly events: readonly WorkloadEvent[];
}

export interface CaseAsOf {
	readonly caseId: string;
	readonly unit: string | null;
	readonly officerId: number | null;
	readonly stage: string;
}

/** The case as it stood at `asOf`, or null when it was not yet registered or already decided. */
export function caseAsOf(c: WorkloadCase, asOf: Date): CaseAsOf | null {
	const t = asOf.getTime();
	if (c.createdAt.getTime() > t) return null;
	if (c.decidedAt && c.decidedAt.getTime() <= t) return null;
	let officerId: number | null = null;
	let stage: string | null = null;
	let everAssigned = false;
	let everStaged = false;
	for (const e of c.events) {
		const assigned = e.type === 'case:assigned' && e.after && 'assigneeId' in e.after;
		const staged = typeof e.after?.stage === 'string';
		everAssigned ||= !!assigned;
		everStaged ||= staged;
		if (e.at.getTime() > t) continue;
		if (assigned) officerId = (e.after!.assigneeId as number | null) ?? null;
		if (staged) stage = e.after!.stage as string;
	}
	return {
		caseId: c.caseId,
		unit: c.unit,
		officerId: everAssigned ? officerId : c.assigneeId,
		stage: everStaged ? (stage ?? c.stage) : c.stage
	};
}

export interface WorkloadCount {
	/** Officer id as a string, unit or stage; '' for none. */
	readonly key: string;
	readonly open: number;
}

export interface Workload {
	readonly total: number;
	readonly officers: WorkloadCount[];
	readonly units: WorkloadCount[];
	readonly stages: WorkloadCount[];
}

/** The workload as the analysis page and the report show it (trend-workload.repository reads it). */
export interface WorkloadTables extends Workload {
	readonly asOf: string;
	/** Officer names by id, for the table's first column. */
	readonly officerNames: Record<string, string>;
}

/** The largest first; among equals '' (none) last, the rest by key. */
export function sortCounts(counts: WorkloadCount[]): WorkloadCount[] {
	return counts.sort((a, b) => b.open - a.open || (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key)));
}

function countBy(cases: readonly CaseAsOf[], key: (c: CaseAsOf) => string): WorkloadCount[] {
	const n = new Map<string, number>();
	for (const c of cases) n.set(key(c), (n.get(key(c)) ?? 0) + 1);
	return sortCounts([...n.entries()].map(([k, open]) => ({ key: k, open })));
}

/** Open cases at `asOf` per officer, unit and stage, the largest first ('' — none — last among equals). */
export function workloadAsOf(cases: readonly WorkloadCase[], asOf: Date): Workload {
	const open = cases.map((c) => caseAsOf(c, asOf)).filter((c): c is CaseAsOf => c !== null);
	return {
		total: open.length,
		officers: countBy(open, (c) => (c.officerId === null ? '' : String(c.officerId))),
		units: countBy(open, (c) => c.unit ?? ''),
		stages: countBy(open, (c) => c.stage)
	};
}
