/**
 * Per agency, the consultations requested in the period (001 p.16: 10 WD, silence is a deemed
 * approval): answered in time, objections, deemed approvals, still pending, and the median response
 * in working days (start day = day 0, ADR-003) over real answers only — a deemed approval is silence,
 * not a response.
 */
import type { WorkingCalendar } from '../calendar';
import { median } from './statistics';
import { groupBy } from '../group-by';

export interface ConsultationFacts {
	readonly agency: string;
	readonly requestedAt: Date;
	readonly dueAt: Date;
	readonly answeredAt: Date | null;
	readonly decision: 'approve' | 'object' | 'deemed_approved' | null;
}

export interface AgencyRow {
	readonly agency: string;
	readonly requests: number;
	readonly answeredInTime: number;
	readonly answeredLate: number;
	readonly objections: number;
	readonly deemedApprovals: number;
	readonly pending: number;
	readonly medianResponseWorkingDays: number | null;
}

export function agencyRows(facts: readonly ConsultationFacts[], calendar: WorkingCalendar): AgencyRow[] {
	const byAgency = groupBy(facts, (f) => f.agency);
	return [...byAgency.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([agency, mine]) => ({ agency, ...consultationSummary(mine, calendar) }));
}

export type ConsultationSummary = Omit<AgencyRow, 'agency'>;

/** The counts and median response of any set of consultations (an agency's, a month's). */
export function consultationSummary(
	mine: readonly ConsultationFacts[],
	calendar: WorkingCalendar
): ConsultationSummary {
	const answered = mine.filter((f) => (f.decision === 'approve' || f.decision === 'object') && f.answeredAt);
	const inTime = answered.filter((f) => f.answeredAt!.getTime() <= f.dueAt.getTime()).length;
	return {
		requests: mine.length,
		answeredInTime: inTime,
		answeredLate: answered.length - inTime,
		objections: mine.filter((f) => f.decision === 'object').length,
		deemedApprovals: mine.filter((f) => f.decision === 'deemed_approved').length,
		pending: mine.filter((f) => f.decision === null).length,
		medianResponseWorkingDays: median(
			answered.map((f) =>
				calendar.workingDaysBetween(calendar.localDate(f.requestedAt), calendar.localDate(f.answeredAt!))
			)
		)
	};
}
