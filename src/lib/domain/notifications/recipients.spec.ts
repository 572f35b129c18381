import { describe, expect, it } from 'vitest';
import { recipientsOf, type CaseFacts } from './recipients';
import { deliverTo } from './substitutes';

const facts: CaseFacts = {
	assigneeId: 7,
	complaintTarget: { assigneeId: 7, decidedBy: 3 },
	mentionedIds: [7, 8],
	unitHeadIds: [3, 4]
};
const noComplaint = { ...facts, complaintTarget: null };

describe('who a case event notifies', () => {
	it.each([
		['assigned by a head', { type: 'case:assigned', actorId: 3, after: { assigneeId: 7 } }, facts, [[7, 'assigned']]],
		[
			'an officer taking a case is not told',
			{ type: 'case:assigned', actorId: 7, after: { assigneeId: 7 } },
			facts,
			[]
		],
		[
			'amber warning to the assignee',
			{ type: 'clock:warning', actorId: null, after: { band: 'amber' } },
			facts,
			[[7, 'deadline-amber']]
		],
		['red warning', { type: 'clock:warning', actorId: null, after: { band: 'red' } }, facts, [[7, 'deadline-red']]],
		[
			'complaint clock warning',
			{ type: 'complaint:deadline-approaching', actorId: null, after: { band: 'amber' } },
			facts,
			[[7, 'deadline-amber']]
		],
		[
			'a warning on an unassigned case: nobody',
			{ type: 'clock:warning', actorId: null, after: {} },
			{ ...facts, assigneeId: null },
			[]
		],
		['mentions, not the author', { type: 'note:added', actorId: 8, after: {} }, facts, [[7, 'mentioned']]],
		['agency answer', { type: 'consultation:answered', actorId: null, after: {} }, facts, [[7, 'agency-answered']]],
		[
			'deemed approval',
			{ type: 'consultation:deemed-approved', actorId: null, after: {} },
			facts,
			[[7, 'agency-answered']]
		],
		[
			'complaint: assignee and decider of the case',
			{ type: 'case:created', actorId: null, after: {} },
			facts,
			[
				[7, 'complaint-filed'],
				[3, 'complaint-filed']
			]
		],
		['a new application: nobody', { type: 'case:created', actorId: null, after: {} }, noComplaint, []],
		[
			'document to sign: the unit heads',
			{ type: 'document:created', actorId: 7, after: {} },
			facts,
			[
				[3, 'signature-awaited'],
				[4, 'signature-awaited']
			]
		],
		['other events: nobody', { type: 'clock:started', actorId: null, after: {} }, facts, []]
	] as const)('%s', (_name, event, f, expected) => {
		expect(recipientsOf(event, f).map((r) => [r.userId, r.kind])).toEqual(expected);
	});
});

describe('substitution', () => {
	const at = new Date('2026-03-02T06:00:00Z');
	const away = {
		userId: 7,
		substituteId: 9,
		startsAt: new Date('2026-03-01T00:00:00Z'),
		endsAt: new Date('2026-03-05T00:00:00Z'),
		cancelledAt: null
	};
	it.each([
		['away: the substitute, for the absentee', [away], at, { userId: 9, onBehalfOf: 7 }],
		['before the absence', [away], new Date('2026-02-28T00:00:00Z'), { userId: 7, onBehalfOf: null }],
		['at its end (exclusive)', [away], away.endsAt, { userId: 7, onBehalfOf: null }],
		['cancelled', [{ ...away, cancelledAt: at }], at, { userId: 7, onBehalfOf: null }],
		['nobody away', [], at, { userId: 7, onBehalfOf: null }]
	])('%s', (_name, list, when, expected) => {
		expect(deliverTo(7, list, when)).toEqual(expected);
	});
});
