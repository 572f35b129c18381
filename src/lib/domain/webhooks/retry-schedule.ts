/**
 * When a failed delivery is tried again (ADR-037): exponential back-off with jitter, for 24 hours
 * from the delivery's write (or its resend), then it is failed for the admin to resend. The jitter
 * keeps a receiver that comes back from being hit by every waiting delivery at once.
 */

export interface RetryPolicy {
	/** Wait after the first failed attempt (before jitter). */
	baseMs: number;
	/** The wait never grows beyond this. */
	maxMs: number;
	/** How long from the first write a delivery is retried before it is failed. */
	windowMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000, windowMs: 24 * 3_600_000 };

/**
 * The wait after the `attempts`-th failed attempt: base·2^(attempts−1), capped, then a random point
 * in its upper half ("equal jitter": never less than half, so the back-off still grows).
 * `random` is a number in [0, 1).
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: number): number {
	const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 40)));
	return Math.round(exp / 2 + (exp / 2) * random);
}

/** After a failed attempt: when to try again, or null when the window is over (the delivery fails). */
export function nextAttemptAfterFailure(
	o: { attempts: number; retryFrom: Date; now: Date },
	policy: RetryPolicy,
	random: number
): Date | null {
	const next = new Date(o.now.getTime() + retryDelayMs(o.attempts, policy, random));
	return next.getTime() > o.retryFrom.getTime() + policy.windowMs ? null : next;
}
