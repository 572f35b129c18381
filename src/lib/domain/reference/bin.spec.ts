import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binCheckDigit, isValidBin, makeBin } from './bin';
import { createRng } from './prng';

describe('BIN / IIN check digit', () => {
	it('pass 1 decides: 04034000012 → 6', () => {
		// 0·1 + 4·2 + 0·3 + 3·4 + 4·5 + 0·6 + 0·7 + 0·8 + 0·9 + 1·10 + 2·11 = 72; 72 mod 11 = 6
		expect(binCheckDigit('04034000012')).toBe(6);
		expect(isValidBin('040340000126')).toBe(true);
		expect(isValidBin('040340000127')).toBe(false);
	});

	it('pass 2 decides when pass 1 gives 10: 08074000182 → 4', () => {
		// pass 1: 0·1 + 8·2 + 0·3 + 7·4 + 4·5 + 0·6 + 0·7 + 0·8 + 1·9 + 8·10 + 2·11 = 175; 175 mod 11 = 10
		// pass 2: 0·3 + 8·4 + 0·5 + 7·6 + 4·7 + 0·8 + 0·9 + 0·10 + 1·11 + 8·1 + 2·2 = 125; 125 mod 11 = 4
		expect(binCheckDigit('08074000182')).toBe(4);
		expect(isValidBin('080740001824')).toBe(true);
		expect(isValidBin('080740001820')).toBe(false);
	});

	it('has no check digit when both passes give 10: 15044000044', () => {
		// pass 1: 1 + 10 + 0 + 16 + 20 + 0 + 0 + 0 + 0 + 40 + 44 = 131; 131 mod 11 = 10
		// pass 2: 3 + 20 + 0 + 24 + 28 + 0 + 0 + 0 + 0 + 4 + 8 = 87; 87 mod 11 = 10
		expect(binCheckDigit('15044000044')).toBeNull();
		for (let d = 0; d <= 9; d++) expect(isValidBin(`15044000044${d}`)).toBe(false);
	});

	it('does not catch a change of the 11th digit when pass 1 decides (weight 11 ≡ 0 mod 11)', () => {
		// 040340000126 → 040340000136: pass-1 sum 72 + 11 = 83, still 6 mod 11
		expect(isValidBin('040340000136')).toBe(true);
	});

	it.each(['', '04034000012', '0403400001260', '04034000012a', ' 040340000126', '04034 0000126', '٠٤٠٣٤٠٠٠٠١٢٦'])(
		'rejects the malformed %j',
		(s) => expect(isValidBin(s)).toBe(false)
	);

	it('binCheckDigit needs exactly 11 digits', () => {
		expect(binCheckDigit('0403400001')).toBeNull();
		expect(binCheckDigit('040340000120')).toBeNull();
	});
});

describe('makeBin', () => {
	it('makes valid legal-entity BINs with the requested structure', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 0xffffffff }),
				fc.constantFrom(4 as const, 5 as const, 6 as const),
				fc.integer({ min: 1996, max: 2025 }),
				fc.integer({ min: 1, max: 12 }),
				(seed, type, year, month) => {
					const bin = makeBin(createRng(seed), { type, year, month, attribute: 0 });
					expect(isValidBin(bin)).toBe(true);
					expect(bin.slice(0, 4)).toBe(String(year % 100).padStart(2, '0') + String(month).padStart(2, '0'));
					expect(bin[4]).toBe(String(type));
					expect(bin[5]).toBe('0');
				}
			),
			{ numRuns: 500 }
		);
	});

	it('defaults to a legal-entity type 4, 5 or 6 and a real month', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
				const bin = makeBin(createRng(seed));
				expect(isValidBin(bin)).toBe(true);
				expect(['4', '5', '6']).toContain(bin[4]);
				const month = Number(bin.slice(2, 4));
				expect(month).toBeGreaterThanOrEqual(1);
				expect(month).toBeLessThanOrEqual(12);
			}),
			{ numRuns: 300 }
		);
	});

	it('is deterministic for a seed', () => {
		expect(makeBin(createRng(42))).toBe(makeBin(createRng(42)));
	});

	/**
	 * One-digit changes. A changed check digit (12th) is always caught. Otherwise a change is missed
	 * only in two ways: (a) digit 11 changes while pass 1 decides — its pass-1 weight, 11, is 0 mod 11,
	 * so r is unchanged; (b) the change switches which pass decides (pass 1 moves to or from 10) and
	 * the new pass happens to give the old check digit.
	 */
	it('catches every one-digit change except the explained cases', () => {
		const pass1 = (s: string) => Array.from(s.slice(0, 11), Number).reduce((a, d, i) => a + d * (i + 1), 0) % 11;
		const decider = (s: string) => (pass1(s) === 10 ? 2 : 1);
		let caught = 0;
		let missedDigit11 = 0;
		let missedPassSwitch = 0;
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 0xffffffff }),
				fc.integer({ min: 0, max: 11 }),
				fc.integer({ min: 1, max: 9 }),
				(seed, pos, delta) => {
					const bin = makeBin(createRng(seed));
					const changed = String((Number(bin[pos]) + delta) % 10);
					const mutated = bin.slice(0, pos) + changed + bin.slice(pos + 1);
					if (!isValidBin(mutated)) {
						caught++;
						return;
					}
					expect(pos).not.toBe(11);
					if (decider(bin) === decider(mutated)) {
						expect(pos).toBe(10);
						expect(decider(bin)).toBe(1);
						missedDigit11++;
					} else {
						missedPassSwitch++;
					}
				}
			),
			{ numRuns: 3000, seed: 20260116 }
		);
		expect(caught).toBeGreaterThan(2500);
		expect(missedDigit11).toBeGreaterThan(0);
		expect(missedDigit11 + missedPassSwitch + caught).toBe(3000);
	});
});
