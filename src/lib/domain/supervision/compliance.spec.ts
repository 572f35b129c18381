/**
 * Compliance and agency tables over a small history in April 2026 (no public holidays between
 * 6 and 21 April), each answer counted by hand in the comments. Start day = day 0 (ADR-003).
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import type { ClockEvent, SlaClock } from '../sla/clock-types';
import { decidedCaseFacts, type DecidedCaseInput } from './case-facts';
import { complianceBy } from './compliance';
import { agencyRows, type ConsultationFacts } from './agency-stats';

const calendar = createCalendar();
const now = new Date('2026-05-04T06:00:00Z');
/** 10:00 Almaty on the given April 2026 day. */
const apr = (day: number) => new Date(`2026-04-${String(day).padStart(2, '0')}T05:00:00Z`);

function clock(kind: SlaClock['kind'], length: number, events: ClockEvent[]): SlaClock {
	return { kind, unit: 'working_days', length, citation: '001 Annex 1', events };
}
const term = (length: number, ...events: ClockEvent[]) =>
	clock('service-term', length, [{ type: 'started', at: apr(6) }, ...events]);

const history: DecidedCaseInput[] = [
	// A: started Mon 6, met Fri 10 → 4 WD used, within 30.
	{
		caseId: 'A',
		service: 'export-licence',
		unit: 'U1',
		officerId: 1,
		officer: 'Aida',
		decidedAt: apr(10),
		clocks: [term(30, { type: 'met', at: apr(10) })]
	},
	// B: 3 WD due Thu 9 18:30, met Mon 13 → late; 5 WD used (7, 8, 9, 10, 13).
	{
		caseId: 'B',
		service: 'export-licence',
		unit: 'U1',
		officerId: 2,
		officer: 'Bek',
		decidedAt: apr(13),
		clocks: [term(3, { type: 'met', at: apr(13) })]
	},
	// C: suspended Tue 7 → Thu 9 (2 WD: 8, 9), met Wed 15: 7 WD span − 2 = 5 WD used, within 30.
	{
		caseId: 'C',
		service: 'export-licence',
		unit: 'U2',
		officerId: 1,
		officer: 'Aida',
		decidedAt: apr(15),
		clocks: [
			term(
				30,
				{ type: 'suspended', at: apr(7), reason: 'MFA check', legalBasis: '001 p.18' },
				{ type: 'resumed', at: apr(9) },
				{ type: 'met', at: apr(15) }
			)
		]
	},
	// D: no clocks at all: counted as decided, not in the share, no working days.
	{
		caseId: 'D',
		service: 'import-licence',
		unit: 'U2',
		officerId: null,
		officer: null,
		decidedAt: apr(16),
		clocks: []
	},
	// E: 10 WD due Mon 20, met Mon 20 → in time, 10 WD; its 2-WD completeness check (due Wed 8) met Thu 9 → breach.
	{
		caseId: 'E',
		service: 'import-licence',
		unit: 'U2',
		officerId: 2,
		officer: 'Bek',
		decidedAt: apr(20),
		clocks: [
			term(10, { type: 'met', at: apr(20) }),
			clock('completeness', 2, [
				{ type: 'started', at: apr(6) },
				{ type: 'met', at: apr(9) }
			])
		]
	}
];
const facts = history.map((c) => decidedCaseFacts(c, calendar, now));

describe('decidedCaseFacts', () => {
	it.each([
		['A', 'met', 4, 0, []],
		['B', 'late', 5, 0, ['service-term']],
		['C', 'met', 5, 2, []],
		['D', null, null, 0, []],
		['E', 'met', 10, 0, ['completeness']]
	] as const)('case %s: term %s, %s WD used, %s WD suspended, breaches %j', (id, t, used, suspended, breached) => {
		const f = facts.find((x) => x.caseId === id)!;
		expect([f.term, f.workingDaysUsed, f.suspendedWorkingDays, f.breachedClocks]).toEqual([
			t,
			used,
			suspended,
			breached
		]);
	});
});

const pick = (r: ReturnType<typeof complianceBy>[number]) => [
	r.key,
	r.decided,
	r.withTerm,
	r.withinTerm,
	r.withinTermShare,
	r.medianWorkingDays,
	r.p90WorkingDays,
	r.suspendedWorkingDays,
	r.breaches,
	r.breachTotal
];

describe('complianceBy', () => {
	it('by service: export 2 of 3 in term, WD [4,5,5]; import 1 of 1, WD [10]', () => {
		expect(complianceBy(facts, 'service').map(pick)).toEqual([
			['export-licence', 3, 3, 2, 2 / 3, 5, 5, 2, { 'service-term': 1 }, 1],
			['import-licence', 2, 1, 1, 1, 10, 10, 0, { completeness: 1 }, 1]
		]);
	});
	it('by unit: U1 WD [4,5]; U2 WD [5,10] (median 7.5, p90 = 2nd of 2 = 10)', () => {
		expect(complianceBy(facts, 'unit').map(pick)).toEqual([
			['U1', 2, 2, 1, 0.5, 4.5, 5, 0, { 'service-term': 1 }, 1],
			['U2', 3, 2, 2, 1, 7.5, 10, 2, { completeness: 1 }, 1]
		]);
	});
	it('by officer: the unassigned case last, with no share', () => {
		expect(complianceBy(facts, 'officer').map(pick)).toEqual([
			['1', 2, 2, 2, 1, 4.5, 5, 2, {}, 0],
			['2', 2, 2, 1, 0.5, 7.5, 10, 0, { 'service-term': 1, completeness: 1 }, 2],
			['', 1, 0, 0, null, null, null, 0, {}, 0]
		]);
	});
	it('no cases, no rows', () => {
		expect(complianceBy([], 'service')).toEqual([]);
	});
});

describe('agencyRows', () => {
	const due = (day: number) => new Date(`2026-04-${day}T13:30:00Z`); // 18:30 Almaty
	const consultations: ConsultationFacts[] = [
		// nsc: approved on day 2 (in time); objected on day 11 (21 April, after the 20 April due); silence.
		{ agency: 'nsc', requestedAt: apr(6), dueAt: due(20), answeredAt: apr(8), decision: 'approve' },
		{
			agency: 'nsc',
			requestedAt: apr(6),
			dueAt: due(20),
			answeredAt: new Date('2026-04-21T05:00:00Z'),
			decision: 'object'
		},
		{ agency: 'nsc', requestedAt: apr(6), dueAt: due(20), answeredAt: null, decision: 'deemed_approved' },
		// kgd: objected on day 3 (in time); one still pending.
		{ agency: 'kgd', requestedAt: apr(7), dueAt: due(21), answeredAt: apr(10), decision: 'object' },
		{ agency: 'kgd', requestedAt: apr(7), dueAt: due(21), answeredAt: null, decision: null }
	];
	it('counts answers by timeliness and kind; median over real answers only', () => {
		expect(agencyRows(consultations, calendar)).toEqual([
			{
				agency: 'kgd',
				requests: 2,
				answeredInTime: 1,
				answeredLate: 0,
				objections: 1,
				deemedApprovals: 0,
				pending: 1,
				medianResponseWorkingDays: 3
			},
			{
				agency: 'nsc',
				requests: 3,
				answeredInTime: 1,
				answeredLate: 1,
				objections: 1,
				deemedApprovals: 1,
				pending: 0,
				medianResponseWorkingDays: 6.5
			}
		]);
	});
});
