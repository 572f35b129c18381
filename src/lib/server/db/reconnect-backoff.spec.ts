import { describe, expect, it } from 'vitest';
import { reconnectBackoff } from './client';

describe('reconnectBackoff', () => {
	it('starts short and never waits more than a second, however many attempts failed', () => {
		expect(reconnectBackoff(1)).toBeLessThanOrEqual(0.1);
		for (const retries of [6, 10, 50, 1000]) {
			const s = reconnectBackoff(retries);
			expect(s).toBeGreaterThanOrEqual(0.5);
			expect(s).toBeLessThanOrEqual(1);
		}
	});
});
