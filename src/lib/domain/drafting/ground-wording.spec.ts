import { describe, expect, it } from 'vitest';
import { findGround, GROUNDS_000, GROUNDS_001 } from '../reference/refusal-grounds';
import { groundParagraphs, groundPoint, isConfidentialInLetter, NON_DISCLOSURE } from './ground-wording';

const ground = (act: '001' | '000', n: number) => findGround(act, n)!;

describe('groundParagraphs', () => {
	it('inserts the act’s own Kazakh wording and the Russian rendering, each with the legal point (001 Annex 1 row 9 sub.2)', () => {
		expect(groundParagraphs(ground('001', 2))).toEqual([
			'Лицензиялық алым енгізілмеген (Қағидаларға 1-қосымшаның 9-жолы, 2)-тармақша).',
			'Не внесён лицензионный сбор (подпункт 2) строки 9 приложения 1 к Правилам).'
		]);
	});

	it('states a national-security ground without its basis and adds the non-disclosure sentence (001 p.19 para 5)', () => {
		const text = groundParagraphs(ground('001', 13));
		expect(text).toHaveLength(4);
		expect(text.slice(2)).toEqual([NON_DISCLOSURE.kk, NON_DISCLOSURE.ru]);
	});

	it('adds the non-disclosure sentence to an optional ground only when the officer marks it (001 Annex 1 row 9 sub.4)', () => {
		expect(groundParagraphs(ground('001', 4))).toHaveLength(2);
		expect(groundParagraphs(ground('001', 4), { markConfidential: true })).toHaveLength(4);
		expect(groundParagraphs(ground('001', 2), { markConfidential: true })).toHaveLength(2);
	});

	it('has wording for every ground of both acts (001: 19, 000: 9)', () => {
		expect(GROUNDS_001).toHaveLength(19);
		expect(GROUNDS_000).toHaveLength(9);
		for (const g of [...GROUNDS_001, ...GROUNDS_000]) {
			const [kk, ru] = groundParagraphs(g);
			expect(kk).toContain(`9-жолы, ${g.number})-тармақша`);
			expect(ru).toContain(`подпункт ${g.number}) строки 9`);
		}
	});

	it('treats the always-confidential grounds of 001 as confidential whatever the officer marks', () => {
		for (const n of [9, 10, 11, 13, 14, 18, 19]) expect(isConfidentialInLetter(ground('001', n), false)).toBe(true);
		expect(groundPoint(ground('000', 3)).ru).toBe('подпункт 3) строки 9 приложения 1 к Правилам');
	});
});
