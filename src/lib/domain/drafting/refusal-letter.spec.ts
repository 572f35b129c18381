import { describe, expect, it } from 'vitest';
import { buildRefusalLetter, introSentence, letterNumber } from './refusal-letter';

const input = {
	caseNumber: 'EL-2026-00042',
	chain: 1,
	applicationDate: '2026-04-12',
	incomingNumber: 'EL-2026-00042',
	addressee: { name: 'ТОО «Қазақ Өнеркәсіп»', legalAddress: 'Астана қ., Мәңгілік Ел даңғ., 8', bin: '000740001307' },
	issuedOn: '2026-03-20',
	signerName: 'Yerlan Mukhametov',
	body: ['Лицензиялық алым енгізілмеген.', '  ', 'Не внесён лицензионный сбор.']
};

describe('buildRefusalLetter (001 Annex 2)', () => {
	it('has the bilingual header, city, number and date of issue', () => {
		const l = buildRefusalLetter(input);
		expect(l.header.kk).toContain('"Өнеркәсіп комитеті" республикалық мемлекеттік мекемесі');
		expect(l.header.ru).toContain('"Комитет промышленности"');
		expect(l.city).toEqual({ kk: 'Астана қ.', ru: 'г. Астана' });
		expect(l.number.kk).toBe('Нөмірі: EL-2026-00042/ДБ-1');
		expect(l.date).toEqual({ kk: 'Берілген күні: 20.03.2026 жылы', ru: 'Дата выдачи: 20.03.2026 г.' });
	});

	it('addresses the applicant with its legal address and BIN', () => {
		expect(buildRefusalLetter(input).addressee).toEqual([
			'ТОО «Қазақ Өнеркәсіп»',
			'Астана қ., Мәңгілік Ел даңғ., 8',
			'БСН / БИН 000740001307'
		]);
	});

	it('opens the body with the application’s full date and incoming number and keeps the grounds, dropping blank paragraphs', () => {
		const l = buildRefusalLetter(input);
		expect(l.intro.kk).toBe(
			'"Өнеркәсіп комитеті" республикалық мемлекеттік мекемесі Сіздің 2026 жылғы «12» сәуірдегі ' +
				'№ EL-2026-00042 өтінішіңізді қарағаннан кейін мынаны хабарлайды:'
		);
		expect(l.intro.ru).toContain(
			'рассмотрев Ваше заявление от «12» апреля 2026 года № EL-2026-00042, сообщает следующее:'
		);
		expect(l.body).toEqual(['Лицензиялық алым енгізілмеген.', 'Не внесён лицензионный сбор.']);
	});

	it('leaves number-dependent parts as placeholders until signed', () => {
		const l = buildRefusalLetter({ ...input, issuedOn: null, signerName: null });
		expect(l.date.ru).toBe('Дата выдачи: [присваивается при подписании]');
		expect(l.signer.name).toBe('[Т. А. Ә. / Ф. И. О.]');
	});

	it('numbers each chain apart', () => {
		expect(letterNumber('IC-2026-1', 2)).toBe('IC-2026-1/ДБ-2');
		expect(introSentence('2025-01-05', '7').kk).toContain('2025 жылғы «5» қаңтардағы № 7');
		expect(introSentence('2027-12-31', '8').ru).toContain('от «31» декабря 2027 года № 8');
		expect(() => introSentence('2027', '8')).toThrow(RangeError);
	});
});
