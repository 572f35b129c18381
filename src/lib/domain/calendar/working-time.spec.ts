import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';

const at = (local: string) => new Date(`${local}+05:00`);
const calendar = createCalendar();

describe('workingMinutesBetween: office time only, lunch 13:00–14:30 excluded (ADR-001; 001 row 7)', () => {
	it.each([
		['inside the morning', '2026-02-09T09:30', '2026-02-09T11:00', 90],
		['across lunch', '2026-02-09T12:00', '2026-02-09T15:00', 90],
		['during lunch counts nothing', '2026-02-09T13:10', '2026-02-09T14:20', 0],
		['a whole working day', '2026-02-09T00:00', '2026-02-09T23:59', 480],
		['overnight', '2026-02-09T17:00', '2026-02-10T10:00', 150],
		['over a weekend', '2026-02-06T18:00', '2026-02-09T09:30', 60],
		['from a Saturday', '2026-02-07T12:00', '2026-02-09T10:00', 60],
		['over Nauryz 2026 (21–25 March)', '2026-03-20T17:00', '2026-03-26T11:00', 210],
		['negative when b < a', '2026-02-10T10:00', '2026-02-09T17:00', -150]
	])('%s', (_case, a, b, minutes) => {
		expect(calendar.workingMinutesBetween(at(a), at(b))).toBe(minutes);
	});
});

describe('addWorkingMinutes: hour-based 003 limits (ADR-003) and countdowns', () => {
	it.each([
		['003 T-REG, 4 h from Monday 16:00 → Tuesday 10:30', '2026-02-09T16:00', 240, '2026-02-10T10:30'],
		['4 h from Friday 17:00 before Nauryz → Thursday 26 March 11:30', '2026-03-20T17:00', 240, '2026-03-26T11:30'],
		['003 T-REG-DECL, 2 h from 12:00 → 15:30 (lunch skipped)', '2026-02-09T12:00', 120, '2026-02-09T15:30'],
		['ending exactly at lunch → 13:00, not 14:30', '2026-02-09T09:00', 240, '2026-02-09T13:00'],
		['ending exactly at closing → 18:30, not next morning', '2026-02-09T09:00', 480, '2026-02-09T18:30'],
		['from a Saturday → counts from Monday 09:00', '2026-02-07T15:00', 60, '2026-02-09T10:00'],
		['from during lunch → counts from 14:30', '2026-02-09T13:30', 30, '2026-02-09T15:00'],
		['zero minutes → the instant itself, even outside hours', '2026-02-07T15:00', 0, '2026-02-07T15:00'],
		['backwards 1 h from 10:00 → 09:00 the same day', '2026-02-10T10:00', -60, '2026-02-10T09:00'],
		['backwards 30 min from 15:00 → 14:30', '2026-02-10T15:00', -30, '2026-02-10T14:30'],
		['backwards over a weekend → Friday', '2026-02-09T09:30', -60, '2026-02-06T18:00'],
		[
			'backwards across a night onto lunch → 14:30 (the latest such instant)',
			'2026-02-10T10:00',
			-300,
			'2026-02-09T14:30'
		],
		['backwards a whole day from 09:00 → 09:00 the working day before', '2026-02-09T09:00', -480, '2026-02-06T09:00']
	])('%s', (_case, from, minutes, expected) => {
		expect(calendar.addWorkingMinutes(at(from), minutes).getTime()).toBe(at(expected).getTime());
	});

	it('keeps fractional minutes to the millisecond', () => {
		const a = at('2026-02-09T10:00');
		const b = calendar.addWorkingMinutes(a, 12.5);
		expect(b.getTime()).toBe(at('2026-02-09T10:12').getTime() + 30_000);
		expect(calendar.workingMinutesBetween(a, b)).toBe(12.5);
	});

	it('rejects non-finite minutes', () => {
		expect(() => calendar.addWorkingMinutes(at('2026-02-09T10:00'), Number.NaN)).toThrow(RangeError);
	});
});
