import { describe, expect, it } from 'vitest';
import { signerValidity } from './signer-validity';

const day = 86_400_000;
const now = new Date('2026-03-02T04:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * day);

describe('a signer certificate at a moment (ADR-034)', () => {
	it.each([
		['valid for a year', at(-1), at(365), null, 'valid'],
		['30 days left', at(-300), at(30), null, 'expiring'],
		['31 days left', at(-300), at(31), null, 'valid'],
		['expired yesterday', at(-366), at(-1), null, 'expired'],
		['valid from tomorrow', at(1), at(365), null, 'not-yet-valid'],
		['revoked, though in its dates', at(-1), at(365), at(-0.5), 'revoked'],
		['revoked and expired: revoked says more', at(-366), at(-1), at(-2), 'revoked'],
		['revocation recorded for later', at(-1), at(365), at(2), 'valid']
	] as const)('%s → %s', (_, notBefore, notAfter, revokedAt, expected) => {
		expect(signerValidity({ notBefore, notAfter, revokedAt }, now)).toBe(expected);
	});
});
