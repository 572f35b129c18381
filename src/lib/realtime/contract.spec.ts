import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { DRAFT_AWARENESS_MAX_BYTES, DRAFT_MESSAGE_MAX_BYTES, readDraftAwareness, readDraftSync } from './contract';

// The rules readDraftSync / readDraftAwareness check by hand, as the zod schemas they replace on
// the hot path: a strict object of a uuid and base64 text of 1 to maxBytes bytes.
const base64 = (maxBytes: number) =>
	z
		.string()
		.min(4)
		.max(Math.ceil(maxBytes / 3) * 4)
		.regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
const SyncSchema = z.object({ draftId: z.uuid(), message: base64(DRAFT_MESSAGE_MAX_BYTES) }).strict();
const AwarenessSchema = z.object({ draftId: z.uuid(), update: base64(DRAFT_AWARENESS_MAX_BYTES) }).strict();

const id = '0b7a2d7e-8f4e-4a43-9a5e-3f1f2f0c9d11';
const b64 = (n: number) => Buffer.alloc(n, 7).toString('base64');

describe('readDraftSync', () => {
	it.each([
		['a sync message', { draftId: id, message: 'AAEC' }, true],
		['padding', { draftId: id, message: 'AAE=' }, true],
		['upper-case uuid', { draftId: id.toUpperCase(), message: 'AAEC' }, true],
		['the largest message', { draftId: id, message: b64(DRAFT_MESSAGE_MAX_BYTES) }, true],
		['one byte too many', { draftId: id, message: b64(DRAFT_MESSAGE_MAX_BYTES + 3) }, false],
		['empty text', { draftId: id, message: '' }, false],
		['not base64', { draftId: id, message: 'AA*C' }, false],
		['base64 without padding', { draftId: id, message: 'AAE' }, false],
		['binary, not text', { draftId: id, message: new Uint8Array([0, 1, 2, 3]) }, false],
		['not a uuid', { draftId: 'draft-1', message: 'AAEC' }, false],
		['uuid of version 9', { draftId: '0b7a2d7e-8f4e-9a43-9a5e-3f1f2f0c9d11', message: 'AAEC' }, false],
		['a key more', { draftId: id, message: 'AAEC', extra: 1 }, false],
		['a key missing', { draftId: id }, false],
		['the awareness key instead', { draftId: id, update: 'AAEC' }, false],
		['an own __proto__ key', JSON.parse(`{"draftId":"${id}","__proto__":{"message":"AAEC"}}`), false],
		['an array', [id, 'AAEC'], false],
		['null', null, false],
		['a string', 'AAEC', false]
	])('%s → accepted: %s', (_label, request, accepted) => {
		const read = readDraftSync(request);
		expect(read !== null).toBe(accepted);
		expect(SyncSchema.safeParse(request).success).toBe(accepted);
		if (accepted) expect(read).toEqual(request);
	});

	it('returns only the two fields, as new strings of the same value', () => {
		const request = { draftId: id, message: 'AAEC' };
		const read = readDraftSync(request)!;
		expect(read).not.toBe(request);
		expect(Object.keys(read).sort()).toEqual(['draftId', 'message']);
	});
});

describe('readDraftAwareness', () => {
	it('takes `update`, up to its own smaller limit', () => {
		expect(readDraftAwareness({ draftId: id, update: b64(DRAFT_AWARENESS_MAX_BYTES) })).not.toBeNull();
		expect(readDraftAwareness({ draftId: id, update: b64(DRAFT_AWARENESS_MAX_BYTES + 3) })).toBeNull();
		expect(readDraftAwareness({ draftId: id, message: 'AAEC' })).toBeNull();
	});
});

describe('the hand check agrees with the zod schema', () => {
	const text = fc.oneof(
		fc.uint8Array({ minLength: 0, maxLength: 40 }).map((b) => Buffer.from(b).toString('base64')),
		fc.string({ maxLength: 12 }),
		fc.string({ unit: fc.constantFrom(...'AB+/=*-9a '.split('')), maxLength: 10 })
	);
	const uuid = fc.oneof(
		fc.uuid({ version: [1, 4, 7] }),
		fc.uuid().map((u) => u.toUpperCase()),
		fc.string({ maxLength: 40 }),
		fc.constant(id.slice(1))
	);
	const anyValue = fc.oneof(text, uuid, fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }));
	const request = fc.oneof(
		fc.record({ draftId: uuid, message: text }),
		fc.record({ draftId: uuid, update: text }),
		fc.record({ draftId: anyValue, message: anyValue }, { requiredKeys: [] }),
		fc.record({ draftId: uuid, message: text, extra: anyValue }, { requiredKeys: ['draftId', 'message'] }),
		fc.dictionary(fc.constantFrom('draftId', 'message', 'update', 'x'), anyValue, { maxKeys: 3 }),
		anyValue
	);

	it('on sync messages', () => {
		fc.assert(
			fc.property(request, (r) => {
				expect(readDraftSync(r) !== null).toBe(SyncSchema.safeParse(r).success);
			}),
			{ numRuns: 3000 }
		);
	});
	it('on awareness messages', () => {
		fc.assert(
			fc.property(request, (r) => {
				expect(readDraftAwareness(r) !== null).toBe(AwarenessSchema.safeParse(r).success);
			}),
			{ numRuns: 3000 }
		);
	});
});
