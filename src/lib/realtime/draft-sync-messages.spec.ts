import { describe, expect, it } from 'vitest';
import { decodeSyncMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './draft-sync-messages';

describe('draft sync messages', () => {
	it('round-trips step 1, step 2 and updates', () => {
		const bytes = new Uint8Array([1, 2, 3]);
		expect(decodeSyncMessage(encodeSyncStep1(bytes))).toEqual({ type: 'step1', stateVector: bytes });
		expect(decodeSyncMessage(encodeSyncStep2(bytes))).toEqual({ type: 'step2', update: bytes });
		expect(decodeSyncMessage(encodeSyncUpdate(bytes))).toEqual({ type: 'update', update: bytes });
	});

	it('rejects unknown types, truncated messages and trailing bytes', () => {
		expect(decodeSyncMessage(new Uint8Array([7, 1, 0]))).toBeNull();
		expect(decodeSyncMessage(new Uint8Array([2, 5, 1]))).toBeNull();
		expect(decodeSyncMessage(new Uint8Array([...encodeSyncUpdate(new Uint8Array([1])), 9]))).toBeNull();
	});
});
