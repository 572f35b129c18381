/**
 * The register of execution reports (001 pp.27–28, Annex 4) as files: XLSX (two sheets, per licence
 * and per export, frozen header, widths, dates as real dates) by exceljs's streaming writer, and CSV
 * (UTF-8 with BOM, ',' or ';') of one table. Headers and states in the reader's language.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { LicenceSummary, RegisterRow } from '../../domain/supervision/execution-register';
import type { Period } from '../../domain/supervision/period';
import type { ExportLocale, Translate } from './export-tables';
import { csvField, type CsvSeparator } from './export-csv';
import type { ExecutionRegisterData } from './execution-register.repository';

export const REGISTER_TABLES = ['licences', 'exports'] as const;
export type RegisterTable = (typeof REGISTER_TABLES)[number];

type Value = string | number | Date | null;
interface Col<R> {
	readonly header: string;
	readonly width: number;
	/** 'date': a local date; 'instant': shown on the Almaty clock. */
	readonly kind?: 'date' | 'instant';
	readonly value: (row: R, t: (key: string) => string) => Value;
}

const stateKey = (s: RegisterRow['state']) => `report_reg_state_${s.replace('-', '_')}`;

const COLS: { licences: Col<LicenceSummary>[]; exports: Col<RegisterRow>[] } = {
	licences: [
		{ header: 'report_reg_col_case', width: 18, value: (r) => r.caseNumber },
		{ header: 'report_reg_col_licence', width: 20, value: (r) => r.licence },
		{ header: 'report_reg_col_applicant', width: 32, value: (r) => r.applicant },
		{ header: 'report_reg_col_exports', width: 10, value: (r) => r.exports },
		{ header: 'report_reg_state_received', width: 12, value: (r) => r.received },
		{ header: 'report_reg_state_received_late', width: 12, value: (r) => r.late },
		{ header: 'report_reg_state_missing', width: 12, value: (r) => r.missing },
		{ header: 'report_reg_state_awaited', width: 12, value: (r) => r.awaited },
		{ header: 'report_reg_col_balance', width: 14, value: (r) => r.balance },
		{ header: 'report_reg_col_last_report', width: 18, kind: 'instant', value: (r) => r.lastReportAt }
	],
	exports: [
		{ header: 'report_reg_col_case', width: 18, value: (r) => r.caseNumber },
		{ header: 'report_reg_col_licence', width: 20, value: (r) => r.licence },
		{ header: 'report_reg_col_applicant', width: 32, value: (r) => r.applicant },
		{ header: 'report_reg_col_export_date', width: 14, kind: 'date', value: (r) => r.exportDate },
		{ header: 'report_reg_col_due', width: 14, kind: 'date', value: (r) => r.dueDate },
		{ header: 'report_reg_col_state', width: 18, value: (r, t) => t(stateKey(r.state)) },
		{ header: 'report_reg_col_days_left', width: 12, value: (r) => r.workingDaysLeft },
		{ header: 'report_reg_col_received', width: 18, kind: 'instant', value: (r) => r.receivedAt },
		{ header: 'report_reg_col_quantity', width: 12, value: (r) => r.quantity },
		{ header: 'report_reg_col_balance', width: 14, value: (r) => r.balance }
	]
};

const ALMATY_MS = 5 * 3_600_000;
/** A cell for a sheet: local dates as the UTC midnight exceljs writes as that day; instants on the Almaty clock. */
function sheetValue(v: Value, kind: Col<unknown>['kind']): ExcelJS.CellValue {
	if (v === null) return null;
	if (kind === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
	if (kind === 'instant' && v instanceof Date) return new Date(v.getTime() + ALMATY_MS);
	return v;
}

function csvValue(v: Value, kind: Col<unknown>['kind']): string | number | null {
	if (v instanceof Date)
		return new Date(v.getTime() + (kind === 'instant' ? ALMATY_MS : 0)).toISOString().slice(0, 16).replace('T', ' ');
	return v;
}

function rowsOf(table: RegisterTable, data: ExecutionRegisterData): unknown[] {
	return table === 'licences' ? data.licences : data.exports;
}

export function registerXlsx(
	data: ExecutionRegisterData,
	period: Period,
	generatedAt: Date,
	locale: ExportLocale,
	translate: Translate
): PassThrough {
	const t = (key: string) => translate(key, locale);
	const out = new PassThrough();
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	wb.created = generatedAt;
	void (async () => {
		for (const table of REGISTER_TABLES) {
			const cols = COLS[table] as Col<unknown>[];
			const sheet = wb.addWorksheet(t(`report_reg_sheet_${table}`), { views: [{ state: 'frozen', ySplit: 1 }] });
			sheet.columns = cols.map((c) => ({
				header: t(c.header),
				width: c.width,
				style: c.kind ? { numFmt: c.kind === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm' } : {}
			}));
			sheet.getRow(1).font = { bold: true };
			sheet.getRow(1).commit();
			for (const row of rowsOf(table, data))
				sheet.addRow(cols.map((c) => sheetValue(c.value(row, t), c.kind))).commit();
			sheet.commit();
		}
		const about = wb.addWorksheet(t('superv_sheet_report'));
		about.columns = [{ width: 28 }, { width: 36 }];
		about.addRow([t('superv_report_from'), new Date(`${period.from}T00:00:00Z`)]).commit();
		about.addRow([t('superv_report_to'), new Date(`${period.to}T00:00:00Z`)]).commit();
		about.addRow([t('report_reg_basis'), '001 pp.27–28, Annex 4']).commit();
		about.commit();
		await wb.commit();
	})().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
	return out;
}

export function registerCsv(
	table: RegisterTable,
	data: ExecutionRegisterData,
	locale: ExportLocale,
	sep: CsvSeparator,
	translate: Translate
): Readable {
	const t = (key: string) => translate(key, locale);
	const cols = COLS[table] as Col<unknown>[];
	const rows = rowsOf(table, data);
	function* lines() {
		yield '\uFEFF' + cols.map((c) => csvField(t(c.header), sep)).join(sep) + '\r\n';
		for (const row of rows) yield cols.map((c) => csvField(csvValue(c.value(row, t), c.kind), sep)).join(sep) + '\r\n';
	}
	return Readable.from(lines());
}
