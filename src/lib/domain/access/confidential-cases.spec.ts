/**
 * 004 P 14–16 (ADR-022): who reads a device-verification case, and when its device data go.
 * Dates by hand: decided Friday 30 January 2026 → one month later is 28
 * February (no 30 February), a Saturday → Monday 2 March 2026, 23:59:59 Almaty.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { deviceDataDestroyedAfter, mayReadCase } from './confidential-cases';
import type { Role } from './roles';

const device = (assigneeId: number | null) => ({ service: 'device-verification', assigneeId });
const reader = (userId: number, ...roles: Role[]) => ({ userId, roles });

describe('who reads a device-verification case (004 P 14–15)', () => {
	it.each([
		['the assigned officer', reader(1, 'officer'), device(1), true],
		['any officer while nobody has taken it', reader(2, 'officer'), device(null), true],
		['another officer once it is taken', reader(2, 'officer'), device(1), false],
		['a head', reader(3, 'head'), device(1), true],
		['a supervisor', reader(4, 'supervisor'), device(1), false],
		['a complaint reviewer', reader(5, 'complaint_reviewer'), device(null), false],
		['a registrar', reader(6, 'registrar'), device(null), false],
		['an admin', reader(7, 'admin'), device(null), false],
		['an agency liaison', reader(8, 'agency_liaison'), device(null), false],
		['a head on the wall-board kiosk', { ...reader(3, 'head'), kiosk: true }, device(1), false]
	])('%s: %s', (_who, viewer, c, expected) => {
		expect(mayReadCase(viewer, c)).toBe(expected);
	});

	it('leaves the other services to the need-to-know rules', () => {
		expect(mayReadCase(reader(4, 'supervisor'), { service: 'export-licence', assigneeId: 1 })).toBe(true);
	});
});

describe('the retention of device data (004 P 16; ADR-022)', () => {
	const calendar = createCalendar({});
	it('ends one month after the decision, on a working day', () => {
		expect(deviceDataDestroyedAfter('2026-01-30', calendar).toISOString()).toBe('2026-03-02T18:59:59.000Z');
		// Decided Tuesday 14 April 2026 → Thursday 14 May 2026.
		expect(deviceDataDestroyedAfter('2026-04-14', calendar).toISOString()).toBe('2026-05-14T18:59:59.000Z');
	});
});
