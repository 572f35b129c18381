/**
 * The supervision tables as one XLSX workbook, written by exceljs's streaming writer (each row is
 * committed and flushed as it is written, so the file is never held whole in memory): a first sheet
 * with the period as real dates and the filters, then one sheet per table with a frozen header row,
 * column widths and number formats.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Period } from '../../domain/supervision/period';
import type { AnalysisFilters } from './analysis-query';
import {
	COLUMNS,
	EXPORT_TABLES,
	sheetName,
	tableCells,
	type Column,
	type ExportData,
	type ExportLocale,
	type Translate
} from './export-tables';

/** A local date as the Date exceljs writes as that calendar day (dates in a sheet carry no zone). */
const sheetDate = (date: string) => new Date(`${date}T00:00:00Z`);

export function xlsxStream(
	data: ExportData,
	period: Period,
	filters: AnalysisFilters,
	generatedAt: Date,
	locale: ExportLocale,
	t: Translate
): PassThrough {
	const out = new PassThrough();
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	wb.created = generatedAt;
	void (async () => {
		const report = wb.addWorksheet(t('superv_sheet_report', locale));
		report.columns = [{ width: 28 }, { width: 36 }];
		const dateRow = (label: string, value: Date, numFmt: string) => {
			const row = report.addRow([label, value]);
			row.getCell(2).numFmt = numFmt;
			row.commit();
		};
		dateRow(t('superv_report_from', locale), sheetDate(period.from), 'yyyy-mm-dd');
		dateRow(t('superv_report_to', locale), sheetDate(period.to), 'yyyy-mm-dd');
		// The generation instant shown on the Almaty clock (UTC+5, ADR-001).
		dateRow(t('superv_report_generated', locale), new Date(generatedAt.getTime() + 5 * 3_600_000), 'yyyy-mm-dd hh:mm');
		for (const [k, v] of Object.entries(filters)) if (v !== undefined) report.addRow([k, String(v)]).commit();
		report.commit();

		for (const table of EXPORT_TABLES) {
			const cols = COLUMNS[table] as Column<unknown>[];
			const sheet = wb.addWorksheet(sheetName(table, locale, t), { views: [{ state: 'frozen', ySplit: 1 }] });
			sheet.columns = cols.map((c) => ({
				header: t(c.header, locale),
				width: c.width,
				style: c.numFmt ? { numFmt: c.numFmt } : {}
			}));
			sheet.getRow(1).font = { bold: true };
			sheet.getRow(1).commit();
			for (const cells of tableCells(table, data, locale, t)) sheet.addRow(cells).commit();
			sheet.commit();
		}
		await wb.commit();
	})().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
	return out;
}
