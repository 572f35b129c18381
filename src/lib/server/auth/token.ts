/**
 * Session and integration tokens, as in the Lucia sessions guide: `<id>.<secret>`, each half 24
 * characters of a 32-letter alphabet (5 bits each, 120 bits of entropy). Only SHA-256 of the secret
 * is stored; a stolen database row does not let anyone sign in.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

// No 0/o/1/l: tokens are sometimes read aloud or typed from a screen (kiosk set-up).
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function generateSecureRandomString(): string {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	let out = '';
	for (const b of bytes) out += ALPHABET[b >> 3];
	return out;
}

export function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export interface TokenParts {
	id: string;
	secret: string;
}

const TOKEN_RE = /^([a-km-z2-9]{24})\.([a-km-z2-9]{24})$/;

/** Splits a token; anything malformed is `null` (never an exception). */
export function parseToken(token: string | null | undefined): TokenParts | null {
	const m = token ? TOKEN_RE.exec(token) : null;
	return m ? { id: m[1]!, secret: m[2]! } : null;
}

export function newToken(): TokenParts & { token: string; secretHash: Uint8Array } {
	const id = generateSecureRandomString();
	const secret = generateSecureRandomString();
	return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	const candidate = hashSecret(secret);
	return candidate.length === storedHash.length && constantTimeEqual(candidate, storedHash);
}
