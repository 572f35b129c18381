import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventDeduper } from './dedupe';

describe('event de-duplication on the client', () => {
	it('delivers each id once, whatever the mix of live and replayed arrivals (seeded)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 600 }), (arrivals) => {
				const d = new EventDeduper();
				const delivered = arrivals.filter((id) => d.accept(id));
				expect(delivered).toEqual([...new Set(arrivals)]);
				expect(d.lastId).toBe(arrivals.length ? Math.max(...arrivals) : 0);
			}),
			{ seed: 5, numRuns: 300 }
		);
	});

	it('refuses ids far behind the window once they have been forgotten', () => {
		const d = new EventDeduper(3);
		for (const id of [1, 2, 3, 4, 5, 6, 7]) d.accept(id);
		expect(d.accept(2)).toBe(false);
		expect(d.accept(8)).toBe(true);
	});
});
