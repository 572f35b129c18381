/**
 * Where attachment bytes live (ADR-056): content-addressed by SHA-256, outside the database rows,
 * behind an interface an S3-compatible store could implement. The file-system store writes each
 * upload to a temporary file while hashing it, fsyncs it, and only then renames it to its address
 * (and fsyncs the directory): a crash leaves either no file or a whole one, never half of one. The
 * database row is inserted after the rename, so a crash between the two leaves a file without a
 * row — an orphan the sweep removes — and never a row without its file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ApiError } from '../http/api-error';
import { SNIFF_BYTES } from '../../domain/attachments/sniff';

/** An upload written and hashed, not yet at its address: `commit()` keeps it, `discard()` drops it. */
export interface StagedBlob {
	sha256: string;
	size: number;
	/** The first bytes, for sniffing the type. */
	head: Uint8Array;
	commit(): Promise<void>;
	discard(): Promise<void>;
}

export interface BlobStore {
	/** Writes the bytes aside; 413 past `maxBytes` (nothing kept). */
	stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob>;
	/** The stored bytes as a web stream, or null when there is no such blob. */
	open(sha256: string): Promise<ReadableStream<Uint8Array> | null>;
	/** Every stored blob with when it was written (for the orphan sweep). */
	list(): AsyncIterable<{ sha256: string; writtenAt: Date }>;
	/** Removes a blob; only the orphan sweep calls it (attachments themselves are never deleted). */
	remove(sha256: string): Promise<void>;
	/** Removes temporary files older than `before` (uploads cut off by a crash). */
	sweepTemporary(before: Date): Promise<number>;
}

const SHA = /^[0-9a-f]{64}$/;

/**
 * 413, as soon as the limit is passed: the rest of the body is left unread and the answer closes
 * the connection after it is sent (ADR-090), rather than reading what is refused anyway.
 */
export const tooLarge = (maxBytes: number) =>
	new ApiError(413, `The file is larger than ${maxBytes} bytes.`, undefined, { connection: 'close' });

async function fsyncPath(path: string) {
	const handle = await open(path, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

export function createFileBlobStore(root: string): BlobStore {
	const tmpDir = join(root, 'tmp');
	const dirOf = (sha: string) => join(root, 'sha256', sha.slice(0, 2));
	const pathOf = (sha: string) => join(dirOf(sha), sha);

	return {
		async stage(source, maxBytes) {
			await mkdir(tmpDir, { recursive: true });
			const tmp = join(tmpDir, `${randomUUID()}.part`);
			const handle = await open(tmp, 'wx', 0o600);
			const hash = createHash('sha256');
			const head = new Uint8Array(SNIFF_BYTES);
			let headLength = 0;
			let size = 0;
			try {
				for await (const chunk of source) {
					size += chunk.length;
					if (size > maxBytes) throw tooLarge(maxBytes);
					if (headLength < SNIFF_BYTES) {
						const take = chunk.subarray(0, SNIFF_BYTES - headLength);
						head.set(take, headLength);
						headLength += take.length;
					}
					hash.update(chunk);
					await handle.write(chunk);
				}
				await handle.sync();
			} catch (e) {
				await handle.close().catch(() => {});
				await rm(tmp, { force: true });
				throw e;
			}
			await handle.close();
			const sha256 = hash.digest('hex');
			return {
				sha256,
				size,
				head: head.subarray(0, headLength),
				async commit() {
					await mkdir(dirOf(sha256), { recursive: true });
					// The same content is stored once: a second upload of it only drops its temporary copy.
					const exists = await stat(pathOf(sha256)).then(
						() => true,
						() => false
					);
					if (exists) {
						// Fresh again, so the orphan sweep's grace period counts from this upload.
						const now = new Date();
						await utimes(pathOf(sha256), now, now);
						return void (await rm(tmp, { force: true }));
					}
					await rename(tmp, pathOf(sha256));
					await fsyncPath(dirOf(sha256));
				},
				discard: () => rm(tmp, { force: true })
			};
		},

		async open(sha256) {
			if (!SHA.test(sha256)) return null;
			const exists = await stat(pathOf(sha256)).then(
				(s) => s.isFile(),
				() => false
			);
			if (!exists) return null;
			return Readable.toWeb(createReadStream(pathOf(sha256))) as ReadableStream<Uint8Array>;
		},

		async *list() {
			const top = await readdir(join(root, 'sha256')).catch(() => [] as string[]);
			for (const prefix of top) {
				for (const name of await readdir(join(root, 'sha256', prefix)).catch(() => [] as string[])) {
					if (!SHA.test(name)) continue;
					const s = await stat(pathOf(name)).catch(() => null);
					if (s) yield { sha256: name, writtenAt: s.mtime };
				}
			}
		},

		async remove(sha256) {
			if (SHA.test(sha256)) await rm(pathOf(sha256), { force: true });
		},

		async sweepTemporary(before) {
			let removed = 0;
			for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
				const s = await stat(join(tmpDir, name)).catch(() => null);
				if (s && s.mtime < before) {
					await rm(join(tmpDir, name), { force: true });
					removed++;
				}
			}
			return removed;
		}
	};
}
