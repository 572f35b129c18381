import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by';

describe('groupBy', () => {
	it('keeps each group in the items’ order, keyed as given, each item as `value` gives it', () => {
		const rows = [
			{ caseId: 'b', n: 1 },
			{ caseId: 'a', n: 2 },
			{ caseId: 'b', n: 3 }
		];
		expect([...groupBy(rows, (r) => r.caseId)]).toEqual([
			['b', [rows[0], rows[2]]],
			['a', [rows[1]]]
		]);
		expect(
			groupBy(
				rows,
				(r) => r.n % 2,
				(r) => r.n
			)
		).toEqual(
			new Map([
				[1, [1, 3]],
				[0, [2]]
			])
		);
		expect(groupBy([], (r: { k: string }) => r.k).size).toBe(0);
	});
});
