import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';

const calendar = createCalendar();
const iso = (d: Date) => d.toISOString();

describe('addWorkingDays: start day is day 0, result is the N-th working day after it (ADR-003)', () => {
	it.each([
		['Monday + 1 → Tuesday', '2026-02-09', 1, '2026-02-10'],
		['Friday + 1 → Monday', '2026-02-06', 1, '2026-02-09'],
		['Saturday + 1 → Monday (a weekend start counts from the next working day)', '2026-02-07', 1, '2026-02-09'],
		['Friday 20 Mar 2026 + 1 → Thursday 26 Mar (Nauryz 21–25)', '2026-03-20', 1, '2026-03-26'],
		// 26, 27, 30, 31 Mar, 1–3 Apr (7), four weeks to 30 Apr (26), 4–6 May (29), 7 May holiday, 8 May (30).
		['20 Mar 2026 + 30 (export licence term, 001 Annex 1 row 3) → 8 May', '2026-03-20', 30, '2026-05-08'],
		['registered Mon 9 Feb + 3 (certificate completeness, 000 p.11) → Thu 12 Feb', '2026-02-09', 3, '2026-02-12'],
		['registered Mon 9 Feb + 7 (certificate term, 000 row 3) → Wed 18 Feb', '2026-02-09', 7, '2026-02-18'],
		['30 Dec 2025 + 2 → 5 Jan 2026 (New Year holidays and weekend skipped)', '2025-12-30', 2, '2026-01-05'],
		['across many years: 2 Jan 2020 + 2500 (checked with a naive day loop)', '2020-01-02', 2500, '2030-02-22']
	])('%s', (_case, start, n, expected) => {
		expect(calendar.addWorkingDays(start, n)).toBe(expected);
	});

	it('counts backwards for negative n: the notice deadline 3 WD before a 6 May 2026 term end (001 p.19)', () => {
		expect(calendar.addWorkingDays('2026-05-06', -3)).toBe('2026-04-30'); // 5, 4 May; 1 May is a holiday
		expect(calendar.addWorkingDays('2026-03-25', -1)).toBe('2026-03-20');
		expect(calendar.addWorkingDays('2026-03-22', -1)).toBe('2026-03-20'); // from a holiday: the last WD before it
		expect(calendar.addWorkingDays('2026-01-05', -2)).toBe('2025-12-30');
	});

	it('n = 0 means "the day itself": a working day stays, a non-working day rolls forward', () => {
		expect(calendar.addWorkingDays('2026-02-09', 0)).toBe('2026-02-09');
		expect(calendar.addWorkingDays('2026-02-07', 0)).toBe('2026-02-09');
		expect(calendar.addWorkingDays('2026-03-21', 0)).toBe('2026-03-26');
	});

	it('rejects fractional counts and results beyond 2100', () => {
		expect(() => calendar.addWorkingDays('2026-02-09', 1.5)).toThrow(RangeError);
		expect(() => calendar.addWorkingDays('2100-12-20', 30)).toThrow(/year 2101 is outside/);
		expect(() => calendar.addWorkingDays('2000-01-10', -30)).toThrow(/year 1999 is outside/);
	});

	it('respects a narrowed range', () => {
		const narrow = createCalendar({ fromYear: 2026, toYear: 2026 });
		expect(narrow.addWorkingDays('2026-03-20', 30)).toBe('2026-05-08');
		expect(() => narrow.addWorkingDays('2026-12-20', 30)).toThrow(/year 2027 is outside the supported range 2026–2026/);
		expect(() => createCalendar({ fromYear: 1990 })).toThrow(RangeError);
		expect(() => createCalendar({ fromYear: 2030, toYear: 2020 })).toThrow(/before fromYear/);
	});
});

describe('workingDaysBetween: working days after `from` up to and including `to`', () => {
	it.each([
		['same day', '2026-02-09', '2026-02-09', 0],
		['Friday → Monday', '2026-02-06', '2026-02-09', 1],
		['Friday → Sunday', '2026-02-06', '2026-02-08', 0],
		['20 Mar → 8 May 2026', '2026-03-20', '2026-05-08', 30],
		['across the New Year', '2025-12-30', '2026-01-05', 2],
		['backwards is negative', '2026-05-08', '2026-03-20', -30],
		['over a decade (checked with a naive day loop)', '2020-01-02', '2030-02-22', 2500]
	])('%s', (_case, from, to, expected) => {
		expect(calendar.workingDaysBetween(from, to)).toBe(expected);
	});
});

describe('ends of terms as instants (ADR-003)', () => {
	it('a working-day term ends 18:30 Almaty (13:30 UTC) on its last day', () => {
		expect(iso(calendar.endOfWorkingDay('2026-05-06'))).toBe('2026-05-06T13:30:00.000Z');
		expect(iso(calendar.workingDaysDue('2026-03-20', 30))).toBe('2026-05-08T13:30:00.000Z');
	});

	it('a calendar-day term ends 23:59:59 of the N-th calendar day, or of the next working day if that is not one', () => {
		expect(calendar.addCalendarDays('2026-01-30', 30)).toBe('2026-03-01');
		expect(calendar.addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(iso(calendar.endOfCalendarDay('2026-03-21'))).toBe('2026-03-21T18:59:59.000Z');
		// 21 March 2026 is Nauryz (21–25 March off): the term ends on Thursday 26 March.
		expect(iso(calendar.calendarDaysDue('2026-03-20', 1))).toBe('2026-03-26T18:59:59.000Z');
		expect(iso(calendar.calendarDaysDue('2026-03-20', 13))).toBe('2026-04-02T18:59:59.000Z'); // a Thursday
		expect(calendar.termEndDay('2026-04-11')).toBe('2026-04-13'); // Saturday → Monday
		expect(calendar.termEndDay('2026-04-10')).toBe('2026-04-10');
	});

	it('months and years land on the same date, or the last day of a shorter month', () => {
		expect(calendar.addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(calendar.addMonths('2026-05-31', 3)).toBe('2026-08-31');
		// MFA long-stop, 1 calendar year from sending (001 row 9 ground 12).
		expect(calendar.addYears('2026-03-20', 1)).toBe('2027-03-20');
		expect(calendar.addYears('2024-02-29', 1)).toBe('2025-02-28');
		// Look-back of ground 16 (T20): one year before filing.
		expect(calendar.addYears('2026-03-20', -1)).toBe('2025-03-20');
		expect(() => calendar.addYears('2100-06-01', 1)).toThrow(RangeError);
	});
});

describe('dayInfo and explain', () => {
	it('describes working days, weekends and holidays by name', () => {
		expect(calendar.dayInfo('2026-03-20')).toEqual({ date: '2026-03-20', working: true, kind: 'working' });
		expect(calendar.dayInfo('2026-03-28')).toEqual({ date: '2026-03-28', working: false, kind: 'weekend' });
		expect(calendar.dayInfo('2026-03-22')).toEqual({
			date: '2026-03-22',
			working: false,
			kind: 'holiday',
			name: 'Nauryz'
		});
		expect(calendar.isWorkingDay('2026-05-07')).toBe(false); // Defender of the Fatherland Day
		expect(() => calendar.dayInfo('2026-02-30')).toThrow(RangeError);
	});

	it('explains the days skipped between registration and the due date', () => {
		const e = calendar.explain('2026-03-20', '2026-03-30');
		expect(e.workingDays).toBe(3); // 26, 27, 30 March
		expect(e.skipped.map((d) => `${d.date} ${d.kind} ${d.reason}`)).toEqual([
			'2026-03-21 holiday Nauryz',
			'2026-03-22 holiday Nauryz',
			'2026-03-23 holiday Nauryz',
			'2026-03-24 holiday Nauryz: day off carried over from 21.03.2026 (Labour Code art. 85)',
			'2026-03-25 holiday Nauryz: day off carried over from 22.03.2026 (Labour Code art. 85)',
			'2026-03-28 weekend Saturday',
			'2026-03-29 weekend Sunday'
		]);
		expect(e.countedByOverride).toEqual([]);
	});

	it('lists a year’s non-working days for the public API', () => {
		const days = calendar.nonWorkingDays(2026);
		// 1, 2, 7 Jan; 8, 9, 21–25 Mar; 1, 7, 9, 11, 27 May; 6 Jul; 25, 26 Oct; 16 Dec (by hand).
		expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(19);
		expect(days.find((d) => d.date === '2026-12-16')).toEqual({
			date: '2026-12-16',
			kind: 'holiday',
			name: 'Independence Day'
		});
		expect(days.find((d) => d.date === '2026-02-07')).toEqual({
			date: '2026-02-07',
			kind: 'weekend',
			name: 'Saturday'
		});
		// 365 days − 247 working days (2026, no overrides) = 118 non-working days.
		expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(247);
		expect(days).toHaveLength(365 - calendar.workingDaysBetween('2025-12-31', '2026-12-31'));
		expect(calendar.workingWeekendDays(2026)).toEqual([]);
		expect(() => calendar.nonWorkingDays(2101)).toThrow(RangeError);
	});
});
