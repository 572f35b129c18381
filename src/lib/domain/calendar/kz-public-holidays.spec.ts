import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { DATA_CORRECTIONS, kzHolidayDates, kzPublicHolidays } from './kz-public-holidays';

describe('KZ public holidays: dates from date-holidays, carry-over computed (ADR-004)', () => {
	it('KZ data has only public holidays, so asking for every type adds nothing', () => {
		const everyType = new Holidays('KZ', { types: ['public', 'bank', 'school', 'optional', 'observance'] });
		for (const year of [2000, 2010, 2021, 2024, 2025, 2026, 2027, 2050, 2100]) {
			const types = new Set(everyType.getHolidays(year).map((h) => h.type));
			expect([...types]).toEqual(['public']);
		}
	});

	it("takes no substitute day from the data: Nauryz 2027's substitute is 23 March, itself Nauryz", () => {
		const raw = new Holidays('KZ').getHolidays(2027).filter((h) => h.substitute);
		expect(raw.map((h) => h.date.slice(0, 10))).toContain('2027-03-23');
		expect(kzHolidayDates(2027).map((h) => h.date)).toEqual([
			'2027-01-01',
			'2027-01-02',
			'2027-01-07',
			'2027-03-08',
			'2027-03-15',
			'2027-03-21',
			'2027-03-22',
			'2027-03-23',
			'2027-05-01',
			'2027-05-07',
			'2027-05-09',
			'2027-05-16',
			'2027-07-06',
			'2027-10-25',
			'2027-12-16'
		]);
	});

	it('marks Orthodox Christmas and Kurban Ait religious (never carried, Labour Code art. 85)', () => {
		const religious = kzHolidayDates(2024).filter((h) => h.religious);
		expect(religious.map((h) => [h.date, h.name])).toEqual([
			['2024-01-07', 'Orthodox Christmas'],
			['2024-06-16', 'Eid al-Adha']
		]);
	});

	it('the Law wins over the data: no Constitution Day day off in 2026', () => {
		expect(new Holidays('KZ').isHoliday(new Date(2026, 2, 15))).toBeTruthy(); // the data says 15 March
		expect(DATA_CORRECTIONS.map((c) => c.date)).toEqual(['2026-03-15']);
		expect(kzPublicHolidays(2026).has('2026-03-15')).toBe(false);
		expect(kzPublicHolidays(2026).has('2026-03-16')).toBe(false);
		expect(kzPublicHolidays(2026).has('2026-08-30')).toBe(false);
		expect(kzPublicHolidays(2025).get('2025-08-30')?.name).toBe('Constitution Day');
		expect(kzPublicHolidays(2027).get('2027-03-15')?.name).toBe('Constitution Day');
	});

	it('follows the dated rule changes (17 Dec and First President’s Day dropped, Republic Day back from 2022)', () => {
		expect(kzPublicHolidays(2021).has('2021-12-17')).toBe(true);
		expect(kzPublicHolidays(2021).has('2021-12-01')).toBe(true);
		expect(kzPublicHolidays(2021).has('2021-10-25')).toBe(false);
		expect(kzPublicHolidays(2022).has('2022-12-17')).toBe(false);
		expect(kzPublicHolidays(2022).has('2022-12-01')).toBe(false);
		expect(kzPublicHolidays(2022).get('2022-10-25')?.name).toBe('Republic Day');
	});

	it('names holidays in Kazakh or Russian on request, and computes each year once', () => {
		expect(kzPublicHolidays(2026, 'kk').get('2026-03-21')?.name).toBe('Наурыз мейрамы');
		expect(kzPublicHolidays(2026, 'ru').get('2026-03-21')?.name).toMatch(/Наурыз/);
		expect(kzPublicHolidays(2026)).toBe(kzPublicHolidays(2026));
		expect([...kzPublicHolidays(2026).keys()]).toEqual([...kzPublicHolidays(2026).keys()].sort());
	});
});
