import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import type { ConsultationFacts } from './agency-stats';
import { agencyTrend, monthsOf } from './agency-trend';
import { customPeriod } from './period';

const calendar = createCalendar();
/** 10:00 Almaty. */
const on = (date: string) => new Date(`${date}T05:00:00Z`);
const due = (date: string) => new Date(`${date}T13:30:00Z`);

describe('monthsOf', () => {
	it.each([
		['2026-04-01', '2026-04-30', ['2026-04']],
		['2026-04-15', '2026-04-16', ['2026-04']],
		['2026-11-15', '2027-02-01', ['2026-11', '2026-12', '2027-01', '2027-02']],
		['2026-01-01', '2026-12-31', Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]
	])('%s … %s → %j', (from, to, months) => {
		expect(monthsOf(customPeriod(from, to))).toEqual(months);
	});
});

describe('agencyTrend', () => {
	const facts: ConsultationFacts[] = [
		// April: approved on day 2 (in time), objected on day 11 (late), silence, objected on day 3, pending.
		{
			agency: 'nsc',
			requestedAt: on('2026-04-06'),
			dueAt: due('2026-04-20'),
			answeredAt: on('2026-04-08'),
			decision: 'approve'
		},
		{
			agency: 'nsc',
			requestedAt: on('2026-04-06'),
			dueAt: due('2026-04-20'),
			answeredAt: on('2026-04-21'),
			decision: 'object'
		},
		{
			agency: 'nsc',
			requestedAt: on('2026-04-06'),
			dueAt: due('2026-04-20'),
			answeredAt: null,
			decision: 'deemed_approved'
		},
		{
			agency: 'kgd',
			requestedAt: on('2026-04-07'),
			dueAt: due('2026-04-21'),
			answeredAt: on('2026-04-10'),
			decision: 'object'
		},
		{ agency: 'kgd', requestedAt: on('2026-04-07'), dueAt: due('2026-04-21'), answeredAt: null, decision: null },
		// May: Mon 4 → Wed 6, 2 WD, in time.
		{
			agency: 'nsc',
			requestedAt: on('2026-05-04'),
			dueAt: due('2026-05-19'),
			answeredAt: on('2026-05-06'),
			decision: 'approve'
		},
		// 23:30 Almaty on 31 May is still May; June is outside the period.
		{
			agency: 'nsc',
			requestedAt: new Date('2026-05-31T18:30:00Z'),
			dueAt: due('2026-06-12'),
			answeredAt: null,
			decision: null
		},
		{
			agency: 'nsc',
			requestedAt: new Date('2026-05-31T19:30:00Z'),
			dueAt: due('2026-06-12'),
			answeredAt: null,
			decision: null
		}
	];

	it('one row per month of the period, empty months included, counted by hand', () => {
		const rows = agencyTrend(facts, customPeriod('2026-03-15', '2026-05-31'), calendar);
		expect(
			rows.map((r) => [
				r.month,
				r.requests,
				r.answeredInTime,
				r.answeredLate,
				r.objections,
				r.deemedApprovals,
				r.pending,
				r.medianResponseWorkingDays
			])
		).toEqual([
			['2026-03', 0, 0, 0, 0, 0, 0, null],
			// Answers took 2, 11 and 3 WD: median 3.
			['2026-04', 5, 2, 1, 2, 1, 1, 3],
			['2026-05', 2, 1, 0, 0, 0, 1, 2]
		]);
	});
});
