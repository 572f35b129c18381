/**
 * One supervision table as CSV for Excel: UTF-8 with a BOM (else Excel reads Cyrillic as cp1251),
 * ',' or ';' between fields — with ';' (the Kazakh and Russian Excel default) decimals get a comma.
 * A text cell that starts like a formula is quoted with a leading apostrophe (CSV injection).
 */
import { Readable } from 'node:stream';
import {
	COLUMNS,
	tableCells,
	type Cell,
	type ExportData,
	type ExportLocale,
	type ExportTable,
	type Translate
} from './export-tables';

export type CsvSeparator = ',' | ';';

export function csvField(v: Cell, sep: CsvSeparator): string {
	if (v === null) return '';
	if (typeof v === 'number') {
		const s = String(Math.round(v * 10_000) / 10_000);
		return sep === ';' ? s.replace('.', ',') : s;
	}
	const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
	return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A stream of CSV lines: the BOM and header first, then one line per row. */
export function csvStream(
	table: ExportTable,
	data: ExportData,
	locale: ExportLocale,
	sep: CsvSeparator,
	t: Translate
): Readable {
	const header = COLUMNS[table].map((c) => t(c.header, locale));
	const rows = tableCells(table, data, locale, t);
	function* lines() {
		yield '\uFEFF' + header.map((h) => csvField(h, sep)).join(sep) + '\r\n';
		for (const r of rows) yield r.map((v) => csvField(v, sep)).join(sep) + '\r\n';
	}
	return Readable.from(lines());
}
