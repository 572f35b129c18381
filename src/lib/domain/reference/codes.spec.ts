import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	CONTROL_CATEGORIES,
	GENERAL_LICENCE_CODES,
	controlCategory,
	isGeneralLicenceCode,
	isMfaCheckCode,
	isValidHsCode,
	normalizeControlCode,
	normalizeForSearch,
	normalizeHsCode
} from './codes';

const CYR_ES = '\u0421';

describe('control-list codes', () => {
	it('turns a Latin C into the Cyrillic С the acts use', () => {
		expect(normalizeControlCode('1C350')).toBe(`1${CYR_ES}350`);
		expect(normalizeControlCode('1C350').codePointAt(1)).toBe(0x421);
		expect(normalizeControlCode(' 10c 905 ')).toBe('10С905');
		expect(normalizeControlCode('1С350')).toBe('1С350');
	});

	it('maps all twelve look-alikes and leaves other letters alone', () => {
		expect(normalizeControlCode('ABCEHKMOPTXY')).toBe('АВСЕНКМОРТХУ');
		expect(normalizeControlCode('3D001')).toBe('3D001');
		expect(normalizeControlCode('ML1')).toBe('МL1');
	});

	it('is idempotent and never leaves a Latin look-alike', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 20 }), (s) => {
				const once = normalizeControlCode(s);
				expect(normalizeControlCode(once)).toBe(once);
				expect(once).not.toMatch(/[ABCEHKMOPTXY]/);
			})
		);
	});

	it('flags the MFA-check codes 1С350 and 10С905 in either script (001 p.18)', () => {
		expect(isMfaCheckCode('1C350')).toBe(true);
		expect(isMfaCheckCode('1С350')).toBe(true);
		expect(isMfaCheckCode('10c905')).toBe(true);
		expect(isMfaCheckCode('1C350.a.1')).toBe(true);
		expect(isMfaCheckCode('10С906')).toBe(false);
		expect(isMfaCheckCode('1С3501')).toBe(false);
		expect(isMfaCheckCode('11С350')).toBe(false);
		expect(isMfaCheckCode('')).toBe(false);
	});

	it('knows the four general-licence codes (001 p.5)', () => {
		expect(GENERAL_LICENCE_CODES).toEqual(['1С350', '10С905', '10С906', '10С907']);
		for (const c of ['1C350', '10C905', '10C906', '10C907']) expect(isGeneralLicenceCode(c)).toBe(true);
		expect(isGeneralLicenceCode('10С908')).toBe(false);
		expect(isGeneralLicenceCode('3А001')).toBe(false);
	});

	it('reads the category 0–10 from a code', () => {
		expect(controlCategory('1C350')).toBe(1);
		expect(controlCategory('10С905')).toBe(10);
		expect(controlCategory('0B001')).toBe(0);
		expect(controlCategory('11С001')).toBeNull();
		expect(controlCategory('01С001')).toBeNull();
		expect(controlCategory('С350')).toBeNull();
		expect(CONTROL_CATEGORIES.map((c) => c.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});
});

describe('normalizeForSearch', () => {
	it('folds case, Latin look-alikes, quotes and spaces', () => {
		expect(normalizeForSearch('ТОО «СемейПриборСервис»')).toBe('тоо семейприборсервис');
		expect(normalizeForSearch('TOO  "CEMEЙПРИБОРСЕРВИС"')).toBe('тоо семейприборсервис');
		expect(normalizeForSearch('Е-license')).toBe(normalizeForSearch('E-LICENSE'));
		expect(normalizeForSearch('1C350')).toBe(normalizeForSearch('1с350'));
		expect(normalizeForSearch('Ёлка')).toBe('елка');
	});

	it('folds Latin i to Kazakh і and keeps other Kazakh letters', () => {
		expect(normalizeForSearch('Ertis')).toBe(normalizeForSearch('ЕRTІS'));
		expect(normalizeForSearch('Қазақстан Өнеркәсіп')).toBe('қазақстан өнеркәсіп');
	});

	it('is idempotent and insensitive to the case of its input', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (s) => {
				const n = normalizeForSearch(s);
				expect(normalizeForSearch(n)).toBe(n);
			})
		);
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-zА-Яа-я ]{0,30}$/), (s) => {
				expect(normalizeForSearch(s.toUpperCase())).toBe(normalizeForSearch(s.toLowerCase()));
			})
		);
	});
});

describe('EAEU CN FEA codes (001 p.7)', () => {
	it.each(['2922150000', '8517 13 000 0', '8471.30.000.0', '0101210000', '9706000000'])('accepts %j', (s) =>
		expect(isValidHsCode(s)).toBe(true)
	);

	it.each(['', '292215000', '29221500001', '29221500OO', '0022150000', '7700000000', '9800000000', '9922150000'])(
		'rejects %j',
		(s) => expect(isValidHsCode(s)).toBe(false)
	);

	it('strips grouping', () => {
		expect(normalizeHsCode('8517 13 000 0')).toBe('8517130000');
	});
});
