/**
 * Attachments over real HTTP against the built app (PGlite, or PostgreSQL with DATABASE_URL):
 * - a large multipart upload is streamed to the temporary file, not held in memory (ADR-090): the
 *   process's memory grows by far less than the file; a too-large one is refused 413 while the
 *   client is still sending, and nothing is left behind;
 * - the destruction of a device case's data takes its attachments (004 P 16; ADR-089): tombstone
 *   rows, the files no other case names removed, downloads 410.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, CLIENT_IP_HEADER, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { caseAttachments, caseEvents, cases, organisations, users } from '../../src/lib/server/db/schema';

const MAX = 40 * 1024 * 1024;
let app: TestApp;
let dir = '';
let officer: HttpClient;
const ids: Record<string, string> = {};

const pdf = (text: string) =>
	new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const storedFiles = () => {
	try {
		return readdirSync(join(dir, 'sha256')).flatMap((p) => readdirSync(join(dir, 'sha256', p)));
	} catch {
		return [];
	}
};
const tmpFiles = () => {
	try {
		return readdirSync(join(dir, 'tmp'));
	} catch {
		return [];
	}
};

function form(bytes: Uint8Array, name: string): FormData {
	const f = new FormData();
	f.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
	return f;
}

/**
 * A multipart upload of `size` bytes (a PDF header, then filler) written chunk by chunk with
 * back-pressure and no Content-Length; resolves with the answer and how much had been written when
 * it arrived. The bytes are made as they are sent, so the client holds one chunk at a time.
 */
function streamedUpload(caseId: string, size: number, onProgress?: (written: number) => void) {
	const boundary = '----merzim-test-boundary';
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
			`filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const chunk = Buffer.alloc(64 * 1024, 0x20);
	const hash = createHash('sha256').update(head.subarray(head.length - 9));
	return new Promise<{ status: number; body: string; writtenAtAnswer: number; sha256: string }>((resolve, reject) => {
		let written = 0;
		let answered = false;
		const url = new URL(`/api/v1/cases/${caseId}/attachments`, app.url);
		const req = httpRequest(url, {
			method: 'POST',
			headers: {
				'content-type': `multipart/form-data; boundary=${boundary}`,
				cookie: officer.cookieHeader(),
				origin: app.url,
				accept: 'application/json',
				[CLIENT_IP_HEADER]: officer.ip
			}
		});
		req.on('response', (res) => {
			answered = true;
			const at = written;
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (body += d));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, body, writtenAtAnswer: at, sha256: hash.digest('hex') })
			);
		});
		req.on('error', (e) => {
			if (!answered) reject(e);
		});
		req.write(head);
		let left = size - 9;
		const pump = () => {
			while (left > 0 && !answered) {
				const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
				left -= part.length;
				written += part.length;
				hash.update(part);
				if (onProgress && written % (4 * 1024 * 1024) === 0) onProgress(written);
				if (!req.write(part)) return void req.once('drain', pump);
			}
			if (!answered) req.end(tail);
			else req.destroy();
		};
		pump();
	});
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'attach-stream-'));
	app = await startTestApp({ MERZIM_ATTACHMENTS_DIR: dir, MERZIM_ATTACHMENT_MAX_BYTES: String(MAX) });
	const officerId = await app.createUser('s-officer', ['officer']);
	await app.ctx.db.update(users).set({ unit: 'U1' }).where(eq(users.id, officerId));
	officer = new HttpClient(app.url, '10.46.0.1');
	expect((await officer.signIn('s-officer', TEST_PASSWORD)).status).toBe(201);
	const [org] = await app.ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ЖШС «Ақсу»', legalAddress: 'A', city: 'A' })
		.returning();
	const now = app.clock.now();
	for (const [key, service, stage] of [
		['big', 'export-licence', 'completeness-check'],
		['device', 'device-verification', 'device-review'],
		['other', 'export-licence', 'under-review']
	] as const) {
		const [row] = await app.ctx.db
			.insert(cases)
			.values({
				number: `AS-2026-${key}`,
				service,
				stage,
				applicantId: org!.id,
				assigneeId: officerId,
				unit: 'U1',
				receivedAt: now,
				registeredOn: '2026-03-02',
				application: service === 'device-verification' ? { devices: ['356938035643809'] } : {},
				createdAt: now,
				updatedAt: now
			})
			.returning();
		ids[key] = row!.id;
	}
}, 180_000);

afterAll(async () => {
	await app?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a multipart upload is streamed (ADR-090)', () => {
	// The server runs in this process (test-app.ts), so these samples are the server's memory. It
	// grew by ~35 MB while paraglide's middleware teed every request body (hooks.server.ts).
	it('a 32 MiB file does not grow the process memory by its size; its SHA-256 is recorded', async () => {
		const size = 32 * 1024 * 1024;
		// Live memory, not garbage: each sample after a full collection. A buffered upload holds the
		// whole file (and copies) while it is read, which these samples would see.
		setFlagsFromString('--expose-gc');
		// Freed buffers' memory is returned within the collection, not later by a background thread
		// (which, on a busy machine, would still count them a while after they were freed).
		setFlagsFromString('--no-concurrent-array-buffer-sweeping');
		const gc = runInNewContext('gc') as () => void;
		const used = () => {
			gc();
			const u = process.memoryUsage();
			return u.heapUsed + u.arrayBuffers;
		};
		const before = used();
		let peak = before;
		let samples = 0;
		const sample = () => {
			peak = Math.max(peak, used());
			samples++;
		};
		// Every 4 MiB the client has written (however fast the upload goes), and every half second.
		const sampler = setInterval(sample, 500);
		const res = await streamedUpload(ids.big!, size, sample).finally(() => clearInterval(sampler));
		expect(samples).toBeGreaterThanOrEqual(7);
		expect(res.status, res.body).toBe(201);
		const att = JSON.parse(res.body) as { size: number; sha256: string; kind: string };
		expect(att).toMatchObject({ size, sha256: res.sha256, kind: 'pdf' });
		expect(storedFiles()).toContain(res.sha256);
		// A buffered upload holds the whole 32 MiB (and more, as copies) at its peak; streamed, ~1 MB.
		expect(peak - before, `grew ${peak - before} bytes`).toBeLessThan(size / 4);
	}, 120_000);

	it('a too-large one is refused 413 while it is still being sent; nothing is kept', async () => {
		const rows = (await app.ctx.db.select().from(caseAttachments).where(eq(caseAttachments.caseId, ids.big!))).length;
		const files = storedFiles().length;
		const res = await streamedUpload(ids.big!, MAX + 16 * 1024 * 1024);
		expect(res.status).toBe(413);
		expect(res.writtenAtAnswer).toBeLessThan(MAX + 16 * 1024 * 1024);
		await new Promise((r) => setTimeout(r, 200));
		expect(tmpFiles()).toEqual([]);
		expect(storedFiles()).toHaveLength(files);
		expect(await app.ctx.db.select().from(caseAttachments).where(eq(caseAttachments.caseId, ids.big!))).toHaveLength(
			rows
		);
	}, 120_000);

	it('a field after the file is read; an unknown one after it discards the stored upload', async () => {
		const bytes = pdf('late field');
		const f = form(bytes, 'late.pdf');
		f.append('stray', 'x');
		const res = await officer.request(`/api/v1/cases/${ids.big}/attachments`, { method: 'POST', body: f });
		expect(res.status).toBe(422);
		expect(storedFiles()).not.toContain(sha(bytes));
		expect(tmpFiles()).toEqual([]);
	});
});

describe('device data destroyed with the attachments (004 P 16; ADR-089)', () => {
	it('tombstones the rows, removes files no other case names, answers 410', async () => {
		const shared = pdf('contract shared with another case');
		const own = pdf('imei list of the device case');
		const post = (caseId: string, b: Uint8Array, name: string) =>
			officer.request(`/api/v1/cases/${caseId}/attachments`, { method: 'POST', body: form(b, name) });
		const a = (await (await post(ids.device!, shared, 'contract.pdf')).json()) as { id: string };
		const b = (await (await post(ids.device!, own, 'IMEI 356938035643809.pdf')).json()) as { id: string };
		const other = (await (await post(ids.other!, shared, 'contract.pdf')).json()) as { id: string };
		// Decided long before the one-month retention (ADR-022) ran out.
		await app.ctx.db
			.update(cases)
			.set({ stage: 'device-verified', decidedAt: new Date('2025-11-03T06:00:00Z') })
			.where(eq(cases.id, ids.device!));
		expect(await app.ctx.deviceRetention.sweep()).toEqual([ids.device]);

		const rows = await app.ctx.db.select().from(caseAttachments).where(eq(caseAttachments.caseId, ids.device!));
		expect(rows).toHaveLength(2);
		for (const r of rows) {
			expect(r.destroyedAt).not.toBeNull();
			expect(r.destroyedCitation).toBe('004 P 16');
			expect(r.destroyedReason).toMatch(/retention/);
			expect(r.filename).toMatch(/^destroyed-\d$/); // the name may have named a device
		}
		expect(storedFiles()).toContain(sha(shared)); // still named by the other case
		expect(storedFiles()).not.toContain(sha(own));

		for (const id of [a.id, b.id]) {
			const got = await officer.get(`/api/v1/cases/${ids.device}/attachments/${id}`);
			expect(got.status).toBe(410);
			const body = (await got.json()) as { code: string; message: string };
			expect(body.code).toBe('desk3-attachment-destroyed');
			expect(body.message).toMatch(/destroyed on \d{4}-\d\d-\d\d .*004/);
		}
		expect((await officer.get(`/api/v1/cases/${ids.other}/attachments/${other.id}`)).status).toBe(200);
		const listed = (await (await officer.get(`/api/v1/cases/${ids.device}/attachments`)).json()) as {
			attachments: { destroyedAt: string | null; destroyedCitation: string | null }[];
		};
		expect(listed.attachments.every((x) => x.destroyedAt && x.destroyedCitation === '004 P 16')).toBe(true);

		const [event] = await app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, ids.device!), eq(caseEvents.type, 'device:data-destroyed')));
		expect(event!.after).toMatchObject({ devices: 0, attachments: 2 });
		expect(event!.citation).toBe('004 P 16');

		// A tombstone never changes again, and is never deleted (the trigger).
		await expect(
			app.ctx.db.execute(sql`update case_attachments set filename = 'x' where id = ${a.id}`)
		).rejects.toThrow();
		await expect(
			app.ctx.db.execute(sql`update case_attachments set destroyed_reason = 'other' where id = ${a.id}`)
		).rejects.toThrow();
		await expect(app.ctx.db.execute(sql`delete from case_attachments where id = ${a.id}`)).rejects.toThrow();
		// A second sweep finds nothing more to do.
		expect(await app.ctx.deviceRetention.sweep()).toEqual([]);
	});
});
