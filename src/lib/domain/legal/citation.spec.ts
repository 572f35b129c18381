import { describe, expect, it } from 'vitest';
import { formatCitations, parseCitation, parseCitations } from './citation';

describe('legal citations', () => {
	it.each([
		['001 p.19 para 3', '001 ереже, 19-т. 3-абз.', 'Правила 001, п. 19 абз. 3'],
		['000 p.13', '000 ереже, 13-т.', 'Правила 000, п. 13'],
		['001 pp.23–25', '001 ереже, 23–25-т.', 'Правила 001, пп. 23–25'],
		['001 p.18 para 1 sub.2', '001 ереже, 18-т. 1-абз. 2)-тт.', 'Правила 001, п. 18 абз. 1 пп. 2)'],
		['001 p.24(1)', '001 ереже, 24-т. 1)-тт.', 'Правила 001, п. 24 пп. 1)'],
		['001 p.17 paras 1–2', '001 ереже, 17-т. 1–2-абз.', 'Правила 001, п. 17 абз. 1–2'],
		['001 Annex 1 row 3', '001 ереже, 1-қосымша 3-жол', 'Правила 001, прил. 1 стр. 3'],
		['001 Annex 1 row 9 ground 12', '001 ереже, 1-қосымша 9-жол 12-негіз', 'Правила 001, прил. 1 стр. 9 осн. 12'],
		['003 A3 p.5 sub.1–9', '003 регламенттер, 3-регламент 5-т. 1–9)-тт.', 'Регламенты 003, регламент 3 п. 5 пп. 1–9)'],
		// A range of regulations is plural.
		['003 A1–A11', '003 регламенттер, 1–11-регламенттер', 'Регламенты 003, регламенты 1–11'],
		[
			'003 A1–A4 p.5.1; A6–A10 p.5.1',
			'003 регламенттер, 1–4-регламенттер 5.1-т.; 6–10-регламенттер 5.1-т.',
			'Регламенты 003, регламенты 1–4 п. 5.1; регламенты 6–10 п. 5.1'
		],
		['004 P 10', '004 бірлескен бұйрық, 10-т.', 'Совместный приказ 004, п. 10'],
		['001 Annex 2', '001 ереже, 2-қосымша', 'Правила 001, прил. 2'],
		['000 Annex 4 form 1 item 12', '000 ереже, 4-қосымша 1-нысан 12-т.', 'Правила 000, прил. 4 форма 1 п. 12'],
		['001 Annex 3 form 2', '001 ереже, 3-қосымша 2-нысан', 'Правила 001, прил. 3 форма 2'],
		['000 form 2 item 9', '000 ереже, 2-нысан 9-т.', 'Правила 000, форма 2 п. 9'],
		// A part after ";" without an act continues the citation before it (ADR-082).
		[
			'000 Annex 4 form 1 item 12; form 2 item 9',
			'000 ереже, 4-қосымша 1-нысан 12-т.; 2-нысан 9-т.',
			'Правила 000, прил. 4 форма 1 п. 12; форма 2 п. 9'
		],
		[
			'000 Annex 4 form 1 item 12; item 13; 001 p.20',
			'000 ереже, 4-қосымша 1-нысан 12-т.; 13-т.; 001 ереже, 20-т.',
			'Правила 000, прил. 4 форма 1 п. 12; п. 13; Правила 001, п. 20'
		],
		['001 p.19 para 3; para 4', '001 ереже, 19-т. 3-абз.; 4-абз.', 'Правила 001, п. 19 абз. 3; абз. 4'],
		['001 Annex 3 forms 1–3', '001 ереже, 3-қосымша 1–3-нысан', 'Правила 001, прил. 3 формы 1–3'],
		['000 Annex 4 form 2', '000 ереже, 4-қосымша 2-нысан', 'Правила 000, прил. 4 форма 2']
	])('%s reads as kk "%s" and ru "%s", and round-trips in English', (canonical, kk, ru) => {
		expect(formatCitations(canonical, 'kk')).toBe(kk);
		expect(formatCitations(canonical, 'ru')).toBe(ru);
		expect(formatCitations(canonical, 'en')).toBe(canonical);
	});

	it('formats each of several citations joined by semicolons', () => {
		expect(formatCitations('001 p.19 para 3; 000 p.13', 'ru')).toBe('Правила 001, п. 19 абз. 3; Правила 000, п. 13');
	});

	it('reads the parts into structure', () => {
		expect(parseCitation('001 p.18 para 1 sub.2')).toEqual({
			act: '001',
			points: '18',
			paragraphs: '1',
			subpoints: '2'
		});
	});

	it('reads forms and items, and what a continuation inherits', () => {
		expect(parseCitation('000 Annex 4 form 1 item 12')).toEqual({ act: '000', annex: '4', form: '1', item: '12' });
		expect(formatCitations('form 2 item 9', 'ru')).toBe('form 2 item 9'); // nothing to continue
		expect(formatCitations('001 p.19; Civil Code art. 5', 'kk')).toBe('001 ереже, 19-т.; Civil Code art. 5');
	});

	it("leaves no Latin letters in the presentation clock's citation (ADR-065)", () => {
		for (const locale of ['kk', 'ru'] as const)
			expect(formatCitations('000 Annex 4 form 1 item 12; form 2 item 9', locale)).not.toMatch(/[A-Za-z]/);
	});

	it('keeps text that is not a canonical citation as written', () => {
		expect(parseCitation('Civil Code art. 5')).toBeNull();
		expect(formatCitations('001 p.19, as agreed', 'kk')).toBe('001 p.19, as agreed');
	});
});

describe('citations as structure (ADR-106)', () => {
	it('reads every part, a continuing part with the act and annex it inherits', () => {
		expect(parseCitations('001 p.19 para 3; 000 p.13')).toEqual([
			{ act: '001', points: '19', paragraphs: '3' },
			{ act: '000', points: '13' }
		]);
		expect(parseCitations('000 Annex 4 form 1 item 12; form 2 item 9')).toEqual([
			{ act: '000', annex: '4', form: '1', item: '12' },
			{ act: '000', annex: '4', form: '2', item: '9' }
		]);
		expect(parseCitations('001 Annex 1 form 2 field 8')).toEqual([{ act: '001', annex: '1', form: '2', field: '8' }]);
	});

	it('gives nothing rather than half a citation', () => {
		expect(parseCitations('001 p.7; the Law on permits art. 33')).toBeNull();
		expect(parseCitations('')).toBeNull();
		expect(parseCitations(null)).toBeNull();
	});

	it('writes a form field as kk and ru write it', () => {
		expect(formatCitations('001 Annex 1 form 1 field 17', 'kk')).toBe('001 ереже, 1-қосымша 1-нысан 17-бағана');
		expect(formatCitations('001 Annex 1 form 1 field 17', 'ru')).toBe('Правила 001, прил. 1 форма 1 графа 17');
		expect(formatCitations('001 Annex 1 form 1 field 17', 'en')).toBe('001 Annex 1 form 1 field 17');
	});
});
