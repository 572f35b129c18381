/**
 * Optional TOTP second factor (RFC 6238: 30-second steps, 6 digits) with @oslojs/otp. The counter
 * is computed from an injected `now` (the library's TOTP helpers read the wall clock) and a code is
 * accepted in the current step or the one before, for a slow typist or a drifting phone.
 */
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

const PERIOD_S = 30;
const DIGITS = 6;

export function newTotpKey(): Uint8Array {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return key;
}

export function totpUri(key: Uint8Array, username: string): string {
	return createTOTPKeyURI('Merzim', username, key, PERIOD_S, DIGITS);
}

export function totpKeyText(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key);
}

/** The code at `now`, shifted by `stepOffset` 30-second steps. */
export function totpAt(key: Uint8Array, now: Date, stepOffset = 0): string {
	const counter = BigInt(Math.floor(now.getTime() / 1000 / PERIOD_S) + stepOffset);
	return generateHOTP(key, counter, DIGITS);
}

export function verifyTotpAt(key: Uint8Array, code: string, now: Date): boolean {
	if (!/^\d{6}$/.test(code)) return false;
	const enc = new TextEncoder();
	return [0, -1].some((drift) => constantTimeEqual(enc.encode(totpAt(key, now, drift)), enc.encode(code)));
}
