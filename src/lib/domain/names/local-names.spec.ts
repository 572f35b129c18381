import { describe, expect, it } from 'vitest';
import { cleanNames, nameIn } from './local-names';

describe('nameIn', () => {
	const names = { kk: 'Нұрлан Әбенов', ru: 'Нурлан Абенов' };
	it.each([
		['kk', 'Нұрлан Әбенов'],
		['ru', 'Нурлан Абенов'],
		['en', 'Nurlan Abenov']
	] as const)('in %s gives %s', (locale, expected) => {
		expect(nameIn(names, 'Nurlan Abenov', locale)).toBe(expected);
	});
	it.each([null, undefined, {}, { kk: '  ' }])('falls back when the language has none (%j)', (n) => {
		expect(nameIn(n, 'Nurlan Abenov', 'kk')).toBe('Nurlan Abenov');
	});
});

describe('cleanNames', () => {
	it('keeps the three languages, trimmed, without blanks or other keys', () => {
		expect(cleanNames({ kk: ' Дана ', ru: '', en: 'Dana', de: 'Dana', fr: 3 })).toEqual({ kk: 'Дана', en: 'Dana' });
	});
	it('is empty for nothing', () => {
		expect(cleanNames(null)).toEqual({});
	});
});
