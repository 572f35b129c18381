/** 003 A3 p.7: each of the seven participants is a permission, held by the roles its table names. */
import { describe, expect, it } from 'vitest';
import { can, permissions } from './policy';
import { A3_PARTICIPANT_NAMES, A3_PARTICIPANTS, a3Permission } from '../procedures';

describe('the A3 participants as permissions', () => {
	it.each(A3_PARTICIPANT_NAMES)('a3:%s is held by the roles of the participants table', (p) => {
		expect(permissions[a3Permission(p)]).toEqual(A3_PARTICIPANTS[p].roles);
	});

	it('gives the office steps to the registrar and the legal agreement to officers, not the reverse', () => {
		expect(can(['registrar'], 'a3:office')).toBe(true);
		expect(can(['registrar'], 'a3:legal-expert')).toBe(false);
		expect(can(['officer'], 'a3:legal-expert')).toBe(true);
		expect(can(['officer'], 'a3:provider-head')).toBe(false);
		expect(can(['head'], 'a3:legal-head')).toBe(true);
	});
});
