import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './signature';
import { createSecretBox } from './secret-box';

describe('Merzim-Signature', () => {
	const body = '{"id":"d1","type":"case.decided","createdAt":"2026-03-02T04:00:00.000Z","data":{}}';
	it('is t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>', () => {
		const expected = createHmac('sha256', 'whsec_x').update(`1772424000.${body}`).digest('hex');
		expect(signatureHeader('whsec_x', body, 1772424000)).toBe(`t=1772424000,v1=${expected}`);
	});

	it('verifies, and refuses another body, another secret or a stale timestamp', () => {
		const h = signatureHeader('whsec_x', body, 1772424000);
		expect(verifySignature('whsec_x', body, h, 1772424010)).toBe(true);
		expect(verifySignature('whsec_x', body + ' ', h, 1772424010)).toBe(false);
		expect(verifySignature('whsec_y', body, h, 1772424010)).toBe(false);
		expect(verifySignature('whsec_x', body, h, 1772424000 + 301)).toBe(false);
		expect(verifySignature('whsec_x', body, 'garbage', 1772424000)).toBe(false);
	});
});

describe('the secret box', () => {
	const box = createSecretBox(() => Buffer.alloc(32, 7));
	it('opens what it sealed for the same subscription only', () => {
		const sealed = box.seal('whsec_abc', 'wh_1');
		expect(Buffer.from(sealed).toString('utf8')).not.toContain('whsec_abc');
		expect(box.open(sealed, 'wh_1')).toBe('whsec_abc');
		expect(() => box.open(sealed, 'wh_2')).toThrow();
	});

	it('refuses a sealed secret under another key', () => {
		const other = createSecretBox(() => Buffer.alloc(32, 8));
		expect(other.keyId()).not.toBe(box.keyId());
		expect(() => other.open(box.seal('whsec_abc', 'wh_1'), 'wh_1')).toThrow();
	});
});
