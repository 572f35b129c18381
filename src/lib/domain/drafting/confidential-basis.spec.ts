import { describe, expect, it } from 'vitest';
import { findGround, GROUNDS_001 } from '../reference/refusal-grounds';
import { groundParagraphs } from './ground-wording';
import { confidentialGroundsIn, findBasisDisclosures, letterStatesGround } from './confidential-basis';

const g = (n: number) => findGround('001', n)!;
const letter = (...paragraphs: string[]) => paragraphs.join('\n');
const basis = [
	{
		text: 'Получатель связан с поставками в страну под эмбарго согласно письму № 12-3/456',
		source: 'consultation:nsc'
	},
	{ text: 'Ұлттық қауіпсіздік комитеті', source: 'agency:nsc' }
];

describe('confidential grounds in a letter (ADR-009, 001 p.19 para 5)', () => {
	it('finds the grounds the letter states from their inserted wording, in either language', () => {
		const text = letter(...groundParagraphs(g(13)));
		expect(letterStatesGround(text, g(13))).toBe(true);
		expect(letterStatesGround(text, g(2))).toBe(false);
		expect(letterStatesGround(g(13).textRu.toUpperCase(), g(13))).toBe(true);
	});

	it('counts an optional ground (001 sub.4) as confidential only with the non-disclosure sentence', () => {
		expect(confidentialGroundsIn(letter(...groundParagraphs(g(4))), GROUNDS_001)).toEqual([]);
		expect(
			confidentialGroundsIn(letter(...groundParagraphs(g(4), { markConfidential: true })), GROUNDS_001).map(
				(x) => x.number
			)
		).toEqual([4]);
	});
});

describe('findBasisDisclosures', () => {
	it('never warns for a letter that only states the ground and the non-disclosure sentence', () => {
		expect(
			findBasisDisclosures(letter(...groundParagraphs(g(9)), ...groundParagraphs(g(13))), {
				grounds: GROUNDS_001,
				basis
			})
		).toEqual([]);
	});

	it('warns when four consecutive words of the case’s restricted basis are typed in, whatever the case and quotes', () => {
		const text = letter(...groundParagraphs(g(13)), 'Установлено, что ПОЛУЧАТЕЛЬ связан с «поставками» в страну.');
		expect(findBasisDisclosures(text, { grounds: GROUNDS_001, basis })).toEqual([
			{ grounds: ['001 Annex 1 row 9 sub.13'], source: 'consultation:nsc', matched: 'получатель связан с поставками' }
		]);
	});

	it('warns when a source is named, in Kazakh or with Latin look-alike letters (ADR-010)', () => {
		const kk = findBasisDisclosures(
			letter(...groundParagraphs(g(18)), 'Ұлттық қауіпсіздік комитетінің хаты бойынша.'),
			{ grounds: GROUNDS_001, basis: [] }
		);
		expect(kk).toEqual([
			{ grounds: ['001 Annex 1 row 9 sub.18'], source: 'security-service', matched: 'ұлттық қауіпсіздік комитет…' }
		]);
		const ru = findBasisDisclosures(letter(...groundParagraphs(g(18)), 'По данным KHБ.'), {
			grounds: GROUNDS_001,
			basis: []
		});
		expect(ru.map((w) => w.source)).toEqual(['security-service']);
		const op = findBasisDisclosures(letter(...groundParagraphs(g(18)), 'Согласно оперативным данным.'), {
			grounds: GROUNDS_001,
			basis: []
		});
		expect(op).toEqual([
			{ grounds: ['001 Annex 1 row 9 sub.18'], source: 'operational-information', matched: 'оперативн…' }
		]);
	});

	it('does not warn on a non-confidential ground, whatever is typed (the check is for 001 p.19 para 5 only)', () => {
		expect(
			findBasisDisclosures(letter(...groundParagraphs(g(2)), 'По данным КНБ.'), { grounds: GROUNDS_001, basis })
		).toEqual([]);
	});

	it('ignores runs of short function words shared by chance', () => {
		const b = [{ text: 'и в на от и в на от', source: 'x' }];
		expect(
			findBasisDisclosures(letter(...groundParagraphs(g(14)), 'и в на от и в на от'), {
				grounds: GROUNDS_001,
				basis: b
			})
		).toEqual([]);
	});
});
