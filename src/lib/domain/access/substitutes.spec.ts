import { describe, expect, it } from 'vitest';
import { deliveryFor, hasCaseInHand, mayOpenCase, mayReadAttachments, maySubstitute, type Actor } from './policy';
import type { Role } from './roles';

// ADR-061: who may stand in for whom, and what the substitute has in hand meanwhile.
const person = (userId: number, roles: Role[], unit: string | null, extra: Partial<Actor> = {}) => ({
	userId,
	roles,
	unit,
	...extra
});
const officerU1 = person(1, ['officer'], 'U1');

describe('maySubstitute', () => {
	it.each([
		['an officer of the same unit', officerU1, person(2, ['officer'], 'U1'), true],
		['a head of the same unit', officerU1, person(3, ['head'], 'U1'), true],
		['an officer of another unit', officerU1, person(4, ['officer'], 'U2'), false],
		['a registrar (does not work cases)', officerU1, person(5, ['registrar'], 'U1'), false],
		['a supervisor (does not work cases)', officerU1, person(6, ['supervisor'], 'U1'), false],
		['oneself', officerU1, officerU1, false],
		['a deactivated colleague', officerU1, { ...person(7, ['officer'], 'U1'), disabled: true }, false],
		['a kiosk session', officerU1, person(8, ['officer'], 'U1', { kiosk: true }), false],
		['anyone, for a user without a unit', person(9, ['officer'], null), person(10, ['officer'], null), false],
		['anyone, for a registrar', person(11, ['registrar'], 'U1'), person(12, ['officer'], 'U1'), false]
	])('%s: %s', (_name, absent, substitute, expected) => {
		expect(maySubstitute(absent, substitute)).toBe(expected);
	});
});

describe('a substitute has the absent colleague’s cases in hand', () => {
	const otherUnitCase = { assigneeId: 1, unit: 'U2' };
	it.each([
		['standing in for the assignee', person(2, ['officer'], 'U3', { standsInFor: [1] }), otherUnitCase, true],
		['standing in for someone else', person(2, ['officer'], 'U3', { standsInFor: [5] }), otherUnitCase, false],
		['not standing in', person(2, ['officer'], 'U3'), otherUnitCase, false],
		[
			'a registrar named as substitute gains nothing',
			person(2, ['registrar'], 'U3', { standsInFor: [1] }),
			otherUnitCase,
			false
		]
	])('%s', (_name, actor, c, expected) => {
		expect(hasCaseInHand(actor as Actor, c)).toBe(expected);
	});
});

describe('a substitute opens the absent colleague’s cases, device cases too (ADR-087; 004 P 14–15)', () => {
	// Officer 1 is away; the cases are in unit U2, the substitutes in U3 unless said otherwise.
	const device = (assigneeId: number | null) => ({ service: 'device-verification', assigneeId, unit: 'U2' });
	const licence = (assigneeId: number | null) => ({ service: 'export-licence', assigneeId, unit: 'U2' });
	const sub = (roles: Role[], standsInFor: number[], extra: Partial<Actor> = {}) =>
		person(2, roles, 'U3', { standsInFor, ...extra }) as Actor;
	it.each([
		['an officer standing in, the absentee’s device case', sub(['officer'], [1]), device(1), true],
		['an officer standing in, another officer’s device case', sub(['officer'], [1]), device(5), false],
		['an officer not standing in, the absentee’s device case', sub(['officer'], []), device(1), false],
		['an officer standing in, the absentee’s licence case', sub(['officer'], [1]), licence(1), true],
		['a head standing in (heads read every device case)', sub(['head'], [1]), device(5), true],
		['a registrar wrongly named gains no device case', sub(['registrar'], [1]), device(1), false],
		['a supervisor wrongly named gains no device case', sub(['supervisor'], [1]), device(1), false],
		['a kiosk session of the substitute', sub(['officer'], [1], { kiosk: true }), device(1), false],
		['any officer, an unassigned device case', sub(['officer'], []), device(null), true]
	])('%s', (_name, actor, c, expected) => {
		expect(mayOpenCase(actor, c)).toBe(expected);
		// The page, its attachments and the live events follow the same answer.
		expect(mayReadAttachments(actor, c)).toBe(expected && !actor.kiosk);
		expect(deliveryFor(actor, { type: 'case:assigned' }, c) !== null).toBe(expected);
	});
});
