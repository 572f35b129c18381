import { describe, expect, it } from 'vitest';
import { workloadAsOf, type WorkloadCase, type WorkloadEvent } from './workload-as-of';

/** 10:00 Almaty on an April 2026 day (March for day ≤ 0 is not needed: see W4). */
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 5).padStart(2, '0')}:00:00Z`);
const assigned = (date: string, id: number | null): WorkloadEvent => ({
	type: 'case:assigned',
	at: at(date),
	after: { assigneeId: id }
});
const staged = (type: string, date: string, stage: string): WorkloadEvent => ({ type, at: at(date), after: { stage } });

const cases: WorkloadCase[] = [
	// W1: registered 1 April, Aida (1) on 2 April, review from 3 April, Bek (2) from 10 April, decided 20 April.
	{
		caseId: 'W1',
		unit: 'U1',
		createdAt: at('2026-04-01'),
		decidedAt: at('2026-04-20'),
		assigneeId: 2,
		stage: 'decided',
		events: [
			staged('case:created', '2026-04-01', 'completeness'),
			assigned('2026-04-02', 1),
			staged('completeness:confirmed', '2026-04-03', 'review'),
			assigned('2026-04-10', 2),
			staged('case:decided', '2026-04-20', 'decided')
		]
	},
	// W2: registered 5 April without events (an import): its current officer (3) and stage throughout.
	{
		caseId: 'W2',
		unit: 'U2',
		createdAt: at('2026-04-05'),
		decidedAt: null,
		assigneeId: 3,
		stage: 'review',
		events: []
	},
	// W3: registered 12 April, unassigned, no unit.
	{
		caseId: 'W3',
		unit: null,
		createdAt: at('2026-04-12'),
		decidedAt: null,
		assigneeId: null,
		stage: 'completeness',
		events: [staged('case:created', '2026-04-12', 'completeness')]
	},
	// W4: registered 30 March, Bek (2) on 31 March, decided 7 April; later unassigned by a correction.
	{
		caseId: 'W4',
		unit: 'U1',
		createdAt: at('2026-03-30'),
		decidedAt: at('2026-04-07'),
		assigneeId: null,
		stage: 'decided',
		events: [
			staged('case:created', '2026-03-30', 'completeness'),
			assigned('2026-03-31', 2),
			staged('case:decided', '2026-04-07', 'decided')
		]
	}
];

const counts = (rows: { key: string; open: number }[]) => rows.map((r) => [r.key, r.open]);

describe('workloadAsOf', () => {
	it.each([
		// 08:00 on 2 April: W1 (not yet assigned, completeness) and W4 (Bek).
		[
			at('2026-04-02', 8),
			2,
			[
				['2', 1],
				['', 1]
			],
			[['U1', 2]],
			[['completeness', 2]]
		],
		// 7 April 10:00: W4 decided at that very instant — no longer open; W1 Aida in review, W2 the import.
		[
			at('2026-04-07'),
			2,
			[
				['1', 1],
				['3', 1]
			],
			[
				['U1', 1],
				['U2', 1]
			],
			[['review', 2]]
		],
		// 15 April: W1 now Bek's; W3 registered, unassigned.
		[
			at('2026-04-15'),
			3,
			[
				['2', 1],
				['3', 1],
				['', 1]
			],
			[
				['U1', 1],
				['U2', 1],
				['', 1]
			],
			[
				['completeness', 1],
				['review', 2]
			].sort((a, b) => Number(b[1]) - Number(a[1]))
		],
		// 20 April: W1 decided; W2 and W3 left.
		[
			at('2026-04-20'),
			2,
			[
				['3', 1],
				['', 1]
			],
			[
				['U2', 1],
				['', 1]
			],
			[
				['completeness', 1],
				['review', 1]
			]
		],
		// Before anything was registered.
		[at('2026-03-01'), 0, [], [], []]
	])('as of %s: %s open', (asOf, total, officers, units, stages) => {
		const w = workloadAsOf(cases, asOf);
		expect([w.total, counts(w.officers), counts(w.units), counts(w.stages)]).toEqual([total, officers, units, stages]);
	});
});
