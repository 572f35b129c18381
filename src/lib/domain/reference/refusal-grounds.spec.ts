import { describe, expect, it } from 'vitest';
import {
	GROUNDS_000,
	GROUNDS_001,
	INCOMPLETENESS_REFUSALS,
	alwaysConfidentialGrounds,
	findGround,
	groundsFor,
	incompletenessRefusalFor
} from './refusal-grounds';

const KAZAKH_ONLY_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;

describe('refusal grounds', () => {
	it('001 has 19 grounds and 000 has 9, numbered from 1 without gaps', () => {
		expect(groundsFor('001').map((g) => g.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
		expect(groundsFor('000').map((g) => g.number)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
	});

	it('cites Annex 1 row 9 of the right act', () => {
		expect(findGround('001', 12)?.citation).toBe('001 Annex 1 row 9 sub.12');
		expect(findGround('000', 3)?.citation).toBe('000 Annex 1 row 9 sub.3');
		for (const g of [...GROUNDS_001, ...GROUNDS_000]) expect(g.citation.startsWith(g.act)).toBe(true);
	});

	it('has Kazakh, Russian and English text for every ground', () => {
		for (const g of [...GROUNDS_001, ...GROUNDS_000, ...INCOMPLETENESS_REFUSALS]) {
			expect(g.textKk.length).toBeGreaterThan(10);
			expect(g.textRu.length).toBeGreaterThan(10);
			expect(g.textEn).toMatch(/^[A-Z]/);
			expect(g.textRu).not.toMatch(KAZAKH_ONLY_LETTERS);
			expect(g.textEn).not.toMatch(/[А-Яа-яЁё]/u);
			// the act's wording has no list punctuation left
			expect(g.textKk).not.toMatch(/[;.]\s*$/);
		}
	});

	it('marks 001 confidentiality per ADR-009', () => {
		expect(alwaysConfidentialGrounds('001')).toEqual([9, 10, 11, 13, 14, 18, 19]);
		expect(GROUNDS_001.filter((g) => g.confidential === 'optional').map((g) => g.number)).toEqual([4, 12, 15]);
		expect(GROUNDS_001.filter((g) => g.confidential === 'never').map((g) => g.number)).toEqual([
			1, 2, 3, 5, 6, 7, 8, 16, 17
		]);
	});

	it('000 has no always-confidential ground; its approving-body ground is optional like 001 ground 4', () => {
		expect(alwaysConfidentialGrounds('000')).toEqual([]);
		expect(GROUNDS_000.filter((g) => g.confidential === 'optional').map((g) => g.number)).toEqual([3]);
		expect(findGround('000', 3)?.textKk).toBe(findGround('001', 4)?.textKk);
	});

	it('every listed ground needs a hearing', () => {
		expect([...GROUNDS_001, ...GROUNDS_000].every((g) => g.hearingRequired)).toBe(true);
	});

	it('keeps the look-back windows of grounds 12 and 16–19', () => {
		expect(findGround('001', 12)?.lookBack).toMatchObject({
			length: 1,
			unit: 'calendar-years',
			anchor: 'sending-to-mfa'
		});
		expect(findGround('001', 16)?.lookBack).toMatchObject({ length: 1, anchor: 'filing' });
		expect(findGround('001', 17)?.lookBack).toMatchObject({ length: 1, anchor: 'filing' });
		expect(findGround('001', 18)?.lookBack?.length).toBe(5);
		expect(findGround('001', 19)?.lookBack?.length).toBe(5);
		expect(GROUNDS_001.filter((g) => g.lookBack).map((g) => g.number)).toEqual([12, 16, 17, 18, 19]);
	});

	it('quotes the act: ground 12 names the one calendar year; ground 11 keeps the act’s odd wording', () => {
		expect(findGround('001', 12)?.textKk).toContain('күнтізбелік 1 (бір) жыл');
		expect(findGround('001', 11)?.textKk).toContain('қорғанысты пайдаланатын');
	});

	it('returns undefined for numbers outside the list', () => {
		expect(findGround('001', 0)).toBeUndefined();
		expect(findGround('001', 20)).toBeUndefined();
		expect(findGround('000', 10)).toBeUndefined();
	});

	it('has the incompleteness refusal apart from the grounds: no hearing, 2 WD / 3 WD', () => {
		const lic = incompletenessRefusalFor('001');
		const cert = incompletenessRefusalFor('000');
		expect(lic).toMatchObject({ citation: '001 p.15 para 2', hearingRequired: false, confidential: 'never' });
		expect(lic.checkTerm.length).toBe(2);
		expect(cert).toMatchObject({ citation: '000 p.11', hearingRequired: false });
		expect(cert.checkTerm.length).toBe(3);
		expect(lic.titleKk).toContain('одан әрі қараудан дәлелді бас тарту');
	});
});
