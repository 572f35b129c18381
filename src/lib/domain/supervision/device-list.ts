/**
 * The rows of the State Revenue Committee's monthly device list (004 P 11), checked before anything
 * is stored. P 11 sends the list "in EXCEL format" without naming its columns; its data are those of
 * App. 2 (ADR-093): 1. the application ID, 2. the customs procedure code — one of the four
 * procedures of App. 2's note (release for domestic consumption, temporary import, re-import,
 * refusal in favour of the state; EAEU classifier codes 40, 53, 60, 94), 3. the IMEI (15 digits,
 * the last a Luhn check digit). The first row is the header (kk, ru or en names); every further
 * non-empty row is checked and every fault is reported with its row and column, as the sheet shows
 * them. A list with any fault is refused whole.
 */

export type CellValue = string | number | null;

export const DEVICE_LIST_COLUMNS = ['applicationId', 'procedureCode', 'imei'] as const;
export type DeviceListColumn = (typeof DEVICE_LIST_COLUMNS)[number];

/** The sheet's column letter of each field (App. 2 order). */
export const COLUMN_LETTER: Record<DeviceListColumn, string> = { applicationId: 'A', procedureCode: 'B', imei: 'C' };

/** 004 App. 2 item 2 and its note: the four customs procedures, by their EAEU classifier codes. */
export const CUSTOMS_PROCEDURES: Readonly<Record<string, string>> = {
	'40': 'release for domestic consumption',
	'53': 'temporary import',
	'60': 're-import',
	'94': 'refusal in favour of the state'
};

/** Accepted header names per column (compared lower-case, spaces squeezed). */
const HEADERS: Record<DeviceListColumn, readonly string[]> = {
	applicationId: ['id өтінімдер', 'өтінім id', 'id өтінімі', 'id заявки', 'application id'],
	procedureCode: ['кеден рәсімінің коды', 'код таможенной процедуры', 'customs procedure code'],
	imei: ['imei', 'imei коды', 'imei код', 'код imei']
};

export type RowFaultCode =
	| 'header'
	| 'missing'
	| 'application-id'
	| 'procedure'
	| 'imei-format'
	| 'imei-check-digit'
	| 'imei-duplicate'
	| 'extra-cell'
	| 'no-rows'
	| 'too-many-rows'
	/** The file is not an XLSX workbook (row 0: the file as a whole). */
	| 'not-xlsx';

export interface RowFault {
	/** The sheet's row number (the header is 1). */
	readonly row: number;
	/** The column letter, or null for a fault of the whole sheet. */
	readonly column: string | null;
	readonly code: RowFaultCode;
	/** The value at fault, as read (never an IMEI in full: 004 P 15; its last four digits). */
	readonly value: string | null;
	/** For a duplicate: the row that held it first. */
	readonly firstRow?: number;
}

export interface DeviceListRow {
	readonly rowNo: number;
	readonly applicationId: string;
	readonly procedureCode: string;
	readonly imei: string;
}

export const MAX_DEVICE_LIST_ROWS = 500_000;
/** Faults reported at most: the rest are counted, not listed. */
export const MAX_FAULTS = 200;

const squeeze = (v: CellValue) => (v === null ? '' : String(v).replace(/\s+/gu, ' ').trim());

/** The GSMA check digit of an IMEI (Luhn over the first 14 digits). */
export function imeiCheckDigitValid(imei: string): boolean {
	let sum = 0;
	for (let i = 0; i < 15; i++) {
		let d = imei.charCodeAt(i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

const masked = (v: string) => (v.length > 4 ? `…${v.slice(-4)}` : v);

/**
 * Checks a sheet read as rows of cells (row 1 first, `rows[i]` being sheet row `i + 1`). Returns
 * the rows to store, or every fault (up to MAX_FAULTS, with `faultCount` the total).
 */
export function parseDeviceList(
	rows: readonly (readonly CellValue[])[]
): { ok: true; rows: DeviceListRow[] } | { ok: false; faults: RowFault[]; faultCount: number } {
	const faults: RowFault[] = [];
	let faultCount = 0;
	const fault = (f: RowFault) => {
		faultCount++;
		if (faults.length < MAX_FAULTS) faults.push(f);
	};
	const header = rows[0] ?? [];
	DEVICE_LIST_COLUMNS.forEach((col, i) => {
		const name = squeeze(header[i] ?? null).toLowerCase();
		if (!HEADERS[col].includes(name))
			fault({ row: 1, column: COLUMN_LETTER[col], code: 'header', value: name || null });
	});
	if (faultCount) return { ok: false, faults, faultCount };
	const out: DeviceListRow[] = [];
	const seen = new Map<string, number>();
	for (let i = 1; i < rows.length; i++) {
		const cells = rows[i]!;
		const rowNo = i + 1;
		if (cells.every((c) => squeeze(c) === '')) continue;
		const applicationId = squeeze(cells[0] ?? null);
		const procedureCode = squeeze(cells[1] ?? null);
		const imeiRaw = squeeze(cells[2] ?? null);
		let bad = false;
		const flag = (column: DeviceListColumn, code: RowFaultCode, value: string | null, extra = {}) => {
			bad = true;
			fault({ row: rowNo, column: COLUMN_LETTER[column], code, value, ...extra });
		};
		for (const [col, v] of [
			['applicationId', applicationId],
			['procedureCode', procedureCode],
			['imei', imeiRaw]
		] as const)
			if (v === '') flag(col, 'missing', null);
		if (applicationId && !/^[\p{L}\p{N}][\p{L}\p{N}/._-]{0,63}$/u.test(applicationId))
			flag('applicationId', 'application-id', applicationId.slice(0, 70));
		if (procedureCode && !CUSTOMS_PROCEDURES[procedureCode])
			flag('procedureCode', 'procedure', procedureCode.slice(0, 20));
		if (imeiRaw) {
			if (!/^\d{15}$/.test(imeiRaw)) flag('imei', 'imei-format', masked(imeiRaw));
			else if (!imeiCheckDigitValid(imeiRaw)) flag('imei', 'imei-check-digit', masked(imeiRaw));
			else if (seen.has(imeiRaw)) flag('imei', 'imei-duplicate', masked(imeiRaw), { firstRow: seen.get(imeiRaw) });
			else seen.set(imeiRaw, rowNo);
		}
		for (let k = 3; k < cells.length; k++)
			if (squeeze(cells[k] ?? null) !== '') {
				bad = true;
				fault({ row: rowNo, column: String.fromCharCode(65 + Math.min(k, 25)), code: 'extra-cell', value: null });
			}
		if (!bad) out.push({ rowNo, applicationId, procedureCode, imei: imeiRaw });
		if (out.length + faultCount > MAX_DEVICE_LIST_ROWS) {
			fault({ row: rowNo, column: null, code: 'too-many-rows', value: String(MAX_DEVICE_LIST_ROWS) });
			break;
		}
	}
	if (faultCount === 0 && out.length === 0) fault({ row: 2, column: null, code: 'no-rows', value: null });
	return faultCount ? { ok: false, faults, faultCount } : { ok: true, rows: out };
}

/** A reporting month ('YYYY-MM') whose list may be imported at `today`: a month already ended. */
export function reportingMonthEnded(month: string, today: string): boolean {
	return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month < today.slice(0, 7);
}
