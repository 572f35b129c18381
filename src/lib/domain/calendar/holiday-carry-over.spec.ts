/**
 * Weekend carry-over of public holidays, 2019–2032, against dates worked out by hand from the
 * Labour Code art. 85 para 3 and the Law "On holidays in the Republic of Kazakhstan" (art. 1, 2).
 *
 * How each row was derived (not by the engine): list the year's holidays (New Year 1–2 Jan,
 * Orthodox Christmas 7 Jan*, Women's Day 8 Mar, Constitution Day 15 Mar from 2027, Nauryz
 * 21–23 Mar, Unity Day 1 May, Defender's Day 7 May, Victory Day 9 May, Capital Day 6 Jul,
 * Constitution Day 30 Aug until 2025, Republic Day 25 Oct from 2022, First President's Day 1 Dec
 * until 2021, Independence Day 16 Dec and 17 Dec until 2021, Kurban Ait*; * = religious, never
 * carried), look up each date's weekday, and for every non-religious holiday on a Saturday or
 * Sunday, in date order, take the first Monday–Friday after it that is neither a holiday nor a
 * day already taken by an earlier carry-over. Kurban Ait dates: 2019-08-11 (Sun), 2020-07-31,
 * 2021-07-20, 2022-07-09 (Sat), 2023-06-28, 2024-06-16 (Sun), 2025-06-06, 2026-05-27 (as
 * announced); 2027-05-16 (Sun), 2028-05-05, 2029-04-24, 2030-04-13 (Sat), 2031-04-02,
 * 2032-03-22 (computed; they block no carry-over except 22 March 2032, already Nauryz).
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';
import { carryOver } from './holiday-carry-over';
import { kzHolidayDates, kzPublicHolidays } from './kz-public-holidays';

/** [carried day, weekend holiday it replaces, how it was found]. */
type Row = readonly [string, string, string];

const CARRIED: Record<number, readonly Row[]> = {
	2019: [
		['2019-03-25', '2019-03-23', 'Nauryz Sat 23 Mar → Mon 25'],
		['2019-07-08', '2019-07-06', 'Capital Day Sat 6 Jul → Mon 8'],
		['2019-12-02', '2019-12-01', "First President's Day Sun 1 Dec → Mon 2"]
	],
	2020: [
		['2020-03-09', '2020-03-08', "Women's Day Sun 8 Mar → Mon 9"],
		['2020-03-24', '2020-03-21', 'Nauryz Sat 21 Mar: Mon 23 is Nauryz → Tue 24'],
		['2020-03-25', '2020-03-22', 'Nauryz Sun 22 Mar: 23 Nauryz, 24 taken → Wed 25'],
		['2020-05-11', '2020-05-09', 'Victory Day Sat 9 May → Mon 11'],
		['2020-08-31', '2020-08-30', 'Constitution Day Sun 30 Aug → Mon 31']
	],
	2021: [
		['2021-01-04', '2021-01-02', 'New Year Sat 2 Jan → Mon 4'],
		['2021-03-24', '2021-03-21', 'Nauryz Sun 21 Mar: Mon 22, Tue 23 are Nauryz → Wed 24'],
		['2021-05-03', '2021-05-01', 'Unity Day Sat 1 May → Mon 3'],
		['2021-05-10', '2021-05-09', 'Victory Day Sun 9 May → Mon 10']
	],
	2022: [
		['2022-01-03', '2022-01-01', 'New Year Sat 1 Jan → Mon 3'],
		['2022-01-04', '2022-01-02', 'New Year Sun 2 Jan: 3 taken → Tue 4'],
		['2022-05-02', '2022-05-01', 'Unity Day Sun 1 May → Mon 2'],
		['2022-05-10', '2022-05-07', "Defender's Day Sat 7 May: Mon 9 is Victory Day → Tue 10"]
	],
	2023: [
		['2023-01-03', '2023-01-01', 'New Year Sun 1 Jan: Mon 2 is New Year → Tue 3'],
		['2023-05-08', '2023-05-07', "Defender's Day Sun 7 May → Mon 8"],
		['2023-12-18', '2023-12-16', 'Independence Day Sat 16 Dec → Mon 18 (17 Dec no longer a holiday)']
	],
	2024: [
		['2024-03-25', '2024-03-23', 'Nauryz Sat 23 Mar → Mon 25'],
		['2024-07-08', '2024-07-06', 'Capital Day Sat 6 Jul → Mon 8']
	],
	2025: [
		['2025-03-10', '2025-03-08', "Women's Day Sat 8 Mar → Mon 10"],
		['2025-03-24', '2025-03-22', 'Nauryz Sat 22 Mar → Mon 24'],
		['2025-03-25', '2025-03-23', 'Nauryz Sun 23 Mar: 24 taken → Tue 25'],
		['2025-07-07', '2025-07-06', 'Capital Day Sun 6 Jul → Mon 7'],
		['2025-09-01', '2025-08-30', 'Constitution Day Sat 30 Aug → Mon 1 Sep'],
		['2025-10-27', '2025-10-25', 'Republic Day Sat 25 Oct → Mon 27']
	],
	2026: [
		['2026-03-09', '2026-03-08', "Women's Day Sun 8 Mar → Mon 9"],
		['2026-03-24', '2026-03-21', 'Nauryz Sat 21 Mar: Mon 23 is Nauryz → Tue 24'],
		['2026-03-25', '2026-03-22', 'Nauryz Sun 22 Mar: 23 Nauryz, 24 taken → Wed 25'],
		['2026-05-11', '2026-05-09', 'Victory Day Sat 9 May → Mon 11'],
		['2026-10-26', '2026-10-25', 'Republic Day Sun 25 Oct → Mon 26']
		// No Constitution Day in 2026: neither 15 Mar (Sun; first kept in 2027) nor 30 Aug (Sun).
	],
	2027: [
		['2027-01-04', '2027-01-02', 'New Year Sat 2 Jan → Mon 4'],
		['2027-03-24', '2027-03-21', 'Nauryz Sun 21 Mar: Mon 22, Tue 23 are Nauryz → Wed 24'],
		['2027-05-03', '2027-05-01', 'Unity Day Sat 1 May → Mon 3'],
		['2027-05-10', '2027-05-09', 'Victory Day Sun 9 May → Mon 10']
	],
	2028: [
		['2028-01-03', '2028-01-01', 'New Year Sat 1 Jan → Mon 3'],
		['2028-01-04', '2028-01-02', 'New Year Sun 2 Jan: 3 taken → Tue 4'],
		['2028-05-08', '2028-05-07', "Defender's Day Sun 7 May → Mon 8"],
		['2028-12-18', '2028-12-16', 'Independence Day Sat 16 Dec → Mon 18']
	],
	2029: [['2029-12-17', '2029-12-16', 'Independence Day Sun 16 Dec → Mon 17 (not 18)']],
	2030: [
		['2030-03-25', '2030-03-23', 'Nauryz Sat 23 Mar → Mon 25'],
		['2030-07-08', '2030-07-06', 'Capital Day Sat 6 Jul → Mon 8']
	],
	2031: [
		['2031-03-10', '2031-03-08', "Women's Day Sat 8 Mar → Mon 10"],
		['2031-03-17', '2031-03-15', 'Constitution Day Sat 15 Mar → Mon 17'],
		['2031-03-24', '2031-03-22', 'Nauryz Sat 22 Mar → Mon 24'],
		['2031-03-25', '2031-03-23', 'Nauryz Sun 23 Mar: 24 taken → Tue 25'],
		['2031-07-07', '2031-07-06', 'Capital Day Sun 6 Jul → Mon 7'],
		['2031-10-27', '2031-10-25', 'Republic Day Sat 25 Oct → Mon 27']
	],
	2032: [
		['2032-03-24', '2032-03-21', 'Nauryz Sun 21 Mar: Mon 22 (Nauryz, Kurban Ait), Tue 23 → Wed 24'],
		['2032-05-03', '2032-05-01', 'Unity Day Sat 1 May → Mon 3'],
		['2032-05-10', '2032-05-09', 'Victory Day Sun 9 May → Mon 10']
	]
};

/** The Law's holidays per year (month-day), religious ones marked *; derived from the Law, see above. */
function lawHolidays(year: number): string[] {
	const days = ['01-01', '01-02', '01-07*', '03-08', '03-21', '03-22', '03-23', '05-01', '05-07', '05-09', '07-06'];
	if (year >= 2027) days.push('03-15');
	if (year <= 2025) days.push('08-30');
	if (year >= 2022) days.push('10-25');
	if (year <= 2021) days.push('12-01', '12-17');
	days.push('12-16');
	return days.sort();
}

const KURBAN_AIT: Record<number, string> = {
	2019: '08-11',
	2020: '07-31',
	2021: '07-20',
	2022: '07-09',
	2023: '06-28',
	2024: '06-16',
	2025: '06-06',
	2026: '05-27',
	2027: '05-16',
	2028: '05-05',
	2029: '04-24',
	2030: '04-13',
	2031: '04-02',
	2032: '03-22'
};

const calendar = createCalendar();
const YEARS = Object.keys(CARRIED).map(Number);

describe('holiday dates match the Law "On holidays" (data corrected where it is wrong)', () => {
	it.each(YEARS)('%i: the data gives exactly the Law’s holidays, religious ones marked', (year) => {
		const expected = [...lawHolidays(year), `${KURBAN_AIT[year]}*`].map((md) => `${year}-${md}`).sort();
		const actual = kzHolidayDates(year)
			.map((h) => `${h.date}${h.religious ? '*' : ''}`)
			.sort();
		expect(actual).toEqual(expected);
	});
});

describe('carry-over, Labour Code art. 85 (computed, not borrowed)', () => {
	it.each(YEARS)('%i: every carried day, and nothing else, with the holiday it replaces', (year) => {
		const carried = [...kzPublicHolidays(year)].filter(([, e]) => e.carriedFrom !== undefined);
		expect(carried.map(([date, e]) => [date, e.carriedFrom])).toEqual(CARRIED[year]!.map(([d, from]) => [d, from]));
	});

	it.each(YEARS.flatMap((y) => CARRIED[y]!.map((r) => [y, ...r] as const)))(
		'%i: %s is a day off (%s: %s)',
		(_year, date, from) => {
			const info = calendar.dayInfo(date);
			expect(info).toMatchObject({
				working: false,
				kind: 'holiday',
				carriedFrom: from
			});
			expect(info.name).toContain(`carried over from ${from.slice(8)}.${from.slice(5, 7)}.${from.slice(0, 4)}`);
			expect(info.name).toContain('Labour Code art. 85');
		}
	);

	it('the reported collisions are days off: 24 March 2021, 2027, 2032, 25 March 2020 and 2026', () => {
		for (const d of ['2020-03-25', '2021-03-24', '2026-03-25', '2027-03-24', '2032-03-24']) {
			expect(calendar.isWorkingDay(d)).toBe(false);
		}
		// …and the days the data wrongly carried to stay working days.
		expect(calendar.isWorkingDay('2029-12-18')).toBe(true); // 16 Dec 2029 carries to 17 Dec
		expect(calendar.isWorkingDay('2026-03-16')).toBe(true); // no Constitution Day in 2026
		expect(calendar.isWorkingDay('2022-05-10')).toBe(false); // Defender's Day, not 9 May twice
	});

	it('religious holidays on a weekend are not carried: Orthodox Christmas Sun 7 Jan 2024, Kurban Ait Sun 16 May 2027', () => {
		expect(calendar.dayInfo('2024-01-07')).toMatchObject({
			kind: 'holiday',
			name: 'Orthodox Christmas'
		});
		expect(calendar.isWorkingDay('2024-01-08')).toBe(true);
		expect(calendar.dayInfo('2027-05-16').kind).toBe('holiday');
		expect(calendar.isWorkingDay('2027-05-17')).toBe(true);
	});

	it('names a date that is two holidays by both (Nauryz and Kurban Ait, 22 March 2032)', () => {
		expect(calendar.dayInfo('2032-03-22').name).toBe('Eid al-Adha / Nauryz');
	});

	it('names carried days in Kazakh and Russian with their reason', () => {
		expect(kzPublicHolidays(2026, 'ru').get('2026-03-25')?.name).toBe(
			'Наурыз мейрамы: выходной перенесён с 22.03.2026 (Трудовой кодекс РК, ст. 85)'
		);
		expect(kzPublicHolidays(2026, 'kk').get('2026-03-25')?.name).toBe(
			'Наурыз мейрамы: демалыс 22.03.2026 күнінен ауыстырылды (ҚР Еңбек кодексі, 85-бап)'
		);
	});

	it('carries every year 2000–2100 onto a Monday–Friday that is no other holiday, one day per weekend holiday', () => {
		for (let year = 2000; year <= 2100; year++) {
			const all = kzPublicHolidays(year);
			const dates = kzHolidayDates(year);
			const weekendSecular = dates.filter(
				(h) => !h.religious && [0, 6].includes(new Date(`${h.date}T00:00Z`).getUTCDay())
			);
			const carried = [...all].filter(([, e]) => e.carriedFrom !== undefined);
			expect(carried.length, String(year)).toBe(weekendSecular.length);
			for (const [date] of carried) {
				expect([0, 6], date).not.toContain(new Date(`${date}T00:00Z`).getUTCDay());
				expect(
					dates.some((h) => h.date === date),
					date
				).toBe(false);
			}
		}
	});

	it('carryOver blocks days by the holidays passed in, however ordered', () => {
		const h = (date: string, religious = false) => ({
			date,
			name: date,
			religious
		});
		// Sat 21, Sun 22, Mon 23 March 2026 passed in reverse order: still 24 then 25.
		expect(carryOver([h('2026-03-23'), h('2026-03-22'), h('2026-03-21')])).toEqual([
			{ date: '2026-03-24', from: '2026-03-21', holiday: '2026-03-21' },
			{ date: '2026-03-25', from: '2026-03-22', holiday: '2026-03-22' }
		]);
		// A religious holiday blocks the day it falls on but carries nothing itself.
		expect(carryOver([h('2027-05-16', true), h('2027-05-15'), h('2027-05-17', true)])).toEqual([
			{ date: '2027-05-18', from: '2027-05-15', holiday: '2027-05-15' }
		]);
	});
});
