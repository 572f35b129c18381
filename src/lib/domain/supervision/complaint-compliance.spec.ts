/**
 * Complaint compliance over a hand-counted April 2026 history (no public holidays from 6 to 28
 * April). Start day = day 0 (ADR-003); a 5-WD review registered on Monday 6 is due Monday 13.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import type { ClockEvent, SlaClock } from '../sla/clock-types';
import { complaintFacts, complaintsBy, type DecidedComplaintInput, type ReviewBody } from './complaint-compliance';

const calendar = createCalendar();
const now = new Date('2026-05-04T06:00:00Z');
/** 10:00 Almaty on an April 2026 day. */
const apr = (day: number) => new Date(`2026-04-${String(day).padStart(2, '0')}T05:00:00Z`);

const review = (length: number, ...events: ClockEvent[]): SlaClock => ({
	kind: 'complaint-review',
	unit: 'working_days',
	length,
	citation: '001 p.24',
	events
});
const extension = (day: number, by: number): ClockEvent => ({
	type: 'extended',
	at: apr(day),
	by,
	citation: '001 p.25 para 1'
});

function complaint(
	caseId: string,
	body: ReviewBody | null,
	unit: string | null,
	reviewer: [number, string] | null,
	decidedDay: number,
	clock: SlaClock | null
): DecidedComplaintInput {
	return {
		caseId,
		unit,
		reviewerId: reviewer?.[0] ?? null,
		reviewer: reviewer?.[1] ?? null,
		decidedAt: apr(decidedDay),
		review: clock,
		body
	};
}
const dana: [number, string] = [1, 'Dana'];
const erlan: [number, string] = [2, 'Erlan'];

const history = [
	// P1: Committee, 6 → 10 April: 4 WD of 5, in time.
	complaint('P1', 'provider', 'U1', dana, 10, review(5, { type: 'started', at: apr(6) }, { type: 'met', at: apr(10) })),
	// P2: Committee, due Mon 13, decided Tue 14: late, 6 WD.
	complaint(
		'P2',
		'provider',
		'U1',
		erlan,
		14,
		review(5, { type: 'started', at: apr(6) }, { type: 'met', at: apr(14) })
	),
	// P3: Committee, extended on Thu 9 by 10 WD → due Mon 27; decided Wed 22: in time, 12 WD, term 15.
	complaint(
		'P3',
		'provider',
		'U2',
		dana,
		22,
		review(5, { type: 'started', at: apr(6) }, extension(9, 10), { type: 'met', at: apr(22) })
	),
	// Q1: quality body (subject unknown, told by its 15-WD length), registered Tue 7, due Tue 28,
	// decided Fri 24: in time, 13 WD.
	complaint('Q1', null, 'U2', erlan, 24, review(15, { type: 'started', at: apr(7) }, { type: 'met', at: apr(24) })),
	// X: no review clock: decided, not in the share.
	complaint('X', null, null, null, 24, null)
];
const facts = history.map((c) => complaintFacts(c, calendar, now));

describe('complaintFacts', () => {
	it.each([
		['P1', 'provider', 'met', false, 5, 4],
		['P2', 'provider', 'late', false, 5, 6],
		['P3', 'provider', 'met', true, 15, 12],
		['Q1', 'quality-body', 'met', false, 15, 13],
		['X', null, null, false, null, null]
	] as const)('%s: body %s, %s, extended %s, term %s WD, %s WD used', (id, body, term, extended, termWd, used) => {
		const f = facts.find((x) => x.caseId === id)!;
		expect([f.body, f.term, f.extended, f.termWorkingDays, f.workingDaysUsed]).toEqual([
			body,
			term,
			extended,
			termWd,
			used
		]);
	});

	it('a review clock that was cancelled leaves the complaint out of the share', () => {
		const f = complaintFacts(
			complaint(
				'C',
				'provider',
				null,
				null,
				9,
				review(5, { type: 'started', at: apr(6) }, { type: 'cancelled', at: apr(9), reason: 'withdrawn' })
			),
			calendar,
			now
		);
		expect([f.term, f.workingDaysUsed]).toEqual([null, null]);
	});
});

const pick = (r: ReturnType<typeof complaintsBy>[number]) => [
	r.key,
	r.decided,
	r.withTerm,
	r.inTime,
	r.late,
	r.inTimeShare,
	r.extended,
	r.medianWorkingDays,
	r.p90WorkingDays
];

describe('complaintsBy', () => {
	it.each([
		[
			'body',
			[
				['provider', 3, 3, 2, 1, 2 / 3, 1, 6, 12],
				['quality-body', 1, 1, 1, 0, 1, 0, 13, 13],
				['', 1, 0, 0, 0, null, 0, null, null]
			]
		],
		[
			'unit',
			[
				['U1', 2, 2, 1, 1, 0.5, 0, 5, 6],
				['U2', 2, 2, 2, 0, 1, 1, 12.5, 13],
				['', 1, 0, 0, 0, null, 0, null, null]
			]
		],
		[
			'reviewer',
			[
				['1', 2, 2, 2, 0, 1, 1, 8, 12],
				['2', 2, 2, 1, 1, 0.5, 0, 9.5, 13],
				['', 1, 0, 0, 0, null, 0, null, null]
			]
		]
	] as const)('by %s', (by, rows) => {
		expect(complaintsBy(facts, by).map(pick)).toEqual(rows);
	});

	it('no complaints, no rows', () => {
		expect(complaintsBy([], 'body')).toEqual([]);
	});
});
