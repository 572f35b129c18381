/**
 * The supervision page for a period as a PDF report (ADR-091): the same figures as the page and its
 * JSON API — compliance by service, unit and officer (with breaches), the agencies and their trend
 * per month, complaints by body, unit and reviewer, and the workload as of an instant — each table
 * with a bar chart drawn from the same rows. Written with the shared layout (pdf-layout.ts), tagged
 * (headings, tables, figures with their text alternative), in the reader's language: the caller
 * passes the messages and the code names already in it, so this module needs no i18n runtime.
 */
import { MARGIN, startPdf } from '../pdf/pdf-layout';
import { drawBars, drawTable, type PdfTable } from '../pdf/pdf-table';
import { tokenColor } from '../pdf/chart-palette';
import type { ComplianceRow } from '../../domain/supervision/compliance';
import type { AgencyRow } from '../../domain/supervision/agency-stats';
import type { ComplaintRow, ComplaintTables } from '../../domain/supervision/complaint-compliance';
import type { AgencyTrendRow } from '../../domain/supervision/agency-trend';
import type { Period } from '../../domain/supervision/period';
import type { WorkloadTables } from '../../domain/supervision/workload-as-of';

export interface ReportData {
	period: Period;
	/** The filters in words ("Service: …"), already translated. */
	filterLines: string[];
	compliance: { services: ComplianceRow[]; units: ComplianceRow[]; officers: ComplianceRow[] };
	agencies: AgencyRow[];
	complaints: ComplaintTables;
	trend: AgencyTrendRow[];
	workload: WorkloadTables;
}

/** The reader's words: messages by key (with parameters), code names, and date-times. */
export interface ReportWords {
	locale: 'kk' | 'ru' | 'en';
	t: (key: string, params?: Record<string, string | number>) => string;
	service: (code: string) => string;
	stage: (code: string) => string;
	agency: (code: string) => string;
	clock: (kind: string) => string;
	dateTime: (at: Date | string) => string;
}

const LANG = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en' } as const;

export const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
export const num = (v: number | null) => (v === null ? '—' : String(v));

export async function buildReportPdf(d: ReportData, words: ReportWords, meta: { createdAt: Date; author: string }) {
	const { t } = words;
	const title = t('report_pdf_title', { from: d.period.from, to: d.period.to });
	const { pdf, w } = await startPdf({
		title,
		subject: 'ADR-046, ADR-071; 001 pp.16, 24–25; 000 pp.16–17',
		author: meta.author,
		language: LANG[words.locale],
		createdAt: meta.createdAt
	});
	const none = t('superv_none');
	const named = (key: string, label: string) => (key === '' ? none : label);
	const h2 = (text: string) => {
		w.ensure(60);
		w.gap(6);
		w.block(text, { font: w.bold, size: 11.5, role: 'H2' });
		w.gap(3);
	};
	const h3 = (text: string) => {
		w.ensure(50);
		w.block(text, { font: w.bold, size: 9.5, role: 'H2' });
		w.gap(2);
	};
	const summary = (labels: string[], totals: { label: string; values: number[] }[]) =>
		totals
			.map((s) => `${s.label}: ${s.values.reduce((a, b) => a + b, 0)}`)
			.concat(labels.length ? [t('report_pdf_categories', { n: labels.length })] : [])
			.join('; ');

	w.block(title, { font: w.bold, size: 14, role: 'H1' });
	w.block(t('report_pdf_generated', { at: words.dateTime(meta.createdAt) }), { size: 8.5 });
	for (const line of d.filterLines) w.block(line, { size: 8.5 });
	w.gap(6);

	// Compliance (ADR-046): decided, in term, median and p90 working days, suspensions, breaches.
	h2(t('superv_compliance_title'));
	const complianceTable = (first: string, rows: ComplianceRow[], label: (r: ComplianceRow) => string): PdfTable => ({
		headers: [
			first,
			t('superv_col_decided'),
			t('superv_col_within_term'),
			t('superv_col_within_share'),
			t('superv_col_median_wd'),
			t('superv_col_p90_wd'),
			t('superv_col_suspended_wd'),
			t('superv_col_breaches'),
			t('superv_col_breach_causes')
		],
		rows: rows.map((r) => [
			label(r),
			String(r.decided),
			`${r.withinTerm}/${r.withTerm}`,
			pct(r.withinTermShare),
			num(r.medianWorkingDays),
			num(r.p90WorkingDays),
			String(r.suspendedWorkingDays),
			String(r.breachTotal),
			Object.entries(r.breaches)
				.map(([k, n]) => `${words.clock(k)}: ${n}`)
				.join(', ')
		]),
		widths: [3.2, 1.1, 1.2, 1.1, 1.1, 1, 1.2, 1.1, 3]
	});
	const byService = d.compliance.services;
	const serviceLabels = byService.map((r) => words.service(r.key));
	const inTerm = {
		label: t('superv_col_within_term'),
		values: byService.map((r) => r.withinTerm),
		color: tokenColor('--chart-1')
	};
	const outTerm = {
		label: t('report_pdf_not_within'),
		values: byService.map((r) => r.withTerm - r.withinTerm),
		color: tokenColor('--chart-2')
	};
	const noTerm = {
		label: t('report_col_without_term'),
		values: byService.map((r) => r.decided - r.withTerm),
		color: tokenColor('--chart-other')
	};
	h3(t('superv_col_service'));
	drawBars(w, {
		labels: serviceLabels,
		series: [inTerm, outTerm, noTerm],
		alt: summary(serviceLabels, [inTerm, outTerm, noTerm])
	});
	drawTable(
		w,
		complianceTable(t('superv_col_service'), byService, (r) => words.service(r.key))
	);
	h3(t('superv_col_unit'));
	drawTable(
		w,
		complianceTable(t('superv_col_unit'), d.compliance.units, (r) => named(r.key, r.label))
	);
	h3(t('superv_col_officer'));
	drawTable(
		w,
		complianceTable(t('superv_col_officer'), d.compliance.officers, (r) => named(r.key, r.label))
	);

	// Agencies (001 p.16) and their months.
	h2(t('superv_sheet_agencies'));
	const agencyHeaders = [
		t('superv_col_requests'),
		t('superv_col_in_time'),
		t('superv_col_late'),
		t('superv_col_objections'),
		t('superv_col_deemed'),
		t('superv_col_pending'),
		t('superv_col_median_response')
	];
	const agencyCells = (r: Omit<AgencyRow, 'agency'>) => [
		String(r.requests),
		String(r.answeredInTime),
		String(r.answeredLate),
		String(r.objections),
		String(r.deemedApprovals),
		String(r.pending),
		num(r.medianResponseWorkingDays)
	];
	const consultationSeries = (rows: Omit<AgencyRow, 'agency'>[]) => [
		{ label: t('superv_col_in_time'), values: rows.map((r) => r.answeredInTime), color: tokenColor('--chart-1') },
		{ label: t('superv_col_late'), values: rows.map((r) => r.answeredLate), color: tokenColor('--chart-2') },
		{ label: t('superv_col_deemed'), values: rows.map((r) => r.deemedApprovals), color: tokenColor('--chart-3') },
		{ label: t('superv_col_pending'), values: rows.map((r) => r.pending), color: tokenColor('--chart-4') }
	];
	const agencyLabels = d.agencies.map((a) => words.agency(a.agency));
	const agencySeries = consultationSeries(d.agencies);
	drawBars(w, { labels: agencyLabels, series: agencySeries, alt: summary(agencyLabels, agencySeries) });
	drawTable(w, {
		headers: [t('superv_col_agency'), ...agencyHeaders],
		rows: d.agencies.map((a, i) => [agencyLabels[i]!, ...agencyCells(a)]),
		widths: [2.4, 1, 1, 1, 1, 1, 1, 1.3]
	});
	h3(t('superv2_trend_title'));
	const months = d.trend.map((r) => r.month);
	const trendSeries = consultationSeries(d.trend);
	drawBars(w, { labels: months, series: trendSeries, alt: summary(months, trendSeries) });
	drawTable(w, {
		headers: [t('superv2_col_month'), ...agencyHeaders],
		rows: d.trend.map((r) => [r.month, ...agencyCells(r)]),
		widths: [1.6, 1, 1, 1, 1, 1, 1, 1.3]
	});

	// Complaints (001 pp.24–25; 000 pp.16–17).
	h2(t('superv2_complaints_title'));
	const bodyName = (key: string) =>
		key === 'provider' ? t('superv2_body_provider') : key === 'quality-body' ? t('superv2_body_quality') : none;
	const complaintTable = (first: string, rows: ComplaintRow[], label: (r: ComplaintRow) => string): PdfTable => ({
		headers: [
			first,
			t('superv_col_decided'),
			t('report_col_decided_in_time'),
			t('report_col_decided_late'),
			t('superv_col_within_share'),
			t('superv2_col_extended'),
			t('superv_col_median_wd'),
			t('superv_col_p90_wd')
		],
		rows: rows.map((r) => [
			label(r),
			String(r.decided),
			String(r.inTime),
			String(r.late),
			pct(r.inTimeShare),
			String(r.extended),
			num(r.medianWorkingDays),
			num(r.p90WorkingDays)
		]),
		widths: [3, 1, 1.2, 1.2, 1.1, 1.1, 1.1, 1]
	});
	const bodies = d.complaints.bodies;
	const bodyLabels = bodies.map((r) => bodyName(r.key));
	const complaintSeries = [
		{ label: t('report_col_decided_in_time'), values: bodies.map((r) => r.inTime), color: tokenColor('--chart-1') },
		{ label: t('report_col_decided_late'), values: bodies.map((r) => r.late), color: tokenColor('--chart-2') },
		{
			label: t('report_col_without_term'),
			values: bodies.map((r) => r.decided - r.withTerm),
			color: tokenColor('--chart-other')
		}
	];
	drawBars(w, { labels: bodyLabels, series: complaintSeries, alt: summary(bodyLabels, complaintSeries) });
	drawTable(
		w,
		complaintTable(t('superv2_col_review_body'), bodies, (r) => bodyName(r.key))
	);
	drawTable(
		w,
		complaintTable(t('superv_col_unit'), d.complaints.units, (r) => named(r.key, r.label))
	);
	drawTable(
		w,
		complaintTable(t('superv2_col_reviewer'), d.complaints.reviewers, (r) => named(r.key, r.label))
	);

	// Workload as of an instant, replayed from the case events (ADR-071).
	const wl = d.workload;
	h2(t('superv2_workload_title', { at: words.dateTime(wl.asOf) }));
	w.block(t('superv2_workload_total', { total: wl.total }), { size: 9 });
	const officer = (key: string) => (key === '' ? none : (wl.officerNames[key] ?? key));
	const officerLabels = wl.officers.map((o) => officer(o.key));
	const open = [
		{ label: t('superv2_col_open'), values: wl.officers.map((o) => o.open), color: tokenColor('--chart-1') }
	];
	drawBars(w, { labels: officerLabels, series: open, alt: summary(officerLabels, open) });
	const openTable = (first: string, rows: { key: string; open: number }[], name: (k: string) => string) =>
		drawTable(w, {
			headers: [first, t('superv2_col_open')],
			rows: rows.map((r) => [name(r.key), String(r.open)]),
			widths: [4, 1]
		});
	openTable(t('superv_col_officer'), wl.officers, officer);
	openTable(t('superv_col_unit'), wl.units, (k) => (k === '' ? none : k));
	openTable(t('superv2_col_stage'), wl.stages, words.stage);

	w.rule(MARGIN - 8, 0.2);
	w.tags.finish(title);
	return pdf.save({ useObjectStreams: false });
}
