import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	generateCounterparty,
	generateGoodsLines,
	generateOrganisations,
	generatePersonName,
	generatePersonNames
} from './demo-names';
import { isValidBin } from './bin';
import { controlCategory, isGeneralLicenceCode, isValidHsCode, normalizeControlCode } from './codes';
import { COUNTRIES } from './demo-catalogue';
import { GOODS_CATALOGUE } from './demo-goods-catalogue';
import { createRng } from './prng';

describe('demo data', () => {
	it('gives the same output for the same seed, and different output for another', () => {
		const run = (seed: string) => {
			const rng = createRng(seed);
			return {
				orgs: generateOrganisations(rng, 25),
				goods: generateGoodsLines(rng, 4),
				counterparty: generateCounterparty(rng),
				staff: generatePersonNames(rng, 10)
			};
		};
		expect(run('merzim-demo')).toEqual(run('merzim-demo'));
		expect(run('merzim-demo')).not.toEqual(run('another-seed'));
	});

	it('makes organisations with valid resident BINs matching their registration month', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
				for (const o of generateOrganisations(createRng(seed), 5)) {
					expect(isValidBin(o.bin)).toBe(true);
					expect(o.bin[4]).toBe('4');
					expect(o.bin[5]).toBe('0');
					expect(o.bin.slice(0, 4)).toBe(o.registered.slice(2, 4) + o.registered.slice(5, 7));
				}
			}),
			{ numRuns: 100 }
		);
	});

	it('names organisations the Kazakh and the Russian way, with a legal address in a KZ city', () => {
		for (const o of generateOrganisations(createRng(1), 50)) {
			expect(o.nameRu).toMatch(/^(ТОО|АО) «[^«»]+»$/u);
			expect(o.nameKk).toMatch(/^«[^«»]+» (ЖШС|АҚ)$/u);
			expect(o.nameRu).toContain(o.shortNameRu);
			expect(o.legalAddressRu).toContain(`г. ${o.city.ru}`);
			expect(o.legalAddressKk).toContain(`${o.city.kk} қ.`);
			expect(o.phone.replace(/\D/g, '')).toMatch(/^7\d{10}$/);
			expect(o.email).toMatch(/^[a-z]+@[a-z-]+\.kz$/);
		}
	});

	it('keeps names and BINs distinct within one batch', () => {
		const orgs = generateOrganisations(createRng(99), 300);
		expect(new Set(orgs.map((o) => o.bin)).size).toBe(300);
		expect(new Set(orgs.map((o) => o.shortNameRu)).size).toBe(300);
	});

	it('makes goods lines with a 10-digit HS code, a Cyrillic control code and a consistent value', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 6 }), (seed, n) => {
				const lines = generateGoodsLines(createRng(seed), n);
				expect(lines).toHaveLength(n);
				expect(new Set(lines.map((l) => l.hsCode + l.controlCode)).size).toBe(n);
				expect(new Set(lines.map((l) => l.currency)).size).toBe(1);
				for (const l of lines) {
					expect(isValidHsCode(l.hsCode)).toBe(true);
					expect(l.hsCode).toMatch(/^\d{10}$/);
					expect(normalizeControlCode(l.controlCode)).toBe(l.controlCode);
					expect(controlCategory(l.controlCode)).not.toBeNull();
					expect(l.valueMinor).toBe(l.quantity * l.unitPriceMinor);
					expect(Number(l.value) * 100).toBeCloseTo(l.valueMinor, 0);
					expect(Number.isSafeInteger(l.valueMinor)).toBe(true);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('has a well-formed goods catalogue', () => {
		for (const g of GOODS_CATALOGUE) {
			expect(isValidHsCode(g.hsCode)).toBe(true);
			expect(normalizeControlCode(g.controlCode)).toBe(g.controlCode);
		}
	});

	it('can restrict goods to the general-licence codes, typed in Latin', () => {
		const lines = generateGoodsLines(createRng(5), 3, {
			controlCodes: ['1C350', '10C905', '10C906', '10C907'],
			currency: 'EUR'
		});
		expect(lines.every((l) => isGeneralLicenceCode(l.controlCode) && l.currency === 'EUR')).toBe(true);
		expect(() => generateGoodsLines(createRng(5), 50)).toThrow(RangeError);
	});

	it('makes foreign counterparties from the demo countries', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
				const c = generateCounterparty(createRng(seed));
				expect(c.name).not.toMatch(/[{}]/);
				expect(c.country.cities).toContain(c.city);
				expect(c.country.currencies).toContain(c.currency);
				expect(c.country.iso2).not.toBe('KZ');
			}),
			{ numRuns: 200 }
		);
		expect(generateCounterparty(createRng(3), { country: 'DE' }).name).toMatch(/ GmbH$/);
		expect(
			COUNTRIES.filter((c) => c.eaeu)
				.map((c) => c.iso2)
				.sort()
		).toEqual(['BY', 'KG', 'RU']);
		expect(() => generateCounterparty(createRng(3), { country: 'ZZ' })).toThrow(RangeError);
	});

	it('makes Kazakh-style and Russian-style full names for staff', () => {
		const man = generatePersonName(createRng(11), 'male');
		expect(man.patronymicKk).toMatch(/ұлы$/);
		expect(man.patronymicRu).toMatch(/ович$/);
		const woman = generatePersonName(createRng(11), 'female');
		expect(woman.patronymicKk).toMatch(/қызы$/);
		expect(woman.patronymicRu).toMatch(/овна$/);
		expect(woman.surnameRu === 'Ким' || woman.surnameRu.endsWith('а')).toBe(true);
		const staff = generatePersonNames(createRng(12), 40);
		expect(new Set(staff.map((p) => p.login)).size).toBe(40);
		for (const p of staff) {
			expect(p.fullNameRu.split(' ')).toHaveLength(3);
			expect(p.shortNameRu).toMatch(/^\S+ \S\. \S\.$/u);
			expect(p.login).toMatch(/^[a-z]\.[a-z]+$/);
		}
	});
});
