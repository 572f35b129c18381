/**
 * The y-protocols sync messages (step 1: a state vector; step 2 and update: a Yjs update), encoded
 * and decoded the same way on both ends of the `draft:sync` event. Decoding is strict: a message
 * of another type, or with bytes left over, is rejected (null), never half-read.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';

export type SyncMessage = { type: 'step1'; stateVector: Uint8Array } | { type: 'step2' | 'update'; update: Uint8Array };

function encode(type: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encode(messageYjsSyncStep1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encode(messageYjsSyncStep2, update);
export const encodeSyncUpdate = (update: Uint8Array) => encode(messageYjsUpdate, update);

export function decodeSyncMessage(message: Uint8Array): SyncMessage | null {
	try {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (decoding.hasContent(decoder)) return null;
		if (type === messageYjsSyncStep1) return { type: 'step1', stateVector: payload };
		if (type === messageYjsSyncStep2) return { type: 'step2', update: payload };
		if (type === messageYjsUpdate) return { type: 'update', update: payload };
		return null;
	} catch {
		return null;
	}
}

/**
 * y-protocols messages travel as base64 text inside the socket.io event, not as binary: socket.io
 * sends a binary event as two WebSocket frames (a header packet and the attachment), and a
 * keystroke fans out to every editor twice (the update and the caret), so text halves the frames
 * and system calls per keystroke (bench/README.md, drafting). Validated by the contract's schema
 * before decoding.
 */
export const toWire = (bytes: Uint8Array): string => toBase64(bytes);
export const fromWire = (text: string): Uint8Array => fromBase64(text);
