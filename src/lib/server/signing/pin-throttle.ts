/**
 * Wrong signing PINs are counted per signer with the sign-in's growing waits (login-throttle.ts),
 * wherever a person signs (a document, or the refusal letter from the drafting page, ADR-083): a
 * waiting signer gets 429 with `Retry-After`; a signature made resets the count.
 */
import { ApiError } from '../http/api-error';
import type { createLoginThrottle } from '../auth/login-throttle';

type Throttle = Pick<ReturnType<typeof createLoginThrottle>, 'retryAfterMs' | 'recordFailure' | 'reset'>;

export async function withPinThrottle<T>(throttle: Throttle, userId: number, sign: () => Promise<T>): Promise<T> {
	const key = `signing-pin:${userId}`;
	const wait = await throttle.retryAfterMs([key]);
	if (wait > 0)
		throw new ApiError(429, 'Too many wrong PINs: wait before signing again.', undefined, {
			'retry-after': String(Math.ceil(wait / 1000))
		});
	try {
		const signed = await sign();
		await throttle.reset(key);
		return signed;
	} catch (e) {
		if ((e as { code?: string }).code === 'wrong-pin') await throttle.recordFailure([key]);
		throw e;
	}
}
