/**
 * The register of general-licence execution reports (001 pp.27–28, Annex 4): after each export under
 * a general licence the exporter reports to the authorised body on the Annex 4 form "within 10
 * working days from the day the export was carried out" (001 p.28). One row per export: its
 * `execution-report` clock (T14), computed by the clock engine on the working calendar — the export
 * day is day 0 (ADR-003), the term ends at 18:30 on the 10th working day after it. A report met by
 * its due is received, met after it received late, still awaited after it missing (overdue). Per
 * licence: the exports and their reports, and the remaining balance of goods (Annex 4 item 6) as the
 * latest report gives it. 001 states no consequence of a late report (the exporter's duty): the
 * register shows it, the Committee decides what follows (ADR-092).
 */
import type { LocalDate, WorkingCalendar } from '../calendar';
import { computeClock } from '../sla/compute-clock';
import type { ClockBand, SlaClock } from '../sla/clock-types';

export const REPORT_STATES = ['received', 'received-late', 'awaited', 'missing', 'cancelled'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** One report as the case records it (permit-actions `record-post-export-report`, Annex 4). */
export interface ExecutionReport {
	readonly exportDate: LocalDate;
	readonly balance: number;
	readonly quantity: number;
	/** When it was recorded (ISO instant). */
	readonly at: string;
}

export interface RegisterInput {
	readonly caseId: string;
	readonly caseNumber: string;
	/** The general licence's number and date (Annex 4 item 1); null before it is issued. */
	readonly licence: string | null;
	readonly applicant: string;
	readonly clock: SlaClock;
	readonly reports: readonly ExecutionReport[];
}

export interface RegisterRow {
	readonly caseId: string;
	readonly caseNumber: string;
	readonly licence: string | null;
	readonly applicant: string;
	/** Annex 4 item 2: the day the export was carried out (day 0 of the term). */
	readonly exportDate: LocalDate;
	readonly dueDate: LocalDate | null;
	readonly dueAt: Date | null;
	readonly state: ReportState;
	readonly band: ClockBand;
	/** Working days left (negative when overdue), whole days rounded toward zero; null once closed. */
	readonly workingDaysLeft: number | null;
	readonly receivedAt: Date | null;
	/** Annex 4 items 5–6 from this export's report, when received. */
	readonly quantity: number | null;
	readonly balance: number | null;
}

/** 8 office hours a working day (09:00–18:30 less 1.5 h lunch, ADR-001; 001 Annex 1 row 7). */
const MINUTES_PER_WORKING_DAY = 480;

export function registerRow(input: RegisterInput, calendar: WorkingCalendar, now: Date): RegisterRow {
	const c = computeClock(input.clock, calendar, now);
	const started = input.clock.events.find((e) => e.type === 'started');
	if (!started) throw new RangeError(`execution-report clock of ${input.caseNumber} has no start`);
	const exportDate = calendar.localDate(started.at);
	const state: ReportState =
		c.state === 'met'
			? 'received'
			: c.state === 'breached' && c.late
				? 'received-late'
				: c.state === 'cancelled'
					? 'cancelled'
					: c.state === 'overdue' || c.state === 'breached'
						? 'missing'
						: 'awaited';
	const open = state === 'awaited' || state === 'missing';
	const report = input.reports.find((r) => r.exportDate === exportDate) ?? null;
	return {
		caseId: input.caseId,
		caseNumber: input.caseNumber,
		licence: input.licence,
		applicant: input.applicant,
		exportDate,
		dueDate: c.dueDate,
		dueAt: c.due,
		state,
		band: c.band,
		workingDaysLeft: open ? Math.trunc(c.remainingWorkingMinutes / MINUTES_PER_WORKING_DAY) : null,
		receivedAt: open ? null : c.closedAt,
		quantity: report && !open ? report.quantity : null,
		balance: report && !open ? report.balance : null
	};
}

/** The register's rows, the most urgent first: open ones by due, then closed ones by export date. */
export function executionRegister(inputs: readonly RegisterInput[], calendar: WorkingCalendar, now: Date) {
	const rows = inputs.map((i) => registerRow(i, calendar, now));
	const openFirst = (r: RegisterRow) => (r.state === 'awaited' || r.state === 'missing' ? 0 : 1);
	return rows.sort(
		(a, b) =>
			openFirst(a) - openFirst(b) ||
			(a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) ||
			a.exportDate.localeCompare(b.exportDate) ||
			a.caseNumber.localeCompare(b.caseNumber)
	);
}

export interface LicenceSummary {
	readonly caseId: string;
	readonly caseNumber: string;
	readonly licence: string | null;
	readonly applicant: string;
	readonly exports: number;
	readonly received: number;
	readonly late: number;
	readonly missing: number;
	readonly awaited: number;
	/** Annex 4 item 6 as the latest report recorded it; null before any report. */
	readonly balance: number | null;
	readonly lastReportAt: Date | null;
}

/** Per licence (case): the exports of the register's rows and the remaining balance of its latest report. */
export function licenceSummaries(inputs: readonly RegisterInput[], rows: readonly RegisterRow[]): LicenceSummary[] {
	return inputs
		.filter((i, n, all) => all.findIndex((j) => j.caseId === i.caseId) === n)
		.map((i) => {
			const mine = rows.filter((r) => r.caseId === i.caseId);
			const count = (s: ReportState) => mine.filter((r) => r.state === s).length;
			const last = [...i.reports].sort((a, b) => a.at.localeCompare(b.at)).at(-1) ?? null;
			return {
				caseId: i.caseId,
				caseNumber: i.caseNumber,
				licence: i.licence,
				applicant: i.applicant,
				exports: mine.length,
				received: count('received'),
				late: count('received-late'),
				missing: count('missing'),
				awaited: count('awaited'),
				balance: last ? last.balance : null,
				lastReportAt: last ? new Date(last.at) : null
			};
		})
		.sort((a, b) => b.missing - a.missing || a.caseNumber.localeCompare(b.caseNumber));
}
