import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, nextAttemptAfterFailure, retryDelayMs } from './retry-schedule';

describe('retryDelayMs', () => {
	it('doubles from the base, within its upper half by the jitter, and stops growing at the cap', () => {
		expect([1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_RETRY, 0))).toEqual([2_500, 5_000, 10_000, 20_000]);
		expect([1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_RETRY, 0.999999))).toEqual([5_000, 10_000, 20_000, 40_000]);
		expect(retryDelayMs(30, DEFAULT_RETRY, 0)).toBe(1_800_000);
		expect(retryDelayMs(1_000, DEFAULT_RETRY, 1)).toBe(3_600_000);
	});

	it('never shrinks from one attempt to the next, whatever the jitter', () => {
		for (let n = 1; n < 30; n++)
			expect(retryDelayMs(n + 1, DEFAULT_RETRY, 0)).toBeGreaterThanOrEqual(retryDelayMs(n, DEFAULT_RETRY, 0.999) / 2);
	});
});

describe('nextAttemptAfterFailure', () => {
	const retryFrom = new Date('2026-03-02T04:00:00Z');
	it('schedules the next attempt within the 24-hour window and gives up after it', () => {
		const early = nextAttemptAfterFailure({ attempts: 1, retryFrom, now: retryFrom }, DEFAULT_RETRY, 0.5);
		expect(early!.getTime() - retryFrom.getTime()).toBe(3_750);
		const late = new Date(retryFrom.getTime() + 23.5 * 3_600_000);
		expect(nextAttemptAfterFailure({ attempts: 20, retryFrom, now: late }, DEFAULT_RETRY, 0.5)).toBeNull();
	});

	it('retries some forty times over a day against a receiver that never answers', () => {
		let now = retryFrom;
		let attempts = 0;
		for (;;) {
			attempts++;
			const next = nextAttemptAfterFailure({ attempts, retryFrom, now }, DEFAULT_RETRY, 0.5);
			if (!next) break;
			now = next;
		}
		expect(attempts).toBeGreaterThan(30);
		expect(attempts).toBeLessThan(50);
		expect(now.getTime() - retryFrom.getTime()).toBeLessThanOrEqual(DEFAULT_RETRY.windowMs);
	});
});
