import { describe, expect, it } from 'vitest';
import { COUNTRY_NAMES } from './country-names.data';
import { countryLabel, countryName, countryNameKkRu } from './country-names';
import { COUNTRIES } from './demo-catalogue';

describe('country names (ADR-077)', () => {
	it('names a country in Kazakh, Russian and English', () => {
		expect(countryName('DE', 'kk')).toBe('Германия');
		expect(countryName('CN', 'kk')).toBe('Қытай');
		expect(countryName('CN', 'ru')).toBe('Китай');
		expect(countryName('cn', 'en')).toBe('China');
		expect(countryLabel('TR', 'kk')).toBe('Түркия (TR)');
		expect(countryNameKkRu('DE')).toBe('Германия');
		expect(countryNameKkRu('KZ')).toBe('Қазақстан / Казахстан');
	});

	it('gives an unknown code back as it is', () => {
		expect(countryName('QQ', 'kk')).toBe('QQ');
		expect(countryLabel('QQ', 'ru')).toBe('QQ');
	});

	it('has every ISO 3166-1 country, with no Latin letter in its Kazakh and Russian names', () => {
		expect(Object.keys(COUNTRY_NAMES)).toHaveLength(250);
		for (const [code, [kk, ru, en]] of Object.entries(COUNTRY_NAMES)) {
			expect(code).toMatch(/^[A-Z]{2}$/);
			expect(en, code).not.toBe('');
			expect(`${kk} ${ru}`, code).not.toMatch(/[A-Za-z]/);
		}
	});

	it('names every country of the demo data', () => {
		for (const c of COUNTRIES) expect(countryName(c.iso2, 'kk'), c.iso2).not.toBe(c.iso2);
	});

	// The data is generated from CLDR (scripts/country-names.mjs); a Node with other data says so here.
	it.runIf(Intl.DisplayNames.supportedLocalesOf(['kk']).length > 0)('matches this Node’s CLDR data', () => {
		const kk = new Intl.DisplayNames(['kk'], { type: 'region' });
		const ru = new Intl.DisplayNames(['ru'], { type: 'region' });
		const drift = Object.entries(COUNTRY_NAMES).filter(([code, n]) => kk.of(code) !== n[0] || ru.of(code) !== n[1]);
		expect(drift.length, 'run scripts/country-names.mjs').toBeLessThan(5);
	});
});
