import { describe, expect, it } from 'vitest';
import { parseAsOf } from './as-of-query';

const now = new Date('2026-05-04T06:00:00Z');

describe('parseAsOf', () => {
	it.each([
		[null, now.toISOString()],
		['', now.toISOString()],
		// The end of 15 April in Almaty is 18:59:59.999 UTC.
		['2026-04-15', '2026-04-15T18:59:59.999Z'],
		['2026-04-15T10:00+05:00', '2026-04-15T05:00:00.000Z'],
		['2026-05-04T06:00:00Z', '2026-05-04T06:00:00.000Z']
	])('%j → %s', (value, iso) => {
		expect(parseAsOf(value, now).toISOString()).toBe(iso);
	});

	it.each([
		['2026-05-05', 'in-the-future'],
		['2026-13-01', 'invalid-format'],
		['yesterday', 'invalid-format'],
		['2026-04-15T10:00', 'invalid-format']
	])('%j is refused (%s)', (value, code) => {
		expect(() => parseAsOf(value, now)).toThrow(
			expect.objectContaining({ fields: { at: expect.objectContaining({ code }) } })
		);
	});
});
