/**
 * The State Revenue Committee's monthly device lists (004 P 11): imported from the Excel file it
 * sends, "For official use", by the officials who verify devices (004 P 14–15, ADR-093). Every
 * row is checked first (domain/supervision/device-list); a list with any fault is refused with
 * every row and column at fault, and nothing is written. A good list is stored in one transaction
 * with its audit row, so it is there whole or not at all. The months' clocks come from
 * domain/supervision/monthly-list-clock.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { desc, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { deviceListReminders, deviceListRows, deviceLists } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import {
	parseDeviceList,
	reportingMonthEnded,
	type CellValue,
	type RowFault
} from '../../domain/supervision/device-list';
import { monthlyListClock, nextMonth } from '../../domain/supervision/monthly-list-clock';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';
import { ApiError } from '../http/api-error';
import { fieldProblem } from '../../domain/errors/field-problem';

export const DEVICE_LIST_STREAM = 'device-lists';
export const MAX_DEVICE_LIST_BYTES = 20 * 1024 * 1024;
const INSERT_BATCH = 1000;

export interface DeviceListUpload {
	readonly reportingMonth: string;
	readonly receivedAt: Date;
	readonly coverLetter: string;
	readonly fileName: string;
	readonly bytes: Uint8Array;
}

/** Thrown when the list has faults: the route answers 422 with each row and column. */
export class DeviceListFaults extends ApiError {
	constructor(
		readonly faults: RowFault[],
		readonly faultCount: number
	) {
		super(422, `The list has ${faultCount} fault(s); nothing was imported.`, {
			file: fieldProblem('rows-at-fault', 'rows at fault', { count: String(faultCount) })
		});
	}
}

/** A cell as text or a number, whatever exceljs made of it (rich text, a formula's result, a date). */
function cellValue(v: ExcelJS.CellValue): CellValue {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string' || typeof v === 'number') return v;
	if (typeof v === 'boolean') return String(v);
	if (v instanceof Date) return v.toISOString();
	if (typeof v === 'object') {
		if ('richText' in v) return v.richText.map((r) => r.text).join('');
		if ('result' in v) return cellValue((v.result ?? null) as ExcelJS.CellValue);
		if ('text' in v) return String(v.text);
		if ('error' in v) return String(v.error);
	}
	return null;
}

/** The first sheet's rows as cells (row 1 first; missing rows empty). */
async function readSheet(bytes: Uint8Array): Promise<CellValue[][]> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	} catch {
		throw new DeviceListFaults([{ row: 0, column: null, code: 'not-xlsx', value: null }], 1);
	}
	const sheet = wb.worksheets[0];
	if (!sheet) throw new DeviceListFaults([{ row: 0, column: null, code: 'not-xlsx', value: null }], 1);
	const rows: CellValue[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row, n) => {
		const cells: CellValue[] = [];
		row.eachCell({ includeEmpty: true }, (cell, col) => {
			cells[col - 1] = cellValue(cell.value);
		});
		rows[n - 1] = Array.from(cells, (c) => c ?? null);
	});
	return Array.from(rows, (r) => r ?? []);
}

export async function importDeviceList(
	db: Db,
	upload: DeviceListUpload,
	actor: Actor & { userId: number },
	now: Date,
	calendar: WorkingCalendar
) {
	if (!reportingMonthEnded(upload.reportingMonth, calendar.localDate(now)))
		throw new ApiError(422, 'reportingMonth: a month already ended, YYYY-MM.', {
			reportingMonth: fieldProblem('month-not-ended', 'not ended')
		});
	if (upload.receivedAt > now)
		throw new ApiError(422, 'receivedAt: not in the future.', {
			receivedAt: fieldProblem('in-the-future', 'after now')
		});
	if (calendar.localDate(upload.receivedAt) < `${nextMonth(upload.reportingMonth)}-01`)
		throw new ApiError(422, 'receivedAt: after the reporting month ended (004 P 11).', {
			receivedAt: fieldProblem('before-month-ended', 'before the month ended', { citation: '004 P 11' })
		});
	if (upload.bytes.byteLength > MAX_DEVICE_LIST_BYTES)
		throw new ApiError(413, `The file is larger than ${MAX_DEVICE_LIST_BYTES} bytes.`);
	const parsed = parseDeviceList(await readSheet(upload.bytes));
	if (!parsed.ok) throw new DeviceListFaults(parsed.faults, parsed.faultCount);
	const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
	const clock = monthlyListClock(upload.reportingMonth, upload.receivedAt, now, calendar);
	return db.transaction(async (tx) => {
		const [list] = await tx
			.insert(deviceLists)
			.values({
				reportingMonth: upload.reportingMonth,
				receivedAt: upload.receivedAt,
				coverLetter: upload.coverLetter,
				fileName: upload.fileName,
				fileSha256: sha256,
				rowCount: parsed.rows.length,
				importedBy: actor.userId,
				importedAt: now
			})
			.onConflictDoNothing({ target: deviceLists.reportingMonth })
			.returning();
		if (!list)
			throw new ApiError(409, `The list for ${upload.reportingMonth} is already imported.`, {
				reportingMonth: fieldProblem('month-already-imported', 'already imported', { month: upload.reportingMonth })
			});
		for (let i = 0; i < parsed.rows.length; i += INSERT_BATCH)
			await tx
				.insert(deviceListRows)
				.values(parsed.rows.slice(i, i + INSERT_BATCH).map((r) => ({ listId: list.id, ...r })));
		// The count and the file's digest, never the IMEIs (004 P 15).
		await appendAuditEvent(tx, DEVICE_LIST_STREAM, {
			type: 'device-list.imported',
			actor,
			at: now,
			citation: '004 P 11',
			after: {
				reportingMonth: upload.reportingMonth,
				receivedAt: upload.receivedAt.toISOString(),
				state: clock.state,
				rows: parsed.rows.length,
				sha256
			}
		});
		return { id: list.id, reportingMonth: list.reportingMonth, rows: parsed.rows.length, state: clock.state };
	});
}

/** The reporting months from `first` to the last ended one, newest first ('YYYY-MM'). */
export function endedMonths(today: string, count: number): string[] {
	const months: string[] = [];
	let [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
	for (let i = 0; i < count; i++) {
		m -= 1;
		if (m === 0) [y, m] = [y - 1, 12];
		months.push(`${y}-${String(m).padStart(2, '0')}`);
	}
	return months;
}

/** The last `count` reporting months with their lists (if any), clocks and reminders. */
export async function listDeviceLists(db: Db, calendar: WorkingCalendar, now: Date, count = 12) {
	const months = endedMonths(calendar.localDate(now), count);
	const [lists, reminders] = await Promise.all([
		db
			.select()
			.from(deviceLists)
			.where(inArray(deviceLists.reportingMonth, months))
			.orderBy(desc(deviceLists.reportingMonth)),
		db.select().from(deviceListReminders).where(inArray(deviceListReminders.reportingMonth, months))
	]);
	return months.map((month) => {
		const list = lists.find((l) => l.reportingMonth === month) ?? null;
		const clock = monthlyListClock(month, list?.receivedAt ?? null, now, calendar);
		const reminder = reminders.find((r) => r.reportingMonth === month) ?? null;
		return {
			reportingMonth: month,
			dueDate: clock.dueDate,
			dueAt: clock.dueAt,
			state: clock.state,
			list: list && {
				id: list.id,
				receivedAt: list.receivedAt,
				coverLetter: list.coverLetter,
				fileName: list.fileName,
				rows: list.rowCount,
				importedAt: list.importedAt
			},
			remindedAt: reminder?.remindedAt ?? null
		};
	});
}
