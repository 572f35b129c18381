import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';
import type { CalendarOverride } from './overrides';

const plain = createCalendar();
// Thursday 26 March 2026, the first working day after Nauryz (21–25 March), closed by the office.
const closure26: CalendarOverride = {
	date: '2026-03-26',
	kind: 'day_off',
	reason: 'Office closure (illustrative)'
};
const workingSaturday: CalendarOverride = {
	date: '2026-04-04',
	kind: 'working_day',
	reason: 'illustrative decree: Saturday 4 April worked'
};

describe('overrides (ADR-004): decreed transfers, closures and working Saturdays', () => {
	it('a day_off override inside a running term pushes its end by one working day', () => {
		const fixed = createCalendar({ overrides: [closure26] });
		// By hand: 26 March is WD 1 after 20 March and 8 May WD 30 (see working-days.spec.ts).
		expect(plain.addWorkingDays('2026-03-20', 30)).toBe('2026-05-08');
		// 26 March no longer counts; 9–10 May is a weekend and 11 May the carried Victory Day → 12 May.
		expect(fixed.addWorkingDays('2026-03-20', 30)).toBe('2026-05-12');
		expect(fixed.registrationDay(new Date('2026-03-20T17:30:00+05:00'))).toBe('2026-03-27');
		expect(fixed.dayInfo('2026-03-26')).toEqual({
			date: '2026-03-26',
			working: false,
			kind: 'override',
			name: closure26.reason
		});
		expect(fixed.explain('2026-03-20', '2026-03-27').skipped.at(-1)).toEqual({
			date: '2026-03-26',
			kind: 'override',
			reason: closure26.reason
		});
	});

	it('a decreed working Saturday counts as a working day', () => {
		const cal = createCalendar({ overrides: [workingSaturday] });
		expect(cal.dayInfo('2026-04-04')).toEqual({
			date: '2026-04-04',
			working: true,
			kind: 'working_override',
			name: workingSaturday.reason
		});
		expect(cal.addWorkingDays('2026-04-03', 1)).toBe('2026-04-04');
		expect(plain.addWorkingDays('2026-04-03', 1)).toBe('2026-04-06');
		expect(cal.addWorkingDays('2026-03-20', 30)).toBe('2026-05-06'); // one WD earlier than 8 May (7 May is a holiday)
		expect(cal.workingWeekendDays(2026)).toEqual([{ date: '2026-04-04', reason: workingSaturday.reason }]);
		expect(cal.nonWorkingDays(2026).some((d) => d.date === '2026-04-04')).toBe(false);
		expect(cal.explain('2026-04-01', '2026-04-07').countedByOverride).toEqual([
			{ date: '2026-04-04', kind: 'working_override', reason: workingSaturday.reason }
		]);
	});

	it('a no-op override (a day off on a Sunday) changes no due date', () => {
		const cal = createCalendar({ overrides: [{ date: '2026-03-29', kind: 'day_off', reason: 'closure on a Sunday' }] });
		for (const n of [1, 5, 10, 30, 60])
			expect(cal.addWorkingDays('2026-03-20', n)).toBe(plain.addWorkingDays('2026-03-20', n));
		expect(cal.nonWorkingDays(2026).find((d) => d.date === '2026-03-29')).toEqual({
			date: '2026-03-29',
			kind: 'override',
			name: 'closure on a Sunday'
		});
	});

	it('withOverrides builds a new calendar and leaves the old one untouched', () => {
		const before = createCalendar({ fromYear: 2020, toYear: 2030 });
		const after = before.withOverrides([closure26]);
		expect(after.fromYear).toBe(2020);
		expect(after.toYear).toBe(2030);
		expect(after.isWorkingDay('2026-03-26')).toBe(false);
		expect(before.isWorkingDay('2026-03-26')).toBe(true);
		expect(after.overrides).toEqual([closure26]);
	});

	it.each([
		['a malformed date', { date: '2026-3-25', kind: 'day_off', reason: 'x' }, /malformed local date/],
		['a year outside 2000–2100', { date: '2101-01-01', kind: 'day_off', reason: 'x' }, /outside the supported range/],
		['an unknown kind', { date: '2026-03-25', kind: 'holiday', reason: 'x' }, /kind must be/],
		['an empty reason', { date: '2026-03-25', kind: 'day_off', reason: '  ' }, /a reason is required/]
	])('rejects %s', (_case, override, message) => {
		expect(() => createCalendar({ overrides: [override as CalendarOverride] })).toThrow(message);
	});

	it('rejects two overrides for one date', () => {
		expect(() => createCalendar({ overrides: [closure26, { ...closure26, kind: 'working_day' }] })).toThrow(
			/overridden twice/
		);
	});
});
