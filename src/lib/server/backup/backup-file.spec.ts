import { describe, expect, it } from 'vitest';
import { decodeBackup, encodeBackup } from './backup-file';

const payload = new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));
const file = encodeBackup({ driver: 'pglite', createdAt: '2026-03-02T04:00:00.000Z', migrations: 11 }, payload);

describe('backup file', () => {
	it('gives back the payload and header written', () => {
		const { header, payload: back } = decodeBackup(file);
		expect(header.driver).toBe('pglite');
		expect(header.migrations).toBe(11);
		expect(Buffer.compare(back, Buffer.from(payload))).toBe(0);
	});

	it('refuses a file that is not ours', () => {
		expect(() => decodeBackup(Buffer.from('PGDMP\x01\x0e\x00 something else'))).toThrow(/not a Merzim backup/);
		expect(() => decodeBackup(Buffer.alloc(0))).toThrow(/not a Merzim backup/);
	});

	it('refuses a truncated file, saying so', () => {
		expect(() => decodeBackup(file.subarray(0, file.length - 100))).toThrow(/truncated/);
		expect(() => decodeBackup(file.subarray(0, 30))).toThrow(/damaged/);
	});

	it('refuses an altered payload or trailing bytes', () => {
		const altered = Buffer.from(file);
		const at = altered.length - 10;
		altered.writeUInt8(altered.readUInt8(at) ^ 0xff, at);
		expect(() => decodeBackup(altered)).toThrow(/SHA-256/);
		expect(() => decodeBackup(Buffer.concat([file, Buffer.from('x')]))).toThrow(/after its end/);
	});
});
