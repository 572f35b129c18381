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
			}),
			{ seed: 5, numRuns: 300 }
		);
	});

	it('still accepts replayed ids far below live ones that arrived first (the resume point decides, not the highest id)', () => {
		const d = new EventDeduper();
		d.advanceTo(10);
		for (const id of [20_001, 20_002]) expect(d.accept(id)).toBe(true); // live, while a replay is owed
		for (let id = 11; id <= 20_002; id++) expect(d.accept(id)).toBe(id <= 20_000);
	});

	it('refuses ids at or below the resume point and forgets the ids it passes', () => {
		const d = new EventDeduper();
		for (const id of [5, 6, 9]) d.accept(id);
		d.advanceTo(6);
		expect(d.resumeAfter).toBe(6);
		expect(d.remembered).toBe(1);
		expect(d.accept(3)).toBe(false);
		expect(d.accept(9)).toBe(false);
		expect(d.accept(7)).toBe(true);
		d.advanceTo(4); // never backwards
		expect(d.resumeAfter).toBe(6);
	});
});
