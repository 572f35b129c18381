/**
 * A case's attachments over real HTTP against the built app (PGlite, or PostgreSQL with
 * DATABASE_URL), files in a temporary directory (ADR-056): a type judged by the bytes (422), the
 * size limit (413), who may read and attach (another unit's officer, the portal for another
 * applicant, a supervisor), the bytes back identical with nosniff, versions kept, withdrawal,
 * rows that cannot be deleted, audited reads of a confidential case, and the orphan sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { auditEvents, caseAttachments, caseEvents, cases, organisations, users } from '../../src/lib/server/db/schema';

const MAX = 200_000;
let app: TestApp;
let dir = '';
const c: Record<string, HttpClient> = {};
const ids: Record<string, string> = {};
let portalToken = '';
const BIN_A = '000740001307';
const BIN_B = '990540001234';

const pdf = (text: string) =>
	new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function form(bytes: Uint8Array, name: string, replaces?: string): FormData {
	const f = new FormData();
	f.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
	if (replaces) f.append('replaces', replaces);
	return f;
}
const upload = (who: HttpClient, caseId: string, body: FormData, headers: Record<string, string> = {}) =>
	who.request(`/api/v1/cases/${caseId}/attachments`, { method: 'POST', body, headers });
/** The portal (a server: no Origin) sends the raw bytes with their name in a header. */
const portalUpload = (caseId: string, bytes: Uint8Array, name: string, headers: Record<string, string>) =>
	portalClient().request(`/api/v1/cases/${caseId}/attachments`, {
		method: 'POST',
		body: bytes as unknown as string,
		headers: { 'content-type': 'application/octet-stream', 'x-filename': encodeURIComponent(name), ...headers }
	});
const portal = (bin: string) => ({ authorization: `Bearer ${portalToken}`, 'x-applicant-bin': bin });
const portalClient = () => new HttpClient(app.url, '10.45.9.9', null);
const rowsOf = (caseId: string) => app.ctx.db.select().from(caseAttachments).where(eq(caseAttachments.caseId, caseId));
const storedFiles = () => {
	const root = join(dir, 'sha256');
	try {
		return readdirSync(root).flatMap((p) => readdirSync(join(root, p)));
	} catch {
		return [];
	}
};

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'attach-it-'));
	app = await startTestApp({ MERZIM_ATTACHMENTS_DIR: dir, MERZIM_ATTACHMENT_MAX_BYTES: String(MAX) });
	let n = 0;
	const userIds: Record<string, number> = {};
	for (const [name, role, unit] of [
		['a-officer', 'officer', 'U1'],
		['a-officer2', 'officer', 'U2'],
		['a-head', 'head', null],
		['a-supervisor', 'supervisor', null]
	] as const) {
		userIds[name] = await app.createUser(name, [role]);
		await app.ctx.db.update(users).set({ unit }).where(eq(users.id, userIds[name]!));
		c[name] = new HttpClient(app.url, `10.45.0.${++n}`);
		expect((await c[name].signIn(name, TEST_PASSWORD)).status).toBe(201);
	}
	portalToken = (await app.ctx.tokens.issue({ name: 'att portal', kind: 'portal' }, { userId: null, label: 'test' }))
		.token;
	const orgs = await app.ctx.db
		.insert(organisations)
		.values([
			{ bin: BIN_A, name: 'ЖШС «Ақсу»', legalAddress: 'A', city: 'A' },
			{ bin: BIN_B, name: 'ТОО «Другой»', legalAddress: 'B', city: 'B' }
		])
		.returning();
	const now = app.clock.now();
	const mk = async (key: string, service: string, stage: string, org: number, assigneeId: number | null) => {
		const [row] = await app.ctx.db
			.insert(cases)
			.values({
				number: `AT-2026-${String(Object.keys(ids).length + 1).padStart(5, '0')}`,
				service,
				stage,
				applicantId: orgs[org]!.id,
				assigneeId,
				unit: 'U1',
				receivedAt: now,
				registeredOn: '2026-03-02',
				application: {},
				createdAt: now,
				updatedAt: now
			})
			.returning();
		ids[key] = row!.id;
	};
	await mk('intake', 'export-licence', 'completeness-check', 0, userIds['a-officer']!);
	await mk('review', 'export-licence', 'under-review', 0, userIds['a-officer']!);
	await mk('other', 'export-licence', 'completeness-check', 1, userIds['a-officer']!);
	await mk('device', 'device-verification', 'device-review', 0, userIds['a-officer']!);
}, 180_000);

afterAll(async () => {
	await app?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('upload and download', () => {
	it('an officer attaches a PDF; the same bytes come back, with nosniff and a safe name', async () => {
		const bytes = pdf('contract 17');
		const res = await upload(c['a-officer']!, ids.intake!, form(bytes, '../Шарт №17.exe'));
		expect(res.status).toBe(201);
		const att = (await res.json()) as { id: string; filename: string; kind: string; sha256: string; version: number };
		expect(att).toMatchObject({ filename: 'Шарт №17.exe.pdf', kind: 'pdf', sha256: sha(bytes), version: 1 });
		const got = await c['a-officer']!.get(`/api/v1/cases/${ids.intake}/attachments/${att.id}?download`);
		expect(got.status).toBe(200);
		expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
		expect(got.headers.get('x-content-type-options')).toBe('nosniff');
		expect(got.headers.get('content-type')).toBe('application/pdf');
		expect(got.headers.get('content-disposition')).toBe(
			`attachment; filename="____ _17.exe.pdf"; filename*=UTF-8''${encodeURIComponent('Шарт №17.exe.pdf')}`
		);
		const [event] = await app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, ids.intake!), eq(caseEvents.type, 'case:attachment-added')));
		expect(event!.after).toMatchObject({ attachmentId: att.id, sha256: sha(bytes), source: 'staff' });
		expect(storedFiles()).toContain(sha(bytes));
	});

	it('a file that lies about its type is refused 422, and nothing is kept', async () => {
		const before = storedFiles().length;
		const res = await upload(
			c['a-officer']!,
			ids.intake!,
			form(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'scan.pdf')
		);
		expect(res.status).toBe(422);
		expect(((await res.json()) as { fields: Record<string, string> }).fields).toHaveProperty('file');
		expect(storedFiles()).toHaveLength(before);
		expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
	});

	it('a file over the limit is refused 413, and nothing is kept', async () => {
		const before = (await rowsOf(ids.intake!)).length;
		const big = new Uint8Array(MAX + 1).fill(0x41);
		big.set(pdf('big'));
		const res = await upload(c['a-officer']!, ids.intake!, form(big, 'big.pdf'));
		expect(res.status).toBe(413);
		expect(await rowsOf(ids.intake!)).toHaveLength(before);
		expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
	});

	it('a body that is not multipart is 415; an unknown field 422', async () => {
		const json = await c['a-officer']!.postJson(`/api/v1/cases/${ids.intake}/attachments`, { file: 'x' });
		expect(json.status).toBe(415);
		const f = form(pdf('x'), 'x.pdf');
		f.append('owner', 'me');
		expect((await upload(c['a-officer']!, ids.intake!, f)).status).toBe(422);
	});
});

describe('who may', () => {
	it("another unit's officer neither sees nor attaches (404)", async () => {
		const [att] = await rowsOf(ids.intake!);
		expect((await c['a-officer2']!.get(`/api/v1/cases/${ids.intake}/attachments`)).status).toBe(404);
		expect((await c['a-officer2']!.get(`/api/v1/cases/${ids.intake}/attachments/${att!.id}`)).status).toBe(404);
		expect((await upload(c['a-officer2']!, ids.intake!, form(pdf('u2'), 'u2.pdf'))).status).toBe(404);
	});

	it('a supervisor reads but may not attach (403)', async () => {
		expect((await c['a-supervisor']!.get(`/api/v1/cases/${ids.intake}/attachments`)).status).toBe(200);
		expect((await upload(c['a-supervisor']!, ids.intake!, form(pdf('s'), 's.pdf'))).status).toBe(403);
	});

	it('without a session or token: 401', async () => {
		expect((await new HttpClient(app.url, '10.45.9.1').get(`/api/v1/cases/${ids.intake}/attachments`)).status).toBe(
			401
		);
	});

	it("the portal attaches to its applicant's case in the completeness check, and sees only its own files", async () => {
		const bytes = new TextEncoder().encode('Растау хаты: келісімшарт күшінде.\n');
		const res = await portalUpload(ids.intake!, bytes, 'растау.txt', portal(BIN_A));
		expect(res.status).toBe(201);
		const list = (await (
			await portalClient().request(`/api/v1/cases/${ids.intake}/attachments`, { headers: portal(BIN_A) })
		).json()) as { attachments: { source: string; sha256: string }[] };
		expect(list.attachments.map((a) => a.source)).toEqual(['portal']);
		expect(list.attachments[0]!.sha256).toBe(sha(bytes));
		const [event] = await app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, ids.intake!), eq(caseEvents.actorLabel, 'portal')));
		expect(event).toMatchObject({ type: 'case:attachment-added', citation: '001 p.15' });
	});

	it('the portal speaking for another applicant gets 404; past the intake, 409; without a BIN, 422', async () => {
		expect((await portalUpload(ids.intake!, pdf('b'), 'b.pdf', portal(BIN_B))).status).toBe(404);
		expect(
			(await portalClient().request(`/api/v1/cases/${ids.intake}/attachments`, { headers: portal(BIN_B) })).status
		).toBe(404);
		// A multipart post without our Origin is refused by SvelteKit's CSRF check: the raw form is the portal's.
		expect((await upload(portalClient(), ids.intake!, form(pdf('m'), 'm.pdf'), portal(BIN_A))).status).toBe(403);
		expect((await portalUpload(ids.review!, pdf('r'), 'r.pdf', portal(BIN_A))).status).toBe(409);
		expect((await portalUpload(ids.other!, pdf('o'), 'o.pdf', { authorization: `Bearer ${portalToken}` })).status).toBe(
			422
		);
	});
});

describe('versions and withdrawal', () => {
	it('a new version keeps the old; both download as they were', async () => {
		const v1 = pdf('v1');
		const v2 = pdf('v2');
		const first = (await (await upload(c['a-officer']!, ids.review!, form(v1, 'spec.pdf'))).json()) as { id: string };
		const res = await upload(c['a-head']!, ids.review!, form(v2, 'spec-2.pdf', first.id));
		expect(res.status).toBe(201);
		const second = (await res.json()) as { id: string; seriesId: string; version: number };
		expect(second).toMatchObject({ seriesId: first.id, version: 2 });
		const list = (await (await c['a-officer']!.get(`/api/v1/cases/${ids.review}/attachments`)).json()) as {
			attachments: { id: string; version: number }[];
		};
		expect(list.attachments.map((a) => [a.id, a.version])).toEqual([
			[first.id, 1],
			[second.id, 2]
		]);
		for (const [id, bytes] of [
			[first.id, v1],
			[second.id, v2]
		] as const) {
			const got = await c['a-officer']!.get(`/api/v1/cases/${ids.review}/attachments/${id}`);
			expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
		}
	});

	it('a withdrawal keeps the file with its reason; no version follows it; rows are never deleted', async () => {
		const [latest] = (await rowsOf(ids.review!)).filter((r) => r.version === 2);
		const res = await c['a-officer']!.postJson(`/api/v1/cases/${ids.review}/attachments/${latest!.id}/withdraw`, {
			reason: 'Wrong annex uploaded'
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ withdrawnBy: 'a-officer', withdrawReason: 'Wrong annex uploaded' });
		expect((await c['a-officer']!.get(`/api/v1/cases/${ids.review}/attachments/${latest!.id}`)).status).toBe(200);
		expect((await upload(c['a-officer']!, ids.review!, form(pdf('v3'), 'v3.pdf', latest!.id))).status).toBe(409);
		await expect(app.ctx.db.delete(caseAttachments).where(eq(caseAttachments.id, latest!.id))).rejects.toThrow();
		await expect(
			app.ctx.db.update(caseAttachments).set({ filename: 'x.pdf' }).where(eq(caseAttachments.id, latest!.id))
		).rejects.toThrow();
		const [event] = await app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, ids.review!), eq(caseEvents.type, 'case:attachment-withdrawn')));
		expect(event!.after).toMatchObject({ reason: 'Wrong annex uploaded' });
	});
});

describe('a confidential device case (004 P 14–15)', () => {
	it('is read by its officer, each read audited with the act point; not by a supervisor', async () => {
		const att = (await (await upload(c['a-officer']!, ids.device!, form(pdf('imei list'), 'imei.pdf'))).json()) as {
			id: string;
		};
		expect((await c['a-officer']!.get(`/api/v1/cases/${ids.device}/attachments/${att.id}`)).status).toBe(200);
		expect((await c['a-supervisor']!.get(`/api/v1/cases/${ids.device}/attachments`)).status).toBe(404);
		const reads = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `case-access:${ids.device}`), eq(auditEvents.type, 'attachment:downloaded')));
		expect(reads).toHaveLength(1);
		expect(reads[0]).toMatchObject({ actorLabel: 'a-officer', citation: '004 P 14–15' });
	});
});

describe('the orphan sweep', () => {
	it('removes a stored file no row names, and leaves those rows name', async () => {
		const orphan = 'f'.repeat(64);
		mkdirSync(join(dir, 'sha256', 'ff'), { recursive: true });
		writeFileSync(join(dir, 'sha256', 'ff', orphan), 'left by a crash');
		const old = new Date(Date.now() - 2 * 3_600_000);
		utimesSync(join(dir, 'sha256', 'ff', orphan), old, old);
		const kept = storedFiles().filter((f) => f !== orphan);
		expect(await app.ctx.attachments.sweepOrphans()).toBe(1);
		expect(storedFiles().sort()).toEqual(kept.sort());
		expect((await rowsOf(ids.intake!)).length).toBeGreaterThan(0);
	});
});
