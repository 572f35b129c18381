/**
 * 000 is its own act: a certificate case's letter follows 000 Annex 2 (the 2026 wording of Order 4),
 * not 001's, and carries no non-disclosure sentence citing a point 19 that 000 does not have (000
 * ends at p.18). Expected texts are copied by hand from 000 Annex 2 in the seed.
 */
import { describe, expect, it } from 'vitest';
import { findGround } from '../reference/refusal-grounds';
import { buildRefusalLetter, introSentence } from './refusal-letter';
import { groundParagraphs } from './ground-wording';

const input = {
	act: '000' as const,
	caseNumber: 'EUC-2026-00007',
	chain: 1,
	applicationDate: '2026-03-12',
	incomingNumber: 'EUC-2026-00007',
	addressee: { name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, пр. Мангилик Ел, 55', bin: '000740001307' },
	issuedOn: '2026-03-20',
	signerName: 'Yerlan Mukhametov',
	body: ['Көрсетілетін қызметті алушы біліктілік талаптарына сәйкес келмесе.']
};

describe('the certificate letter on the form of 000 Annex 2', () => {
	it('has 000’s header: the whole institution’s name in the quotes, in Kazakh and Russian', () => {
		const l = buildRefusalLetter(input);
		expect(l.header.kk).toBe(
			'"Қазақстан Республикасы Өнеркәсіп және құрылыс министрлігі Өнеркәсіп комитеті" ' +
				'республикалық мемлекеттік мекемесі'
		);
		expect(l.header.ru).toBe(
			'Республиканское государственное учреждение "Комитет промышленности Министерства ' +
				'промышленности и строительства Республики Казахстан"'
		);
		expect(l.city).toEqual({ kk: 'Астана қ.', ru: 'г. Астана' });
	});

	it('labels the number "Нөмір" and titles the letter "Дәлелді бас тарту" as 000’s form does', () => {
		const l = buildRefusalLetter(input);
		expect(l.number.kk).toBe('Нөмір: EUC-2026-00007/ДБ-1');
		expect(l.title).toEqual({ kk: 'Дәлелді бас тарту', ru: 'Мотивированный отказ' });
	});

	it('opens the body with 000’s institution, not 001’s "Өнеркәсіп комитеті" alone', () => {
		const l = buildRefusalLetter(input);
		expect(l.intro.kk).toBe(
			'"Қазақстан Республикасы Өнеркәсіп және құрылыс министрлігі Өнеркәсіп комитеті" ' +
				'республикалық мемлекеттік мекемесі Сіздің 2026 жылғы «12» наурыздағы № EUC-2026-00007 ' +
				'өтінішіңізді қарағаннан кейін мынаны хабарлайды:'
		);
		expect(l.intro.ru).toBe(
			'Республиканское государственное учреждение "Комитет промышленности Министерства ' +
				'промышленности и строительства Республики Казахстан", рассмотрев Ваше заявление от «12» ' +
				'марта 2026 года № EUC-2026-00007, сообщает следующее:'
		);
		expect(introSentence('2026-03-12', '7', '001').kk.startsWith('"Өнеркәсіп комитеті"')).toBe(true);
	});

	it('keeps 001’s form for a licence letter', () => {
		const l = buildRefusalLetter({ ...input, act: '001' });
		expect(l.number.kk).toBe('Нөмірі: EUC-2026-00007/ДБ-1');
		expect(l.title.kk).toBe('ДӘЛЕЛДІ БАС ТАРТУ');
		expect(l.header.ru).toContain('Республиканское государственное учреждение "Комитет промышленности"');
	});

	it('adds no non-disclosure sentence citing p.19 to a 000 ground, even one the officer marks', () => {
		const ground3 = findGround('000', 3)!;
		const text = groundParagraphs(ground3, { markConfidential: true });
		expect(text).toHaveLength(2);
		expect(text.join(' ')).not.toMatch(/19-тармағ|пункт 19/);
	});
});
