import { describe, expect, it } from 'vitest';
import { newToken, parseToken, secretMatches } from './token';

describe('session tokens', () => {
	it('have an id and a secret of 24 characters each (120 bits)', () => {
		const t = newToken();
		expect(t.token).toMatch(/^[a-km-z2-9]{24}\.[a-km-z2-9]{24}$/);
		expect(parseToken(t.token)).toEqual({ id: t.id, secret: t.secret });
	});

	it('are different every time', () => {
		const seen = new Set(Array.from({ length: 1000 }, () => newToken().token));
		expect(seen.size).toBe(1000);
	});

	it('match only their own secret', () => {
		const t = newToken();
		expect(secretMatches(t.secret, t.secretHash)).toBe(true);
		expect(secretMatches(newToken().secret, t.secretHash)).toBe(false);
	});

	it.each([
		'',
		'abc',
		'a.b',
		`${'a'.repeat(24)}`,
		`${'a'.repeat(24)}.${'A'.repeat(24)}`,
		`${'a'.repeat(24)}.${'a'.repeat(25)}`
	])('rejects the malformed token %j', (bad) => expect(parseToken(bad)).toBeNull());
});
