/**
 * The monthly device list of 004 P 11 with the data of App. 2: every faulty row is reported with its
 * row and column, and a list with any fault yields no rows at all.
 */
import { describe, expect, it } from 'vitest';
import { imeiCheckDigitValid, parseDeviceList, reportingMonthEnded, type CellValue } from './device-list';

const HEADER: CellValue[] = ['ID өтінімдер', 'Кеден рәсімінің коды', 'IMEI'];
// Luhn-valid IMEIs (the GSMA check digit last).
const A = '490154203237518';
const B = '356938035643809';

describe('imeiCheckDigitValid', () => {
	it.each([
		[A, true],
		[B, true],
		['490154203237519', false]
	])('%s → %s', (imei, ok) => expect(imeiCheckDigitValid(imei)).toBe(ok));
});

describe('parseDeviceList (004 P 11, App. 2)', () => {
	it('takes a well-formed list, the header in Russian or English too, skipping empty rows', () => {
		const r = parseDeviceList([
			['ID заявки', 'Код таможенной процедуры', 'IMEI'],
			['APP-1', '40', A],
			[null, null, null],
			['APP-2', 53, Number(B)]
		]);
		expect(r).toEqual({
			ok: true,
			rows: [
				{ rowNo: 2, applicationId: 'APP-1', procedureCode: '40', imei: A },
				{ rowNo: 4, applicationId: 'APP-2', procedureCode: '53', imei: B }
			]
		});
	});

	it('refuses a wrong header with the column at fault', () => {
		const r = parseDeviceList([
			['ID өтінімдер', 'Procedure', 'IMEI'],
			['APP-1', '40', A]
		]);
		expect(r).toEqual({
			ok: false,
			faultCount: 1,
			faults: [{ row: 1, column: 'B', code: 'header', value: 'procedure' }]
		});
	});

	it('reports every faulty row and column, and returns no rows', () => {
		const r = parseDeviceList([
			HEADER,
			['APP-1', '40', A],
			['APP-2', '10', B],
			['', '60', '12345'],
			['APP-4', '94', '490154203237519'],
			['APP-5', '40', A],
			['APP-6', '40', '352099001761481', 'extra']
		]);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.faults).toEqual([
			{ row: 3, column: 'B', code: 'procedure', value: '10' },
			{ row: 4, column: 'A', code: 'missing', value: null },
			{ row: 4, column: 'C', code: 'imei-format', value: '…2345' },
			{ row: 5, column: 'C', code: 'imei-check-digit', value: '…7519' },
			{ row: 6, column: 'C', code: 'imei-duplicate', value: '…7518', firstRow: 2 },
			{ row: 7, column: 'D', code: 'extra-cell', value: null }
		]);
	});

	it('refuses a list with a header and no rows', () => {
		expect(parseDeviceList([HEADER])).toEqual({
			ok: false,
			faultCount: 1,
			faults: [{ row: 2, column: null, code: 'no-rows', value: null }]
		});
	});
});

describe('reportingMonthEnded', () => {
	it.each([
		['2026-04', '2026-05-03', true],
		['2026-05', '2026-05-03', false],
		['2026-13', '2027-05-03', false],
		['2026-4', '2026-05-03', false]
	])('%s at %s → %s', (m, today, ok) => expect(reportingMonthEnded(m, today)).toBe(ok));
});
