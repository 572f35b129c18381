/**
 * Complaint compliance: complaints decided in the period, by the body that reviewed them, the unit
 * or the reviewer. The review term is 5 WD for the Committee (the provider: 001 p.24(1); 000 p.16(1))
 * and 15 WD for the quality-control body (001 p.24(2); 000 p.16(2)), extended once by at most 10 WD
 * (001 p.25; 000 p.17). A complaint is in time when its review clock closed met, not late, counting
 * the extension; "extended" counts those that used the extension.
 */
import type { LocalDate, WorkingCalendar } from '../calendar';
import { computeClock } from '../sla/compute-clock';
import type { SlaClock } from '../sla/clock-types';
import { median, percentile } from './statistics';
import { groupedRows } from './compliance';

export type ReviewBody = 'provider' | 'quality-body';

export interface DecidedComplaintInput {
	readonly caseId: string;
	readonly unit: string | null;
	readonly reviewerId: number | null;
	readonly reviewer: string | null;
	readonly decidedAt: Date;
	/** The complaint-review clock; null when the complaint was decided without one (legacy data). */
	readonly review: SlaClock | null;
	/** The clock's subject as stored ('provider' or 'quality-body'); null when unknown. */
	readonly body: ReviewBody | null;
}

export interface ComplaintFacts {
	readonly caseId: string;
	readonly unit: string | null;
	readonly reviewerId: number | null;
	readonly reviewer: string | null;
	readonly body: ReviewBody | null;
	readonly decidedOn: LocalDate;
	/** null without a review clock (or with it cancelled). */
	readonly term: 'met' | 'late' | null;
	readonly extended: boolean;
	/** The term as it stood at the decision: 5 or 15, plus the extension. */
	readonly termWorkingDays: number | null;
	/** Working days from the registration (day 0, ADR-003) to the decision. */
	readonly workingDaysUsed: number | null;
}

/** The body from the stored subject, else from the term's length (5 → provider, 15 → quality body). */
function bodyOf(input: DecidedComplaintInput): ReviewBody | null {
	if (input.body) return input.body;
	if (input.review?.length === 5) return 'provider';
	if (input.review?.length === 15) return 'quality-body';
	return null;
}

export function complaintFacts(input: DecidedComplaintInput, calendar: WorkingCalendar, now: Date): ComplaintFacts {
	const base = {
		caseId: input.caseId,
		unit: input.unit,
		reviewerId: input.reviewerId,
		reviewer: input.reviewer,
		body: bodyOf(input),
		decidedOn: calendar.localDate(input.decidedAt)
	};
	const clock = input.review;
	const state = clock ? computeClock(clock, calendar, now) : null;
	if (!clock || !state || state.state === 'cancelled')
		return { ...base, term: null, extended: false, termWorkingDays: null, workingDaysUsed: null };
	const late = state.late || state.state === 'breached' || state.state === 'overdue';
	const started = clock.events.find((e) => e.type === 'started');
	return {
		...base,
		term: late ? 'late' : 'met',
		extended: state.extension !== null,
		termWorkingDays: clock.length + (state.extension?.by ?? 0),
		workingDaysUsed: started
			? Math.max(0, calendar.workingDaysBetween(calendar.localDate(started.at), base.decidedOn))
			: null
	};
}

export type ComplaintDimension = 'body' | 'unit' | 'reviewer';

export interface ComplaintRow {
	/** 'provider' / 'quality-body', a unit name or a reviewer id; '' for none. */
	readonly key: string;
	readonly label: string;
	readonly decided: number;
	readonly withTerm: number;
	readonly inTime: number;
	readonly late: number;
	readonly inTimeShare: number | null;
	readonly extended: number;
	readonly medianWorkingDays: number | null;
	readonly p90WorkingDays: number | null;
}

/** The three tables of the analysis page and the report (complaints.repository reads them). */
export interface ComplaintTables {
	readonly bodies: ComplaintRow[];
	readonly units: ComplaintRow[];
	readonly reviewers: ComplaintRow[];
}

function keyOf(f: ComplaintFacts, by: ComplaintDimension): { key: string; label: string } {
	if (by === 'body') return { key: f.body ?? '', label: f.body ?? '' };
	if (by === 'unit') return { key: f.unit ?? '', label: f.unit ?? '' };
	return { key: f.reviewerId === null ? '' : String(f.reviewerId), label: f.reviewer ?? '' };
}

/** One row per group, the Committee before the quality body, others by label; '' (none) last. */
export function complaintsBy(facts: readonly ComplaintFacts[], by: ComplaintDimension): ComplaintRow[] {
	return groupedRows(facts, (f) => keyOf(f, by), complaintRow);
}

export function complaintRow(key: string, label: string, facts: readonly ComplaintFacts[]): ComplaintRow {
	const withTerm = facts.filter((f) => f.term !== null);
	const inTime = withTerm.filter((f) => f.term === 'met').length;
	const used = facts.map((f) => f.workingDaysUsed).filter((d): d is number => d !== null);
	return {
		key,
		label,
		decided: facts.length,
		withTerm: withTerm.length,
		inTime,
		late: withTerm.length - inTime,
		inTimeShare: withTerm.length ? inTime / withTerm.length : null,
		extended: facts.filter((f) => f.extended).length,
		medianWorkingDays: median(used),
		p90WorkingDays: percentile(used, 0.9)
	};
}
