import { describe, expect, it } from 'vitest';
import { createPresenceOwners, MAX_CLIENTS_PER_SOCKET } from './presence-owners';

const olga = { socketId: 's-olga', userId: 1 };
const olgaAgain = { socketId: 's-olga-2', userId: 1 };
const sue = { socketId: 's-sue', userId: 2 };

describe('presence owners', () => {
	it('gives a client id to the socket that announced it, and refuses it to another user', () => {
		const owners = createPresenceOwners();
		expect(owners.claim('d', 7, olga, undefined)).toEqual({ ok: true, takenFrom: null });
		expect(owners.claim('d', 7, sue, { user: { userId: 1 } })).toEqual({ ok: false });
		expect(owners.claim('d', 7, olga, { user: { userId: 1 } })).toEqual({ ok: true, takenFrom: null });
		// In another draft the id is nobody's yet.
		expect(owners.claim('e', 7, sue, undefined)).toEqual({ ok: true, takenFrom: null });
	});

	it('lets the same user carry a client to a new socket; the old socket releases nothing of it', () => {
		const owners = createPresenceOwners();
		owners.claim('d', 7, olga, undefined);
		expect(owners.claim('d', 7, olgaAgain, { user: { userId: 1 } })).toEqual({ ok: true, takenFrom: 's-olga' });
		expect(owners.release('d', 's-olga')).toEqual([]);
		expect(owners.release('d', 's-olga-2')).toEqual([7]);
	});

	it('refuses a client another process announced for another user, and accepts one of the same user', () => {
		const owners = createPresenceOwners();
		expect(owners.claim('d', 9, sue, { user: { userId: 1 }, cursor: null })).toEqual({ ok: false });
		expect(owners.claim('d', 9, olga, { user: { userId: 1 } })).toEqual({ ok: true, takenFrom: null });
		// A removed state (null) is nobody's.
		expect(owners.claim('d', 10, sue, null)).toEqual({ ok: true, takenFrom: null });
	});

	it(`caps a socket at ${MAX_CLIENTS_PER_SOCKET} clients per draft`, () => {
		const owners = createPresenceOwners();
		for (let id = 0; id < MAX_CLIENTS_PER_SOCKET; id++) expect(owners.claim('d', id, sue, undefined).ok).toBe(true);
		expect(owners.claim('d', 99, sue, undefined)).toEqual({ ok: false });
		owners.release('d', 's-sue');
		expect(owners.claim('d', 99, sue, undefined).ok).toBe(true);
	});
});
