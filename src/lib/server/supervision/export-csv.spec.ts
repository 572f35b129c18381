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

const empty = {
	services: [],
	units: [],
	officers: [],
	agencies: [],
	complaintBodies: [],
	complaintUnits: [],
	complaintReviewers: []
};

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
		const data = { ...empty, units: [row] };
		let text = '';
		for await (const chunk of csvStream('units', data, 'en', ';', (key) => `<${key}>`)) text += String(chunk);
		const lines = text.split('\r\n');
		expect(lines[0]!.startsWith('\uFEFF<superv_col_unit>;<superv_col_decided>;')).toBe(true);
		expect(lines[1]).toBe('<superv_none>;1;0;0;;;;0;0;');
		expect(lines[2]).toBe('');
	});

	it('names the complaint review body in the reader language (001 p.24)', async () => {
		const row = (key: string) => ({
			key,
			label: key,
			decided: 2,
			withTerm: 2,
			inTime: 1,
			late: 1,
			inTimeShare: 0.5,
			extended: 1,
			medianWorkingDays: 4.5,
			p90WorkingDays: 6
		});
		const data = { ...empty, complaintBodies: [row('provider'), row('quality-body')] };
		let text = '';
		for await (const chunk of csvStream('complaintBodies', data, 'ru', ';', (key) => `<${key}>`)) text += String(chunk);
		expect(text.split('\r\n').slice(1, 3)).toEqual([
			'<superv2_body_provider>;2;2;1;1;0,5;1;4,5;6',
			'<superv2_body_quality>;2;2;1;1;0,5;1;4,5;6'
		]);
	});
});
