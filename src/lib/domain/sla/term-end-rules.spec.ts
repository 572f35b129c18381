/**
 * Where a term starts and where it may end, against dates worked out by hand from the acts:
 * - 004 P 10: device verification, 1 WD from the receipt of the request, the receipt day being
 *   day 0, with no 17:00 registration cut-off (that is 001 p.14 / 000 p.10 only);
 * - a calendar-day, month or year term whose last day is not a working day ends on the next
 *   working day (the general civil-law rule): 003's calendar-day steps, the MFA one-year long-stop
 *   (001 Annex 1 row 9 ground 12) and 004 P 11's monthly list "by the 5th".
 * Weekdays and holidays used (2026–2027): 10 Apr 2026 Fri; 5 Apr 2026 Sun; 5 Sep 2026 Sat;
 * Nauryz 2026 rests 21–25 March; 2 Jan 2027 Sat (New Year, carried to Mon 4 Jan); 20 Mar 2027 Sat,
 * Nauryz 2027 rests 21–24 March.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { started } from './clock-events';
import { newClock } from './clock-events';
import { computeClock } from './compute-clock';
import { monthlyListDue, monthlyListDueDay } from './monthly-list';
import type { SlaClock } from './clock-types';

const at = (local: string) => new Date(`${local}+05:00`);
const calendar = createCalendar();
const dueOf = (clock: SlaClock, from: string) => computeClock(clock, calendar, at(from)).due?.toISOString();
const device = (received: string) => newClock('service-term', 'device-verification', [started(at(received))]);

describe('004 P 10: device verification, 1 WD from receipt, receipt day = day 0, no 17:00 cut-off', () => {
	it.each([
		['received Friday 10 April 17:30 → Monday 13 April 18:30 (not Tuesday)', '2026-04-10T17:30', '2026-04-13T18:30'],
		['received Friday 10 April 10:00 → Monday 13 April 18:30', '2026-04-10T10:00', '2026-04-13T18:30'],
		['received Saturday 11 April → Monday 13 April 18:30', '2026-04-11T10:00', '2026-04-13T18:30'],
		['received Friday 20 March 2026 16:00 → Thursday 26 March (Nauryz 21–25)', '2026-03-20T16:00', '2026-03-26T18:30']
	])('%s', (_case, received, due) => {
		expect(dueOf(device(received), received)).toBe(at(due).toISOString());
	});

	it('001 keeps its 17:00 cut-off: licence completeness received Friday 17:30 is registered Monday, due Wednesday', () => {
		const completeness = newClock('completeness', 'licence', [started(at('2026-04-10T17:30'))]);
		expect(dueOf(completeness, '2026-04-10T17:30')).toBe(at('2026-04-15T18:30').toISOString());
	});
});

describe('a calendar-day, month or year term ending on a non-working day ends on the next working day', () => {
	it.each([
		['003 step of 1 calendar day started Friday 10 April → Monday 13 April', '2026-04-10T10:00', '2026-04-13T23:59:59'],
		[
			'003 step of 1 calendar day started Thursday 9 April → Friday 10 April',
			'2026-04-09T10:00',
			'2026-04-10T23:59:59'
		],
		[
			'003 step of 1 calendar day started Friday 20 March 2026 → Thursday 26 March',
			'2026-03-20T10:00',
			'2026-03-26T23:59:59'
		]
	])('%s', (_case, start, due) => {
		const step = newClock('procedure-step', 'calendar-days', [started(at(start))]);
		expect(dueOf(step, start)).toBe(at(due).toISOString());
	});

	it.each([
		[
			'sent 20 March 2026 → Saturday 20 March 2027, Nauryz to 24 March → Thursday 25 March',
			'2026-03-20T11:00',
			'2027-03-25T23:59:59'
		],
		[
			'sent 2 January 2026 → Saturday 2 January 2027 (New Year, carried to 4 January) → Tuesday 5 January',
			'2026-01-02T11:00',
			'2027-01-05T23:59:59'
		],
		['sent 15 April 2026 → Thursday 15 April 2027, a working day', '2026-04-15T11:00', '2027-04-15T23:59:59']
	])('MFA long-stop (001 Annex 1 row 9 ground 12): %s', (_case, sent, due) => {
		const longStop = newClock('mfa-check', 'long-stop', [started(at(sent))]);
		expect(dueOf(longStop, sent)).toBe(at(due).toISOString());
	});

	it('a month term: 31 January 2026 + 1 month → Saturday 28 February → Monday 2 March', () => {
		expect(calendar.termEndDay(calendar.addMonths('2026-01-31', 1))).toBe('2026-03-02');
	});

	it.each([
		['March 2026: Sunday 5 April → Monday 6 April', 2026, 3, '2026-04-06'],
		['April 2026: Tuesday 5 May stays', 2026, 4, '2026-05-05'],
		['August 2026: Saturday 5 September → Monday 7 September', 2026, 8, '2026-09-07'],
		['December 2026: Tuesday 5 January 2027 stays', 2026, 12, '2027-01-05']
	])('004 P 11 monthly list, by the 5th of the next month: %s', (_case, year, month, day) => {
		expect(monthlyListDueDay(calendar, year, month)).toBe(day);
		expect(monthlyListDue(calendar, year, month).toISOString()).toBe(at(`${day}T23:59:59`).toISOString());
	});

	it('rejects a reporting month outside 1–12', () => {
		expect(() => monthlyListDueDay(calendar, 2026, 13)).toThrow(RangeError);
		expect(() => monthlyListDueDay(calendar, 2026, 0)).toThrow(RangeError);
	});
});
