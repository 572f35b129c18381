/**
 * Compliance of decided cases, grouped by service, unit or officer: how many were decided in the
 * period, the share decided within the service term, the median and p90 of working days used, and
 * the breaches by the clock that was missed (the cause).
 */
import type { ClockKind } from '../sla/clock-types';
import type { DecidedCaseFacts } from './case-facts';
import { median, percentile } from './statistics';

export type ComplianceDimension = 'service' | 'unit' | 'officer';

export interface ComplianceRow {
	/** Service code, unit name or officer id as a string; '' for none (unassigned, no unit). */
	readonly key: string;
	readonly label: string;
	readonly decided: number;
	/** Decided cases that ran a service term (the denominator of the share). */
	readonly withTerm: number;
	readonly withinTerm: number;
	/** withinTerm / withTerm in [0, 1]; null when no case ran a term. */
	readonly withinTermShare: number | null;
	readonly medianWorkingDays: number | null;
	readonly p90WorkingDays: number | null;
	readonly suspendedWorkingDays: number;
	/** Breached clocks by kind; only kinds that occurred. */
	readonly breaches: Partial<Record<ClockKind, number>>;
	readonly breachTotal: number;
}

function keyOf(f: DecidedCaseFacts, by: ComplianceDimension): { key: string; label: string } {
	if (by === 'service') return { key: f.service, label: f.service };
	if (by === 'unit') return { key: f.unit ?? '', label: f.unit ?? '' };
	return { key: f.officerId === null ? '' : String(f.officerId), label: f.officer ?? '' };
}

/** One row per group, ordered by label ('' — none — last). */
export function complianceBy(facts: readonly DecidedCaseFacts[], by: ComplianceDimension): ComplianceRow[] {
	return groupedRows(facts, (f) => keyOf(f, by), complianceRow);
}

/**
 * Facts grouped by key, one row per group made by `row`, ordered by label with '' (none) last:
 * the shape every supervision table shares.
 */
export function groupedRows<F, R extends { key: string; label: string }>(
	facts: readonly F[],
	keyOf: (f: F) => { key: string; label: string },
	row: (key: string, label: string, facts: readonly F[]) => R
): R[] {
	const groups = new Map<string, { label: string; facts: F[] }>();
	for (const f of facts) {
		const { key, label } = keyOf(f);
		const g = groups.get(key) ?? { label, facts: [] };
		g.facts.push(f);
		groups.set(key, g);
	}
	return [...groups.entries()].map(([key, g]) => row(key, g.label, g.facts)).sort(byLabelNoneLast);
}

/** The order of every supervision table: by label, the row for none ('' key) last. */
export function byLabelNoneLast(a: { key: string; label: string }, b: { key: string; label: string }): number {
	return (a.key === '') !== (b.key === '') ? (a.key === '' ? 1 : -1) : a.label.localeCompare(b.label);
}

export function complianceRow(key: string, label: string, facts: readonly DecidedCaseFacts[]): ComplianceRow {
	const withTerm = facts.filter((f) => f.term !== null);
	const withinTerm = withTerm.filter((f) => f.term === 'met').length;
	const used = facts.map((f) => f.workingDaysUsed).filter((d): d is number => d !== null);
	const breaches: Partial<Record<ClockKind, number>> = {};
	for (const f of facts) for (const k of f.breachedClocks) breaches[k] = (breaches[k] ?? 0) + 1;
	return {
		key,
		label,
		decided: facts.length,
		withTerm: withTerm.length,
		withinTerm,
		withinTermShare: withTerm.length ? withinTerm / withTerm.length : null,
		medianWorkingDays: median(used),
		p90WorkingDays: percentile(used, 0.9),
		suspendedWorkingDays: facts.reduce((n, f) => n + f.suspendedWorkingDays, 0),
		breaches,
		breachTotal: Object.values(breaches).reduce((n, v) => n + v, 0)
	};
}
