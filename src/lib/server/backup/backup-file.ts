/**
 * The backup file: a first line naming the format, a JSON header line (which database, when, the
 * payload's length and SHA-256), then the payload — PGlite's gzipped tarball of its data folder, or
 * a `pg_dump --format=custom` archive. A file that is not ours, or was cut short, or altered, is
 * refused before anything is touched.
 */
import { createHash } from 'node:crypto';

export const MAGIC = 'MERZIM-BACKUP 1\n';

export interface BackupHeader {
	driver: 'pglite' | 'postgres';
	createdAt: string;
	bytes: number;
	sha256: string;
	/** Committed migrations of the database backed up. */
	migrations: number;
}

export class BackupFileError extends Error {}

export function encodeBackup(meta: Omit<BackupHeader, 'bytes' | 'sha256'>, payload: Uint8Array): Buffer {
	const header: BackupHeader = {
		...meta,
		bytes: payload.length,
		sha256: createHash('sha256').update(payload).digest('hex')
	};
	return Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'), payload]);
}

export function decodeBackup(file: Uint8Array): { header: BackupHeader; payload: Buffer } {
	const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
	if (buf.subarray(0, MAGIC.length).toString('utf8') !== MAGIC)
		throw new BackupFileError('This is not a Merzim backup (it does not start with the backup header).');
	const end = buf.indexOf(0x0a, MAGIC.length);
	if (end < 0 || end - MAGIC.length > 4096) throw new BackupFileError('The backup header is damaged.');
	let header: BackupHeader;
	try {
		header = JSON.parse(buf.subarray(MAGIC.length, end).toString('utf8')) as BackupHeader;
	} catch {
		throw new BackupFileError('The backup header is damaged.');
	}
	if (
		(header.driver !== 'pglite' && header.driver !== 'postgres') ||
		!Number.isInteger(header.bytes) ||
		!/^[0-9a-f]{64}$/.test(header.sha256 ?? '')
	)
		throw new BackupFileError('The backup header is damaged.');
	const payload = buf.subarray(end + 1);
	if (payload.length < header.bytes)
		throw new BackupFileError(
			`The backup is truncated: ${payload.length} of ${header.bytes} bytes. Nothing was restored.`
		);
	if (payload.length > header.bytes) throw new BackupFileError('The backup has bytes after its end: not as written.');
	if (createHash('sha256').update(payload).digest('hex') !== header.sha256)
		throw new BackupFileError('The backup is damaged: its SHA-256 does not match. Nothing was restored.');
	return { header, payload };
}
