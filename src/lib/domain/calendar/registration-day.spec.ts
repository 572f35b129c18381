import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';

/** An Almaty wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+05:00`);

const workingSaturday = {
	date: '2026-01-10',
	kind: 'working_day',
	reason: 'illustrative decree: Saturday worked'
} as const;
const calendar = createCalendar({ overrides: [workingSaturday] });

describe('registrationDay (ADR-002; 001 p.14, Annex 1 row 7(2); 000 p.10, row 7(2))', () => {
	it.each([
		['before 17:00 on a working day → that day', '2026-02-06T16:59:59', '2026-02-06'],
		['Friday 17:30 → Monday (000 A3 example)', '2026-02-06T17:30', '2026-02-09'],
		['exactly 17:00 → next working day (ADR-002 "at or after")', '2026-02-06T17:00', '2026-02-09'],
		['after office hours, 20:00 Wednesday → Thursday', '2026-02-04T20:00', '2026-02-05'],
		['before opening, 07:30 Monday → that Monday', '2026-02-09T07:30', '2026-02-09'],
		['Saturday → Monday', '2026-02-07T11:00', '2026-02-09'],
		['Sunday just before midnight → Monday', '2026-02-08T23:59', '2026-02-09'],
		['20 March 2026 before 17:00 → that day', '2026-03-20T16:00', '2026-03-20'],
		// Nauryz 2026 rests 21–25 March: 23 March plus the days carried from Sat 21 and Sun 22 (art. 85).
		['20 March 2026 after 17:00 → 26 March (Nauryz 21–25 March)', '2026-03-20T17:05', '2026-03-26'],
		['on Nauryz, 23 March 2026 → 26 March', '2026-03-23T10:00', '2026-03-26'],
		['on a carried Nauryz day, 25 March 2026 → 26 March', '2026-03-25T10:00', '2026-03-26'],
		['New Year: 31 Dec 2025 17:30 → 5 Jan 2026 (1–2 Jan holidays, 3–4 Jan weekend)', '2025-12-31T17:30', '2026-01-05'],
		['Orthodox Christmas, 7 Jan 2026 → 8 Jan', '2026-01-07T09:30', '2026-01-08'],
		['decreed working Saturday (override) → that Saturday', '2026-01-10T10:00', '2026-01-10'],
		['Friday 17:30 before a decreed working Saturday → the Saturday', '2026-01-09T17:30', '2026-01-10']
	])('%s', (_case, received, expected) => {
		expect(calendar.registrationDay(at(received))).toBe(expected);
	});

	it('uses the Almaty day, not the UTC day (00:30 local is still 19:30 UTC the day before)', () => {
		const received = new Date('2026-03-19T19:30:00Z'); // 2026-03-20 00:30 in Almaty
		expect(calendar.localDate(received)).toBe('2026-03-20');
		expect(calendar.registrationDay(received)).toBe('2026-03-20');
		// 17:30 local on 19 March is 12:30 UTC: past the cut-off although UTC says early afternoon.
		expect(calendar.registrationDay(new Date('2026-03-19T12:30:00Z'))).toBe('2026-03-20');
	});

	it('rejects invalid instants and instants outside the calendar range', () => {
		expect(() => calendar.registrationDay(new Date('nonsense'))).toThrow(RangeError);
		expect(() => calendar.registrationDay(new Date('1999-06-01T10:00:00Z'))).toThrow(RangeError);
		const narrow = createCalendar({ fromYear: 2025, toYear: 2027 });
		expect(() => narrow.registrationDay(at('2028-01-05T10:00'))).toThrow(/outside the supported range 2025–2027/);
	});
});
