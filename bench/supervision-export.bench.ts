/**
 * Supervision export: a 100,000-row table written as XLSX by our streaming export (exceljs
 * WorkbookWriter, rows committed as written) against the naive way (an in-memory exceljs Workbook
 * written with writeBuffer), in the same run: time and the peak heap growth while writing.
 *
 *   npx tsx --expose-gc bench/supervision-export.bench.ts [rows]
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { xlsxStream } from '../src/lib/server/supervision/export-xlsx';
import { COLUMNS, tableCells, type ExportData, type Translate } from '../src/lib/server/supervision/export-tables';
import ru from '../messages/ru.json';
import type { ComplianceRow } from '../src/lib/domain/supervision/compliance';

/** Russian headers straight from the message file (Paraglide's compiled messages are SvelteKit-side). */
const t: Translate = (key) => (ru as Record<string, string>)[key] ?? key;

function rows(n: number): ComplianceRow[] {
	return Array.from({ length: n }, (_, i) => ({
		key: String(i + 1),
		label: `Офицер ${i + 1}`,
		decided: 10 + (i % 40),
		withTerm: 10 + (i % 40),
		withinTerm: 8 + (i % 30),
		withinTermShare: (8 + (i % 30)) / (10 + (i % 40)),
		medianWorkingDays: 12 + (i % 7) / 2,
		p90WorkingDays: 25 + (i % 5),
		suspendedWorkingDays: i % 9,
		breaches: i % 3 ? {} : { 'service-term': 1 + (i % 4) },
		breachTotal: i % 3 ? 0 : 1 + (i % 4)
	}));
}

/** Runs `work` while sampling the heap every 20 ms; returns ms and the peak heap growth in MB. */
async function measure(work: () => Promise<number>): Promise<{ ms: number; peakMb: number; bytes: number }> {
	globalThis.gc?.();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
	const t0 = performance.now();
	const bytes = await work();
	const ms = performance.now() - t0;
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	return { ms, peakMb: (peak - base) / 1_048_576, bytes };
}

export async function runSupervisionExportBench(n = 100_000): Promise<void> {
	const data: ExportData = {
		services: [],
		units: [],
		officers: rows(n),
		agencies: [],
		complaintBodies: [],
		complaintUnits: [],
		complaintReviewers: []
	};
	const period = { kind: 'year', from: '2026-01-01', to: '2026-12-31' } as const;
	const streamed = await measure(async () => {
		let bytes = 0;
		await pipeline(
			xlsxStream(data, period, {}, new Date('2026-12-07T06:00:00Z'), 'ru', t),
			new Writable({
				write(chunk: Buffer, _enc, done) {
					bytes += chunk.length;
					done();
				}
			})
		);
		return bytes;
	});
	const naive = await measure(async () => {
		const wb = new ExcelJS.Workbook();
		const sheet = wb.addWorksheet('officers', { views: [{ state: 'frozen', ySplit: 1 }] });
		sheet.columns = COLUMNS.officers.map((c) => ({ header: t(c.header, 'ru'), width: c.width }));
		for (const cells of tableCells('officers', data, 'ru', t)) sheet.addRow(cells);
		const buf = await wb.xlsx.writeBuffer();
		return buf.byteLength;
	});
	const f = (r: typeof streamed) =>
		`${(r.ms / 1000).toFixed(2)} s, peak heap +${r.peakMb.toFixed(0)} MB, ${(r.bytes / 1_048_576).toFixed(1)} MB file`;
	console.log(`supervision export, ${n.toLocaleString('en')} rows XLSX`);
	console.log(`  streamed (ours):          ${f(streamed)}`);
	console.log(`  in-memory writeBuffer:    ${f(naive)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href)
	await runSupervisionExportBench(Number(process.argv[2] ?? 100_000));
