import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCalendar } from './calendar';
import { calendarFromSnapshot } from './browser-calendar';

// The browser must count working time exactly as the server: same days, same minutes.
const server = createCalendar({
	fromYear: 2025,
	toYear: 2027,
	overrides: [
		{ date: '2026-04-02', kind: 'day_off', reason: 'Office closure' },
		{ date: '2026-04-11', kind: 'working_day', reason: 'Working Saturday by decree' }
	]
});
const years = [2025, 2026, 2027];
const browser = calendarFromSnapshot({
	fromYear: 2025,
	toYear: 2027,
	nonWorkingDays: years.flatMap((y) => server.nonWorkingDays(y)),
	workingWeekendDays: years.flatMap((y) => server.workingWeekendDays(y))
});

const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 10, 30) }).map((ms) => new Date(ms));

describe('browser calendar from a server snapshot', () => {
	it('agrees with the server on working minutes between any two instants (seeded)', () => {
		fc.assert(
			fc.property(instant, instant, (a, b) => {
				expect(browser.workingMinutesBetween(a, b)).toBe(server.workingMinutesBetween(a, b));
			}),
			{ seed: 7, numRuns: 2000 }
		);
	});

	it('agrees on every day of the range and keeps holiday names and override reasons', () => {
		for (const y of years) expect(browser.nonWorkingDays(y)).toEqual(server.nonWorkingDays(y));
		expect(browser.dayInfo('2026-04-11')).toEqual(server.dayInfo('2026-04-11'));
		expect(browser.workingDaysDue('2026-04-06', 10)).toEqual(server.workingDaysDue('2026-04-06', 10));
	});

	it('gets the carried days (Labour Code art. 85) from the server: 24 March 2027 is a day off with its reason', () => {
		expect(browser.isWorkingDay('2027-03-24')).toBe(false);
		expect(browser.dayInfo('2027-03-24')).toEqual({
			date: '2027-03-24',
			working: false,
			kind: 'holiday',
			name: 'Nauryz: day off carried over from 21.03.2027 (Labour Code art. 85)',
			carriedFrom: '2027-03-21'
		});
		expect(browser.addWorkingDays('2027-03-19', 1)).toBe('2027-03-25');
	});
});
