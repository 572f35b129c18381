/**
 * Kazakhstan BIN (business identification number) and IIN (individual identification number):
 * 12 digits, the last one a check digit. Both use the same check-digit algorithm.
 *
 * Check digit (digits d1..d11):
 *   1. r = (d1·1 + d2·2 + … + d11·11) mod 11;
 *   2. if r = 10: r = (d1·3 + d2·4 + … + d9·11 + d10·1 + d11·2) mod 11;
 *   3. if r is still 10 the 11 digits have no check digit — no valid BIN/IIN starts with them.
 *
 * Known weakness (why a one-digit typo is not always caught): in pass 1 the weight of d11 is 11,
 * which is 0 mod 11, so changing d11 does not change r when pass 1 decides; and a typo elsewhere
 * can move r to 10, handing the decision to pass 2, which may by chance give the old digit.
 *
 * BIN structure we generate (legal entities): YYMM + T + A + NNNNN + C
 *   YYMM  year and month of state registration;
 *   T     type: 4 resident legal entity, 5 non-resident legal entity, 6 individual entrepreneur
 *         operating as joint entrepreneurship;
 *   A     attribute: 0 head office, 1 branch, 2 representative office, 3 peasant (farm) household
 *         operating as joint entrepreneurship;
 *   NNNNN serial number; C check digit.
 * Validation (isValidBin) checks only format and check digit, not the structure, so it accepts
 * IINs too (an IIN starts with the holder's birth date YYMMDD).
 */
import type { Rng } from './prng';

const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
	let sum = 0;
	for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
	return sum % 11;
}

/**
 * The check digit for the first 11 digits, or null when none exists (both passes give 10) or the
 * input is not exactly 11 ASCII digits.
 */
export function binCheckDigit(first11: string): number | null {
	if (!/^\d{11}$/.test(first11)) return null;
	const digits = Array.from(first11, Number);
	const r1 = weightedMod11(digits, WEIGHTS_1);
	if (r1 !== 10) return r1;
	const r2 = weightedMod11(digits, WEIGHTS_2);
	return r2 === 10 ? null : r2;
}

/** True when s is exactly 12 ASCII digits (no spaces) and its last digit is the check digit. */
export function isValidBin(s: string): boolean {
	if (!/^\d{12}$/.test(s)) return false;
	return binCheckDigit(s.slice(0, 11)) === Number(s[11]);
}

export type BinEntityType = 4 | 5 | 6;
export type BinAttribute = 0 | 1 | 2 | 3;

export interface MakeBinOptions {
	/** 5th digit; default: random among 4, 5, 6. */
	readonly type?: BinEntityType;
	/** 6th digit; default 0 (head office). */
	readonly attribute?: BinAttribute;
	/** Registration year, 4 digits; default: random 1996–2025. */
	readonly year?: number;
	/** Registration month 1–12; default: random. */
	readonly month?: number;
}

/**
 * A valid, random BIN for a legal entity. Serial numbers whose 11 digits have no check digit are
 * skipped (drawn again), so the result always passes isValidBin.
 */
export function makeBin(rng: Rng, options: MakeBinOptions = {}): string {
	const year = options.year ?? rng.int(1996, 2025);
	const month = options.month ?? rng.int(1, 12);
	if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month}`);
	const type = options.type ?? rng.pick([4, 5, 6] as const);
	const attribute = options.attribute ?? 0;
	const prefix =
		String(year % 100).padStart(2, '0') + String(month).padStart(2, '0') + String(type) + String(attribute);
	for (;;) {
		const first11 = prefix + String(rng.int(1, 99_999)).padStart(5, '0');
		const check = binCheckDigit(first11);
		if (check !== null) return first11 + String(check);
	}
}
