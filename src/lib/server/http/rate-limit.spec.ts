import { describe, expect, it } from 'vitest';
import { rateKey, rateLimited, SEARCH_LIMIT } from './rate-limit';

describe('rate limit keys', () => {
	it('is the session, else the token id (never its secret), else the address', () => {
		expect(rateKey('sess1', 'Bearer mzt_abc.secret', () => '1.2.3.4')).toBe('session:sess1');
		expect(rateKey(null, 'Bearer mzt_abc.secret', () => '1.2.3.4')).toBe('token:abc');
		expect(rateKey(null, 'Bearer other', () => '1.2.3.4')).toBe('ip:1.2.3.4');
		expect(
			rateKey(null, null, () => {
				throw new Error('address header missing');
			})
		).toBe('ip:unknown');
	});
});

describe('rateLimited', () => {
	it('leaves writes and cheap pages alone', async () => {
		for (let i = 0; i < 100; i++) {
			expect(await rateLimited('POST', '/board', 'k-writes', false)).toBeNull();
			expect(await rateLimited('GET', '/account', 'k-writes', false)).toBeNull();
		}
	});

	it('answers 429 with Retry-After past the rate of a key, and not for another key', async () => {
		let refused: Response | null = null;
		for (let i = 0; i < 100 && !refused; i++) refused = await rateLimited('GET', '/queue', 'k-burst', true);
		expect(refused?.status).toBe(429);
		expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(await refused?.json()).toMatchObject({ error: expect.stringMatching(/Too many requests/) });
		expect(await rateLimited('GET', '/queue', 'k-other', true)).toBeNull();
	});
});

describe('the search as you type', () => {
	it('takes a burst of typing, then answers 429', async () => {
		for (let i = 0; i < SEARCH_LIMIT.points; i++)
			expect(await rateLimited('GET', '/api/v1/search', 'k-typist', true)).toBeNull();
		expect((await rateLimited('GET', '/api/v1/search', 'k-typist', true))?.status).toBe(429);
	});
});
