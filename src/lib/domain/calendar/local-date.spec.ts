import { describe, expect, it } from 'vitest';
import {
	addMonthsToDay,
	civilFromDays,
	daysFromCivil,
	formatLocalDate,
	isoWeekday,
	parseLocalDate,
	yearOfDay
} from './local-date';

describe('local dates and day numbers', () => {
	it('maps dates to days since 1970-01-01 and back', () => {
		expect(parseLocalDate('2000-01-01')).toBe(10957);
		expect(parseLocalDate('2026-03-20')).toBe(daysFromCivil(2026, 3, 20));
		for (const d of ['2000-01-01', '2000-02-29', '2024-12-31', '2026-03-20', '2100-02-28', '2100-12-31']) {
			expect(formatLocalDate(parseLocalDate(d))).toBe(d);
		}
		expect(civilFromDays(parseLocalDate('2096-02-29'))).toEqual([2096, 2, 29]);
	});

	it('knows the weekday (ISO: Monday 1 … Sunday 7)', () => {
		expect(isoWeekday(parseLocalDate('2026-03-20'))).toBe(5); // Friday before Nauryz
		expect(isoWeekday(parseLocalDate('2026-03-21'))).toBe(6);
		expect(isoWeekday(parseLocalDate('2026-03-22'))).toBe(7);
		expect(isoWeekday(parseLocalDate('2000-01-03'))).toBe(1);
	});

	it('finds the year of a day at year boundaries', () => {
		expect(yearOfDay(parseLocalDate('2000-01-01'))).toBe(2000);
		expect(yearOfDay(parseLocalDate('2024-12-31'))).toBe(2024);
		expect(yearOfDay(parseLocalDate('2025-01-01'))).toBe(2025);
		expect(yearOfDay(parseLocalDate('2100-12-31'))).toBe(2100);
	});

	it.each([
		'2026-3-20',
		'2026-03-20T00:00',
		'20-03-2026',
		'',
		'tomorrow',
		'2026-02-29',
		'2026-13-01',
		'2026-04-31',
		'2026-00-10'
	])('rejects the malformed date %j with a RangeError', (bad) => {
		expect(() => parseLocalDate(bad)).toThrow(RangeError);
		expect(() => parseLocalDate(bad)).toThrow(/malformed local date/);
	});

	it.each(['1999-12-31', '2101-01-01'])('rejects %s as outside 2000–2100', (d) => {
		expect(() => parseLocalDate(d)).toThrow(/outside the supported range 2000–2100/);
	});

	it('adds months keeping the day, or the month’s last day when it is missing (ADR-003)', () => {
		const add = (d: string, n: number) => formatLocalDate(addMonthsToDay(parseLocalDate(d), n));
		expect(add('2026-01-31', 1)).toBe('2026-02-28');
		expect(add('2024-01-31', 1)).toBe('2024-02-29');
		expect(add('2026-03-20', 12)).toBe('2027-03-20');
		expect(add('2024-02-29', 12)).toBe('2025-02-28');
		expect(add('2026-03-31', -1)).toBe('2026-02-28');
		expect(add('2026-01-15', -13)).toBe('2024-12-15');
	});
});
