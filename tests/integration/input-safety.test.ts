/**
 * Input that used to answer 500: control characters (NUL above all, which PostgreSQL refuses in
 * text) in any text field, in forms, and typed into the refusal draft; JSON nested 10,000 deep.
 * Real HTTP and sockets against the built app, on PGlite or PostgreSQL (DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { annex1Application } from '../helpers/import-application';
import { cookieFor, draftClient, seedCase } from '../helpers/draft-clients';
import { BODY_FIELD } from '../../src/lib/server/drafting/draft-state';
import { draftVersions, users } from '../../src/lib/server/db/schema';
import { thermalImagingModule } from '../helpers/goods-lines';

let app: TestApp;
let portal: string;
let olgaId: number;

beforeAll(async () => {
	app = await startTestApp();
	olgaId = await app.createUser('olga', ['officer']);
	await app.createUser('boss', ['admin']);
	portal = (await app.ctx.tokens.issue({ name: 'portal', kind: 'portal' }, { userId: null, label: 'test' })).token;
});
afterAll(() => app.close());

const application = (name: string) =>
	annex1Application({
		service: 'export-licence',
		externalId: `EGOV-NUL-${Math.random().toString(36).slice(2)}`,
		receivedAt: app.ctx.clock.now(),
		applicant: { name, legalAddress: 'Астана, пр. Мангилик Ел, 55', city: 'Astana' },
		goodsLine: thermalImagingModule,
		party: { name: 'Horizon Trading FZE', country: 'AE' },
		firstExportToCounterparty: true
	});

describe('control characters', () => {
	it('refuses NUL and other C0 controls in a JSON text field with 422 naming the field', async () => {
		const api = new HttpClient(app.url, '10.40.0.1', null);
		for (const name of ['ТОО «Дала\u0000Технологии»', 'ТОО \u001b[31m']) {
			const res = await api.postJson('/api/v1/applications', application(name), { authorization: `Bearer ${portal}` });
			expect(res.status).toBe(422);
			expect(await res.json()).toMatchObject({
				fields: { 'applicant.name': { code: 'control-character', message: expect.stringMatching(/control/) } }
			});
		}
		// Tabs and line breaks are text.
		const ok = await api.postJson('/api/v1/applications', application('ТОО «Дала\tТехнологии»\r\n'), {
			authorization: `Bearer ${portal}`
		});
		expect(ok.status).toBe(201);
	});

	it('refuses NUL in a form field with 400, not 500', async () => {
		const admin = new HttpClient(app.url, '10.40.0.2');
		await admin.signIn('boss', TEST_PASSWORD);
		const res = await admin.postForm('/admin/calendar?/apply', {
			date: '2026-05-04',
			kind: 'day_off',
			reason: 'a\u0000b'
		});
		expect(res.status).toBe(400);
	});

	it('keeps a version of a draft whose text holds NUL, without the NUL', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-NUL-1', assigneeId: olgaId });
		const olga = await draftClient(app.url, await cookieFor(app.url, 'olga', '10.40.0.3'), caseId, 'olga');
		try {
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText('Лицензиялық\u0000 алым\u0007 енгізілмеген.')]);
			olga.doc.getXmlFragment(BODY_FIELD).insert(0, [p]);
			const until = Date.now() + 10_000;
			while (olga.acked.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
			expect(olga.acked.length).toBeGreaterThan(0);

			const http = new HttpClient(app.url, '10.40.0.3');
			await http.signIn('olga', TEST_PASSWORD);
			const res = await http.postJson(`/api/v1/cases/${caseId}/draft/versions`, { name: 'with a NUL' });
			expect(res.status).toBe(201);
			const { id } = (await res.json()) as { id: string };
			const [row] = await app.ctx.db.select().from(draftVersions).where(eq(draftVersions.id, id));
			expect(row!.text).toBe('Лицензиялық алым енгізілмеген.');
		} finally {
			olga.close();
		}
	});
});

describe('deeply nested JSON', () => {
	it('answers 400 for a body nested 10,000 deep, before anything reads it', async () => {
		const olga = new HttpClient(app.url, '10.40.0.4');
		await olga.signIn('olga', TEST_PASSWORD);
		const admin = new HttpClient(app.url, '10.40.0.5');
		await admin.signIn('boss', TEST_PASSWORD);
		const caseId = await seedCase(app.ctx.db, { number: 'EL-DEEP-1', assigneeId: olgaId });
		const deep = '['.repeat(10_000) + ']'.repeat(10_000);
		for (const [who, path, headers] of [
			[olga, `/api/v1/cases/${caseId}/actions/complete-check`, { 'idempotency-key': 'deep-1' }],
			[olga, `/api/v1/cases/${caseId}/actions/complete-check`, {}],
			[admin, '/api/v1/admin/users', {}]
		] as const) {
			const res = await who.request(path, {
				method: 'POST',
				body: deep,
				headers: { 'content-type': 'application/json', ...headers }
			});
			expect(res.status, path).toBe(400);
		}
		expect((await app.ctx.db.select().from(users)).length).toBe(2);
	});
});
