import { describe, expect, it } from 'vitest';
import { csvField, csvStream } from './export-csv';

describe('csvField', () => {
	it.each([
		[null, ',', ''],
		[0.5, ',', '0.5'],
		[0.5, ';', '0,5'],
		[2 / 3, ';', '0,6667'],
		[12, ';', '12'],
		['ТОО «Ала», Алматы', ',', '"ТОО «Ала», Алматы"'],
		['a;b', ';', '"a;b"'],
		['say "no"', ',', '"say ""no"""'],
		['=HYPERLINK("x")', ',', `"'=HYPERLINK(""x"")"`],
		['-1+1', ';', "'-1+1"],
		['@SUM(A1)', ',', "'@SUM(A1)"]
	] as const)('%j with %s → %s', (value, sep, out) => {
		expect(csvField(value, sep)).toBe(out);
	});
});

describe('csvStream', () => {
	it('starts with the BOM and the translated header, one CRLF line per row, the "none" group named', async () => {
		const row = {
			key: '',
			label: '',
			decided: 1,
			withTerm: 0,
			withinTerm: 0,
			withinTermShare: null,
			medianWorkingDays: null,
			p90WorkingDays: null,
			suspendedWorkingDays: 0,
			breaches: {},
			breachTotal: 0
		};
		const data = { services: [], units: [row], officers: [], agencies: [] };
		let text = '';
		for await (const chunk of csvStream('units', data, 'en', ';', (key) => `<${key}>`)) text += String(chunk);
		const lines = text.split('\r\n');
		expect(lines[0]!.startsWith('\uFEFF<superv_col_unit>;<superv_col_decided>;')).toBe(true);
		expect(lines[1]).toBe('<superv_none>;1;0;0;;;;0;0;');
		expect(lines[2]).toBe('');
	});
});
