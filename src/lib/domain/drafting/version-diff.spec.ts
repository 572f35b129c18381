import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffVersionTexts, sidesOfDiff } from './version-diff';

describe('diffVersionTexts', () => {
	it('marks the words changed between two versions, keeping the rest', () => {
		const d = diffVersionTexts('Лицензиялық алым енгізілмеген.', 'Лицензиялық алым уақытында енгізілмеген.');
		expect(d.segments.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: 'уақытында ' }]);
		expect(d.wordsInserted).toBe(1);
		expect(d.wordsDeleted).toBe(0);
	});

	it('reports a replaced word as one deletion and one insertion', () => {
		const d = diffVersionTexts('ground 4 applies', 'ground 9 applies');
		expect(d.segments).toEqual([
			{ op: 'equal', text: 'ground ' },
			{ op: 'delete', text: '4' },
			{ op: 'insert', text: '9' },
			{ op: 'equal', text: ' applies' }
		]);
		expect([d.wordsInserted, d.wordsDeleted]).toEqual([1, 1]);
	});

	it('gives no change for equal texts', () => {
		expect(diffVersionTexts('same text', 'same text').segments).toEqual([{ op: 'equal', text: 'same text' }]);
	});

	it('always rebuilds both sides exactly (property)', () => {
		const words = fc
			.array(fc.constantFrom('ә', 'ғ', 'қ', 'бас', 'тарту', 'отказ', '1', ',', '.', ' ', '\n'), { maxLength: 40 })
			.map((a) => a.join(' '));
		fc.assert(
			fc.property(words, words, (a, b) => {
				expect(sidesOfDiff(diffVersionTexts(a, b))).toEqual({ from: a, to: b });
			})
		);
	});
});
