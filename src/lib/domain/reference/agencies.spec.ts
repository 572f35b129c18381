import { describe, expect, it } from 'vitest';
import { AGENCIES, AGENCY_CODES, findAgency, isAgencyCode } from './agencies';

describe('agencies (001 L34–82, the ten co-signers)', () => {
	it('has exactly the ten stable codes', () => {
		expect([...AGENCY_CODES].sort()).toEqual(['afm', 'mdd', 'mfa', 'mia', 'moa', 'mod', 'moe', 'moh', 'mshe', 'nsc']);
		expect(AGENCIES.map((a) => a.code).sort()).toEqual([...AGENCY_CODES].sort());
	});

	it('follows the order of the "КЕЛІСІЛДІ" blocks in the act (001 L34–82)', () => {
		const inActOrder = [...AGENCIES].sort((a, b) => a.coSignOrder - b.coSignOrder).map((a) => a.actWordingKk);
		expect(inActOrder).toEqual([
			'Ауыл шаруашылығы министрі',
			'Ғылым және жоғары білім министрлігі',
			'Денсаулық сақтау министрлігі',
			'Қаржылық мониторинг агенттігі',
			'Қорғаныс министрлігі',
			'Сыртқы істер министрлігі',
			'Ұлттық қауіпсіздік комитеті',
			'Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі',
			'Ішкі істер министрлігі',
			'Энергетика министрлігі'
		]);
	});

	it('names every body in three languages', () => {
		for (const a of AGENCIES) {
			expect(a.nameKk.startsWith('Қазақстан Республикасы')).toBe(true);
			expect(a.nameRu).toContain('Республики Казахстан');
			expect(a.nameEn).toMatch(/Kazakhstan/);
			for (const s of [a.shortEn, a.shortRu, a.shortKk]) expect(s.length).toBeGreaterThan(1);
		}
		expect(new Set(AGENCIES.map((a) => a.shortRu)).size).toBe(10);
	});

	it('finds by code and rejects unknown codes', () => {
		expect(findAgency('mfa')?.nameEn).toBe('Ministry of Foreign Affairs of the Republic of Kazakhstan');
		expect(findAgency('kgb')).toBeUndefined();
		expect(isAgencyCode('nsc')).toBe(true);
		expect(isAgencyCode('NSC')).toBe(false);
	});

	it('records the MFA authenticity-check role (001 p.17)', () => {
		expect(findAgency('mfa')?.roles.join(' ')).toContain('001 p.17');
	});
});
