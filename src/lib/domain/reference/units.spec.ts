import { describe, expect, it } from 'vitest';
import { UNITS, unitNameIn } from './units';

describe('unitNameIn', () => {
	it.each([
		['Export control', 'kk', 'Экспорттық бақылау басқармасы'],
		['Export control', 'ru', 'Управление экспортного контроля'],
		['Registry', 'en', 'Registry'],
		['Licensing', 'kk', 'Licensing']
	] as const)('%s in %s is %s', (code, locale, expected) => {
		expect(unitNameIn(code, locale)).toBe(expected);
	});
	it('names every unit in Cyrillic for kk and ru', () => {
		for (const u of UNITS) for (const l of ['kk', 'ru'] as const) expect(u.names[l]).not.toMatch(/[A-Za-z]/);
	});
});
