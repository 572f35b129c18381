import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_MAIL_RETRY, mailRetryDelay } from './retry';

describe('mail retry back-off', () => {
	it.each([
		[1, 0.5, 30_000],
		[2, 0.5, 60_000],
		[3, 0.5, 120_000],
		[8, 0.5, null]
	])('after failure %i', (n, r, expected) => {
		expect(mailRetryDelay(n, r)).toBe(expected);
	});

	it('never waits more than the cap plus jitter, and grows with the attempts', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: DEFAULT_MAIL_RETRY.maxAttempts - 2 }),
				fc.double({ min: 0, max: 0.999, noNaN: true }),
				(n, r) => {
					const a = mailRetryDelay(n, r)!;
					expect(a).toBeLessThanOrEqual(DEFAULT_MAIL_RETRY.capMs * 1.2);
					expect(mailRetryDelay(n + 1, 0.5)! * 1.2).toBeGreaterThanOrEqual(mailRetryDelay(n, 0.5)!);
				}
			)
		);
	});
});
