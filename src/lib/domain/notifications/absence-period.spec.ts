import { describe, expect, it } from 'vitest';
import { absencePeriod } from './absence-period';

// ADR-087: whole Almaty days, both ends inclusive; today from the caller.
const today = '2026-03-02';

describe('absencePeriod', () => {
	it.each([
		['one day, today', '2026-03-02', '2026-03-02', '2026-03-01T19:00:00.000Z', '2026-03-02T19:00:00.000Z'],
		['a fortnight', '2026-03-10', '2026-03-23', '2026-03-09T19:00:00.000Z', '2026-03-23T19:00:00.000Z'],
		['a leap day inside', '2028-02-28', '2028-03-01', '2028-02-27T19:00:00.000Z', '2028-03-01T19:00:00.000Z']
	])('%s', (_name, from, to, startsAt, endsAt) => {
		const p = absencePeriod(from, to, today);
		expect(p).toEqual({ ok: true, startsAt: new Date(startsAt), endsAt: new Date(endsAt) });
	});

	it.each([
		['a first day that is no date', '2026-02-30', '2026-03-05', 'from', 'from-invalid'],
		['a first day in another format', '02.03.2026', '2026-03-05', 'from', 'from-invalid'],
		['an empty last day', '2026-03-05', '', 'to', 'to-invalid'],
		['a first day in the past', '2026-03-01', '2026-03-05', 'from', 'from-past'],
		['a last day before the first', '2026-03-05', '2026-03-04', 'to', 'to-before-from'],
		['longer than a year', '2026-03-02', '2027-03-03', 'to', 'too-long']
	])('refuses %s', (_name, from, to, field, error) => {
		expect(absencePeriod(from, to, today)).toEqual({ ok: false, field, error });
	});
});
