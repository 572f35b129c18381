/**
 * When a failed notification e-mail is tried again (ADR-060): exponential back-off from 30 s, capped
 * at an hour, with ±20% jitter so a recovering mail server is not hit by every process at once;
 * after `maxAttempts` the e-mail is given up (the in-app notification stays).
 */
export interface MailRetryPolicy {
	baseMs: number;
	capMs: number;
	maxAttempts: number;
}

export const DEFAULT_MAIL_RETRY: MailRetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 8 };

/** After the `attempts`-th failure: the next try's delay in ms, or null to give up. `random` in [0, 1). */
export function mailRetryDelay(
	attempts: number,
	random: number,
	p: MailRetryPolicy = DEFAULT_MAIL_RETRY
): number | null {
	if (attempts >= p.maxAttempts) return null;
	const raw = Math.min(p.capMs, p.baseMs * 2 ** Math.max(0, attempts - 1));
	return Math.round(raw * (0.8 + 0.4 * random));
}
