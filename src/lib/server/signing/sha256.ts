/** The SHA-256 of a document's bytes, in hex: what the case's events and the API record of a PDF. */
import { createHash } from 'node:crypto';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
