import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';
import { kzPublicHolidays } from './kz-public-holidays';
import type { CalendarOverride } from './overrides';

const overrides: CalendarOverride[] = [
	{ date: '2026-03-25', kind: 'day_off', reason: 'Nauryz carried over' },
	{ date: '2026-04-04', kind: 'working_day', reason: 'illustrative working Saturday' },
	{ date: '2028-12-30', kind: 'working_day', reason: 'illustrative working Saturday' },
	{ date: '2029-05-08', kind: 'day_off', reason: 'illustrative bridge day' }
];
const calendar = createCalendar({ overrides });
const RUNS = { seed: 42, numRuns: 1000 };

const DAY = 86_400_000;
const FIRST = Date.UTC(2020, 0, 1);
const LAST = Date.UTC(2030, 11, 31);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dateArb = fc.integer({ min: 0, max: (LAST - FIRST) / DAY }).map((i) => isoDay(FIRST + i * DAY));
const instantArb = fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms));

/** An independent reference: a day-by-day loop over Date objects and plain sets. */
function naiveIsWorking(date: string): boolean {
	const o = overrides.find((x) => x.date === date);
	if (o) return o.kind === 'working_day';
	if (kzPublicHolidays(Number(date.slice(0, 4))).has(date)) return false;
	const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
	return wd !== 0 && wd !== 6;
}
function naiveAdd(start: string, n: number): string {
	let ms = Date.parse(`${start}T00:00:00Z`);
	let left = Math.abs(n);
	while (left > 0) {
		ms += Math.sign(n) * DAY;
		if (naiveIsWorking(isoDay(ms))) left--;
	}
	return isoDay(ms);
}
/** Office-hours clock reading in Almaty: "HH:MM". */
const localTime = (d: Date) => new Date(d.getTime() + 5 * 3_600_000).toISOString().slice(11, 16);

describe('calendar properties (fast-check, seed 42)', () => {
	it('addWorkingDays agrees with a naive day loop, forwards and backwards', () => {
		fc.assert(
			fc.property(
				dateArb,
				fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
				(start, n) => {
					expect(calendar.addWorkingDays(start, n)).toBe(naiveAdd(start, n));
				}
			),
			{ ...RUNS, numRuns: 400 }
		);
	});

	it('a due date is always a working day at 18:30 local', () => {
		fc.assert(
			fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (start, n) => {
				const due = calendar.workingDaysDue(start, n);
				expect(calendar.isWorkingDay(calendar.localDate(due))).toBe(true);
				expect(localTime(due)).toBe('18:30');
			}),
			RUNS
		);
	});

	it('addWorkingDays then workingDaysBetween round-trips (any start forwards; a working start backwards)', () => {
		fc.assert(
			fc.property(dateArb, fc.integer({ min: 1, max: 600 }), (start, n) => {
				expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
				const workingStart = calendar.addWorkingDays(start, 0);
				expect(calendar.workingDaysBetween(workingStart, calendar.addWorkingDays(workingStart, -n))).toBe(-n);
			}),
			RUNS
		);
	});

	it('more working days never gives an earlier date', () => {
		fc.assert(
			fc.property(dateArb, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300 }), (start, n, more) => {
				expect(calendar.addWorkingDays(start, n + more) > calendar.addWorkingDays(start, n)).toBe(true);
			}),
			RUNS
		);
	});

	it('no-op overrides (a day off on a weekend day) yield the same due dates', () => {
		const weekendArb = dateArb.filter(
			(d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && !overrides.some((o) => o.date === d)
		);
		fc.assert(
			fc.property(
				fc.uniqueArray(weekendArb, { minLength: 1, maxLength: 8 }),
				dateArb,
				fc.integer({ min: -60, max: 60 }),
				(days, start, n) => {
					const noOps = days.map((date): CalendarOverride => ({
						date,
						kind: 'day_off',
						reason: 'closure on a weekend'
					}));
					const other = calendar.withOverrides([...overrides, ...noOps]);
					expect(other.addWorkingDays(start, n)).toBe(calendar.addWorkingDays(start, n));
					expect(other.workingDaysDue(start, Math.abs(n)).getTime()).toBe(
						calendar.workingDaysDue(start, Math.abs(n)).getTime()
					);
				}
			),
			{ ...RUNS, numRuns: 200 }
		);
	});

	it('addWorkingMinutes then workingMinutesBetween round-trips to the minute', () => {
		fc.assert(
			fc.property(instantArb, fc.integer({ min: -20_000, max: 20_000 }), (a, minutes) => {
				const b = calendar.addWorkingMinutes(a, minutes);
				expect(calendar.workingMinutesBetween(a, b)).toBe(minutes);
				expect(Math.sign(b.getTime() - a.getTime())).toBe(minutes === 0 ? 0 : Math.sign(minutes));
			}),
			RUNS
		);
	});

	it('the registration day is the local day or the next working day, and always a working day', () => {
		fc.assert(
			fc.property(instantArb, (received) => {
				const reg = calendar.registrationDay(received);
				const local = calendar.localDate(received);
				expect(calendar.isWorkingDay(reg)).toBe(true);
				expect([local, calendar.addWorkingDays(local, 1)]).toContain(reg);
				const beforeCutoff = localTime(received) < '17:00';
				expect(reg === local).toBe(calendar.isWorkingDay(local) && beforeCutoff);
			}),
			RUNS
		);
	});
});
