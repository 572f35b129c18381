/**
 * A small seeded pseudo-random number generator for demo data and property tests.
 *
 * Why hand-written: mulberry32 is ~10 lines, fully deterministic across Node versions and
 * platforms (32-bit integer arithmetic only, via Math.imul), and needs no dependency. It is NOT
 * cryptographically secure — never use it for tokens, passwords or anything an attacker may guess.
 * String seeds are hashed to 32 bits with FNV-1a so that `createRng('demo')` is stable too.
 */

/** The random source every generator in this folder takes, so tests can pass a fixed one. */
export interface Rng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
	/** One element of a non-empty array. */
	pick<T>(items: readonly T[]): T;
	/** true with probability p. */
	chance(p: number): boolean;
}

/** FNV-1a 32-bit hash of a string (UTF-16 code units), as an unsigned 32-bit integer. */
export function hashSeed(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32 (Tommy Ettinger, public domain): a raw generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A seeded Rng. The same seed always yields the same sequence. */
export function createRng(seed: number | string): Rng {
	const next = mulberry32(typeof seed === 'string' ? hashSeed(seed) : seed);
	const int = (min: number, max: number): number => {
		if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
			throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
		}
		return min + Math.floor(next() * (max - min + 1));
	};
	return {
		next,
		int,
		pick<T>(items: readonly T[]): T {
			if (items.length === 0) throw new RangeError('pick() from an empty array');
			return items[int(0, items.length - 1)] as T;
		},
		chance: (p: number) => next() < p
	};
}
