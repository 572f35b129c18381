import { describe, expect, it } from 'vitest';
import { draftAccess, maySignDraft } from './draft-access';

const officer = (userId: number) => ({ userId, roles: ['officer'] });

describe('draftAccess', () => {
	it.each([
		['the assignee edits', officer(7), 7, 'drafting', 'edit'],
		['another officer gets nothing', officer(8), 7, 'drafting', null],
		['a head edits any case', { userId: 2, roles: ['head'] }, 7, 'drafting', 'edit'],
		['a supervisor reads', { userId: 3, roles: ['supervisor'] }, 7, 'drafting', 'read'],
		// The draft may still hold a confidential ground's basis (001 p.19 para 5).
		['a complaint reviewer does not read a draft', { userId: 4, roles: ['complaint_reviewer'] }, 7, 'drafting', null],
		['a complaint reviewer reads the signed letter', { userId: 4, roles: ['complaint_reviewer'] }, 7, 'signed', 'read'],
		['a registrar gets nothing', { userId: 5, roles: ['registrar'] }, 7, 'drafting', null],
		['an agency liaison gets nothing', { userId: 6, roles: ['agency_liaison'] }, 7, 'drafting', null],
		['an unassigned case has no officer editor', officer(7), null, 'drafting', null],
		['a signed draft is read-only even for the assignee', officer(7), 7, 'signed', 'read'],
		['a signed draft is read-only for a head', { userId: 2, roles: ['head'] }, 7, 'signed', 'read']
	] as const)('%s', (_name, viewer, assigneeId, status, expected) => {
		expect(draftAccess(viewer, { assigneeId }, status)).toBe(expected);
	});

	it('gives a kiosk session nothing, whatever the roles', () => {
		expect(draftAccess({ userId: 2, roles: ['head'], kiosk: true }, { assigneeId: 2 }, 'drafting')).toBeNull();
	});

	it('lets only a head sign', () => {
		expect(maySignDraft({ userId: 2, roles: ['head'] })).toBe(true);
		expect(maySignDraft(officer(7))).toBe(false);
		expect(maySignDraft({ userId: 3, roles: ['supervisor'] })).toBe(false);
	});
});
