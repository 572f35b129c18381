/**
 * Signing a letter sits behind one interface so that a real EDS (electronic digital signature,
 * 001 p.20: "signed with the EDS of the head") can be plugged in; real EDS is out of scope
 * (README, known limitations). The stand-in records the PDF's SHA-256 as its "signature".
 */
import { createHash } from 'node:crypto';

export interface Signer {
	sign(pdf: Uint8Array): Promise<{ signature: Uint8Array; algorithm: string }>;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class Sha256OnlySigner implements Signer {
	async sign(pdf: Uint8Array) {
		return { signature: new Uint8Array(createHash('sha256').update(pdf).digest()), algorithm: 'sha256-only (no EDS)' };
	}
}
