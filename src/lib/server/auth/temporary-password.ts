import { randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: the admin reads it out or writes it down for the user. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from 55 (about 115 bits), in groups of five so it can be read out: `abcde-fghij-…`. */
export function temporaryPassword(): string {
	const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]);
	return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
