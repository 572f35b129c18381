/**
 * The supervision tables as exported: one column list per table, headers in the reader's language
 * (kk/ru/en), values as numbers (shares as fractions, formatted as percentages by the sheet) so a
 * spreadsheet can compute with them.
 */
import { m } from '$lib/paraglide/messages';
import type { ComplianceRow } from '../../domain/supervision/compliance';
import type { AgencyRow } from '../../domain/supervision/agency-stats';

export const EXPORT_LOCALES = ['kk', 'ru', 'en'] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];
export const EXPORT_TABLES = ['services', 'units', 'officers', 'agencies'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export type Cell = string | number | null;
export interface Column<R> {
	readonly header: (locale: ExportLocale) => string;
	readonly width: number;
	/** Excel number format; none for text and plain integers. */
	readonly numFmt?: string;
	readonly value: (row: R) => Cell;
}

const t = (fn: (i: object, o: { locale: ExportLocale }) => string) => (locale: ExportLocale) => fn({}, { locale });
const breachText = (r: ComplianceRow) =>
	Object.entries(r.breaches)
		.map(([k, n]) => `${k}: ${n}`)
		.join(', ');

function complianceColumns(first: Column<ComplianceRow>): Column<ComplianceRow>[] {
	return [
		first,
		{ header: t(m.superv_col_decided), width: 12, value: (r) => r.decided },
		{ header: t(m.superv_col_with_term), width: 14, value: (r) => r.withTerm },
		{ header: t(m.superv_col_within_term), width: 14, value: (r) => r.withinTerm },
		{ header: t(m.superv_col_within_share), width: 14, numFmt: '0.0%', value: (r) => r.withinTermShare },
		{ header: t(m.superv_col_median_wd), width: 14, numFmt: '0.0', value: (r) => r.medianWorkingDays },
		{ header: t(m.superv_col_p90_wd), width: 12, value: (r) => r.p90WorkingDays },
		{ header: t(m.superv_col_suspended_wd), width: 16, value: (r) => r.suspendedWorkingDays },
		{ header: t(m.superv_col_breaches), width: 12, value: (r) => r.breachTotal },
		{ header: t(m.superv_col_breach_causes), width: 36, value: breachText }
	];
}

const none = (s: string, locale: ExportLocale) => s || m.superv_none({}, { locale });

export const COLUMNS = {
	services: complianceColumns({ header: t(m.superv_col_service), width: 28, value: (r) => r.label }),
	units: complianceColumns({ header: t(m.superv_col_unit), width: 28, value: (r) => r.label }),
	officers: complianceColumns({ header: t(m.superv_col_officer), width: 28, value: (r) => r.label }),
	agencies: [
		{ header: t(m.superv_col_agency), width: 16, value: (r) => r.agency },
		{ header: t(m.superv_col_requests), width: 12, value: (r) => r.requests },
		{ header: t(m.superv_col_in_time), width: 14, value: (r) => r.answeredInTime },
		{ header: t(m.superv_col_late), width: 12, value: (r) => r.answeredLate },
		{ header: t(m.superv_col_objections), width: 12, value: (r) => r.objections },
		{ header: t(m.superv_col_deemed), width: 16, value: (r) => r.deemedApprovals },
		{ header: t(m.superv_col_pending), width: 12, value: (r) => r.pending },
		{ header: t(m.superv_col_median_response), width: 18, numFmt: '0.0', value: (r) => r.medianResponseWorkingDays }
	] satisfies Column<AgencyRow>[]
};

export interface ExportData {
	services: ComplianceRow[];
	units: ComplianceRow[];
	officers: ComplianceRow[];
	agencies: AgencyRow[];
}

/** Rows of one table as cells, the '' group (no unit, unassigned) named in the reader's language. */
export function tableCells(table: ExportTable, data: ExportData, locale: ExportLocale): Cell[][] {
	const cols = COLUMNS[table] as Column<unknown>[];
	return (data[table] as unknown[]).map((row) =>
		cols.map((c, i) => {
			const v = c.value(row);
			return i === 0 && typeof v === 'string' ? none(v, locale) : v;
		})
	);
}

export const sheetName = (table: ExportTable, locale: ExportLocale): string =>
	({
		services: m.superv_sheet_services,
		units: m.superv_sheet_units,
		officers: m.superv_sheet_officers,
		agencies: m.superv_sheet_agencies
	})[table]({}, { locale });
