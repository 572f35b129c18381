import { describe, expect, it } from 'vitest';
import { totpAt, verifyTotpAt } from './totp';

// RFC 6238 Appendix B test key (ASCII "12345678901234567890"), SHA-1, truncated to 6 digits.
const rfcKey = new TextEncoder().encode('12345678901234567890');

describe('TOTP', () => {
	it.each([
		[59, '287082'],
		[1111111109, '081804'],
		[1234567890, '005924'],
		[2000000000, '279037']
	])('matches the RFC 6238 vector at t=%i', (t, code) => {
		expect(totpAt(rfcKey, new Date(t * 1000))).toBe(code);
	});

	it('accepts the current and the previous step only', () => {
		const now = new Date(1_700_000_000_000);
		expect(verifyTotpAt(rfcKey, totpAt(rfcKey, now), now)).toBe(true);
		expect(verifyTotpAt(rfcKey, totpAt(rfcKey, now, -1), now)).toBe(true);
		expect(verifyTotpAt(rfcKey, totpAt(rfcKey, now, -2), now)).toBe(false);
		expect(verifyTotpAt(rfcKey, totpAt(rfcKey, now, 1), now)).toBe(false);
	});

	it('rejects malformed codes', () => {
		expect(verifyTotpAt(rfcKey, '12345', new Date())).toBe(false);
		expect(verifyTotpAt(rfcKey, 'abcdef', new Date())).toBe(false);
	});
});
