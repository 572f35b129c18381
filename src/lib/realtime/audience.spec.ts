import { describe, expect, it } from 'vitest';
import { deliveryFor, shape } from './audience';
import type { CaseEventEnvelope, Viewer } from './contract';

const viewer = (roles: string[], extra: Partial<Viewer> = {}): Viewer => ({
	userId: 1,
	roles,
	unit: 'U1',
	agencyCode: null,
	kiosk: false,
	...extra
});
const mineInU1 = { assigneeId: 1, unit: 'U1', service: 'export-licence' };
const otherInU2 = { assigneeId: 9, unit: 'U2', service: 'export-licence' };
const unassignedU2 = { assigneeId: null, unit: 'U2', service: 'export-licence' };
const event = (type: CaseEventEnvelope['type'], payload: Record<string, unknown> = {}): CaseEventEnvelope => ({
	id: 1,
	type,
	caseId: 'c',
	caseNumber: 'EL-1',
	at: '2026-04-06T05:00:00.000Z',
	actor: 'officer',
	citation: null,
	payload
});

describe('who receives a case event', () => {
	it.each([
		['an officer: own case', viewer(['officer']), event('case:assigned'), mineInU1, 'full'],
		['an officer: another unit', viewer(['officer']), event('case:assigned'), otherInU2, null],
		[
			'an officer: unassigned (the "unassigned" queue)',
			viewer(['officer']),
			event('case:created'),
			unassignedU2,
			'full'
		],
		[
			'a registrar: unit case, without restricted data',
			viewer(['registrar']),
			event('case:created'),
			{ ...otherInU2, unit: 'U1' },
			'stripped'
		],
		['a supervisor: everything', viewer(['supervisor']), event('case:decided'), otherInU2, 'full'],
		[
			'a reviewer: complaints only',
			viewer(['complaint_reviewer']),
			event('complaint:forwarded'),
			{ ...otherInU2, service: 'complaint' },
			'stripped'
		],
		['a reviewer: not licences', viewer(['complaint_reviewer']), event('case:decided'), otherInU2, null],
		[
			'a liaison: own agency consultation',
			viewer(['agency_liaison'], { agencyCode: 'nsc' }),
			event('consultation:requested', { agency: 'nsc' }),
			otherInU2,
			'agency'
		],
		[
			'a liaison: another agency',
			viewer(['agency_liaison'], { agencyCode: 'nsc' }),
			event('consultation:requested', { agency: 'mod' }),
			otherInU2,
			null
		],
		[
			'a liaison: not case decisions',
			viewer(['agency_liaison'], { agencyCode: 'nsc' }),
			event('case:decided', { agency: 'nsc' }),
			otherInU2,
			null
		],
		['the wall board: a summary', viewer(['wallboard'], { kiosk: true }), event('case:decided'), otherInU2, 'summary'],
		['an admin: not case work', viewer(['admin']), event('case:decided'), otherInU2, null]
	] as const)('%s', (_name, v, e, c, expected) => {
		expect(deliveryFor(v, e, c)).toBe(expected);
	});

	it('strips the restricted part (001 p.19 para 5) and the summary drops all data', () => {
		const e = event('refusal:preliminary-issued', { grounds: [9], restricted: { basis: 'classified' } });
		expect(shape(e, 'full').payload).toEqual({ grounds: [9], restricted: { basis: 'classified' } });
		expect(shape(e, 'stripped').payload).toEqual({ grounds: [9] });
		expect(shape(e, 'summary')).not.toHaveProperty('payload');
		expect(shape(e, 'summary').caseNumber).toBe('EL-1');
	});

	it('a liaison gets its consultation’s outcome, not who at the Committee acted; the board no actor', () => {
		const e = event('consultation:requested', { agency: 'nsc', dueAt: 'd', requestedBy: 'officer', unit: 'U1' });
		expect(shape(e, 'agency')).toEqual({
			id: 1,
			type: 'consultation:requested',
			caseId: 'c',
			caseNumber: 'EL-1',
			at: '2026-04-06T05:00:00.000Z',
			citation: null,
			payload: { agency: 'nsc', dueAt: 'd' }
		});
		expect(shape(e, 'summary')).not.toHaveProperty('actor');
	});

	it('an officer who also reviews complaints reads restricted data only on cases in hand (one rule with HTTP)', () => {
		const complaintU2 = { ...otherInU2, service: 'complaint' };
		expect(deliveryFor(viewer(['officer', 'complaint_reviewer']), event('case:decided'), complaintU2)).toBe('stripped');
	});
});
