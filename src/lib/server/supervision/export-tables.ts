/**
 * The supervision tables as exported: one column list per table, headers in the reader's language
 * (kk/ru/en), values as numbers (shares as fractions, formatted as percentages by the sheet) so a
 * spreadsheet can compute with them.
 */
import type { ComplianceRow } from '../../domain/supervision/compliance';
import type { AgencyRow } from '../../domain/supervision/agency-stats';
import type { ComplaintRow } from '../../domain/supervision/complaint-compliance';

export const EXPORT_LOCALES = ['kk', 'ru', 'en'] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];
export const EXPORT_TABLES = [
	'services',
	'units',
	'officers',
	'agencies',
	'complaintBodies',
	'complaintUnits',
	'complaintReviewers'
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export type Cell = string | number | null;
/**
 * Looks up a message in a language. Given by the caller (the route passes Paraglide's messages), so
 * these modules also run outside SvelteKit (bench/, scripts).
 */
export type Translate = (key: string, locale: ExportLocale) => string;
export interface Column<R> {
	/** Message key of the header. */
	readonly header: string;
	readonly width: number;
	/** Excel number format; none for text and plain integers. */
	readonly numFmt?: string;
	readonly value: (row: R) => Cell;
}

const breachText = (r: ComplianceRow) =>
	Object.entries(r.breaches)
		.map(([k, n]) => `${k}: ${n}`)
		.join(', ');

function complianceColumns(first: Column<ComplianceRow>): Column<ComplianceRow>[] {
	return [
		first,
		{ header: 'superv_col_decided', width: 12, value: (r) => r.decided },
		{ header: 'superv_col_with_term', width: 14, value: (r) => r.withTerm },
		{ header: 'superv_col_within_term', width: 14, value: (r) => r.withinTerm },
		{ header: 'superv_col_within_share', width: 14, numFmt: '0.0%', value: (r) => r.withinTermShare },
		{ header: 'superv_col_median_wd', width: 14, numFmt: '0.0', value: (r) => r.medianWorkingDays },
		{ header: 'superv_col_p90_wd', width: 12, value: (r) => r.p90WorkingDays },
		{ header: 'superv_col_suspended_wd', width: 16, value: (r) => r.suspendedWorkingDays },
		{ header: 'superv_col_breaches', width: 12, value: (r) => r.breachTotal },
		{ header: 'superv_col_breach_causes', width: 36, value: breachText }
	];
}

/** Complaint review terms (001 pp.24–25; 000 pp.16–17); the first column is the group. */
function complaintColumns(first: Column<ComplaintRow>): Column<ComplaintRow>[] {
	return [
		first,
		{ header: 'superv_col_decided', width: 12, value: (r) => r.decided },
		{ header: 'superv_col_with_term', width: 14, value: (r) => r.withTerm },
		{ header: 'superv_col_within_term', width: 14, value: (r) => r.inTime },
		{ header: 'superv_col_late', width: 12, value: (r) => r.late },
		{ header: 'superv_col_within_share', width: 14, numFmt: '0.0%', value: (r) => r.inTimeShare },
		{ header: 'superv2_col_extended', width: 14, value: (r) => r.extended },
		{ header: 'superv_col_median_wd', width: 14, numFmt: '0.0', value: (r) => r.medianWorkingDays },
		{ header: 'superv_col_p90_wd', width: 12, value: (r) => r.p90WorkingDays }
	];
}

export const COLUMNS = {
	services: complianceColumns({ header: 'superv_col_service', width: 28, value: (r) => r.label }),
	units: complianceColumns({ header: 'superv_col_unit', width: 28, value: (r) => r.label }),
	officers: complianceColumns({ header: 'superv_col_officer', width: 28, value: (r) => r.label }),
	agencies: [
		{ header: 'superv_col_agency', width: 16, value: (r) => r.agency },
		{ header: 'superv_col_requests', width: 12, value: (r) => r.requests },
		{ header: 'superv_col_in_time', width: 14, value: (r) => r.answeredInTime },
		{ header: 'superv_col_late', width: 12, value: (r) => r.answeredLate },
		{ header: 'superv_col_objections', width: 12, value: (r) => r.objections },
		{ header: 'superv_col_deemed', width: 16, value: (r) => r.deemedApprovals },
		{ header: 'superv_col_pending', width: 12, value: (r) => r.pending },
		{ header: 'superv_col_median_response', width: 18, numFmt: '0.0', value: (r) => r.medianResponseWorkingDays }
	] satisfies Column<AgencyRow>[],
	complaintBodies: complaintColumns({ header: 'superv2_col_review_body', width: 30, value: (r) => r.key }),
	complaintUnits: complaintColumns({ header: 'superv_col_unit', width: 28, value: (r) => r.label }),
	complaintReviewers: complaintColumns({ header: 'superv2_col_reviewer', width: 28, value: (r) => r.label })
};

export interface ExportData {
	services: ComplianceRow[];
	units: ComplianceRow[];
	officers: ComplianceRow[];
	agencies: AgencyRow[];
	complaintBodies: ComplaintRow[];
	complaintUnits: ComplaintRow[];
	complaintReviewers: ComplaintRow[];
}

const BODY_LABEL: Record<string, string> = {
	provider: 'superv2_body_provider',
	'quality-body': 'superv2_body_quality'
};

/** Rows of one table as cells, the '' group (no unit, unassigned) named in the reader's language. */
export function tableCells(table: ExportTable, data: ExportData, locale: ExportLocale, t: Translate): Cell[][] {
	const cols = COLUMNS[table] as Column<unknown>[];
	return (data[table] as unknown[]).map((row) =>
		cols.map((c, i) => {
			const v = c.value(row);
			if (i === 0 && v === '') return t('superv_none', locale);
			if (i === 0 && table === 'complaintBodies' && typeof v === 'string' && BODY_LABEL[v])
				return t(BODY_LABEL[v], locale);
			return v;
		})
	);
}

const SHEET_KEYS: Record<ExportTable, string> = {
	services: 'superv_sheet_services',
	units: 'superv_sheet_units',
	officers: 'superv_sheet_officers',
	agencies: 'superv_sheet_agencies',
	complaintBodies: 'superv2_sheet_complaint_bodies',
	complaintUnits: 'superv2_sheet_complaint_units',
	complaintReviewers: 'superv2_sheet_complaint_reviewers'
};

export const sheetName = (table: ExportTable, locale: ExportLocale, t: Translate): string =>
	t(SHEET_KEYS[table], locale);
