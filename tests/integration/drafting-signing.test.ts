/**
 * Drafting: named immutable versions with a word diff, and the head's signature that freezes the
 * letter (001 p.20, Annex 2; ADR-015) — a real PAdES signature with the head's own key and PIN,
 * through the documents' signing path (ADR-083), judged by poppler's pdfsig and pdftotext.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { and, eq } from 'drizzle-orm';
import { TEST_PASSWORD } from '../helpers/test-app';
import { caseEvents, cases, documents, draftSignatures, draftVersions, drafts } from '../../src/lib/server/db/schema';
import { createHash } from 'node:crypto';
import { giveSigningKey } from '../helpers/signing-key';
import { pdfsig, pdftotext } from '../helpers/pdf-tools';
import { findCurrentDraft } from '../../src/lib/server/drafting/draft.repository';
import { HttpClient } from '../helpers/http-client';
import { BODY_FIELD } from '../../src/lib/server/drafting/draft-state';
import { encodeSyncUpdate, toWire } from '../../src/lib/realtime/draft-sync-messages';
import { seedCase, type DraftClient } from '../helpers/draft-clients';
import { useDraftingApp } from '../helpers/drafting-app';

const h = useDraftingApp();
const { ids, client, storedText, settle } = h;
const PIN = '5791';
let portal: string;

beforeAll(async () => {
	// hank, a head, holds a keystore of a test CA (what the admin uploads); hedda, also a head, none.
	await giveSigningKey(h.app.ctx, {
		userId: ids.hank!,
		commonName: 'hank Демо',
		pin: PIN,
		now: h.app.ctx.clock.now()
	});
	portal = (
		await h.app.ctx.tokens.issue(
			{ name: 'portal of the drafting test', kind: 'portal' },
			{ userId: null, label: 'test' }
		)
	).token;
}, 60_000);

const asPortal = (path: string) => fetch(h.app.url + path, { headers: { authorization: `Bearer ${portal}` } });

describe('versions and sign-off', () => {
	async function http(name: string) {
		const c = new HttpClient(h.app.url, '10.7.1.1');
		expect((await c.signIn(name, TEST_PASSWORD)).status).toBe(201);
		return c;
	}
	const type = (c: DraftClient, text: string) => {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText(text)]);
		const body = c.doc.getXmlFragment(BODY_FIELD);
		body.insert(body.length, [p]);
	};

	it('keeps named versions with who and when, diffs them by word, and a head’s signature freezes the letter', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-SIGN-1', assigneeId: ids.olga! });
		const base = `/api/v1/cases/${caseId}/draft`;
		const olga = await client('olga', caseId);
		const [olgaHttp, hankHttp, sueHttp, ritaHttp] = (await Promise.all(['olga', 'hank', 'sue', 'rita'].map(http))) as [
			HttpClient,
			HttpClient,
			HttpClient,
			HttpClient
		];
		type(olga, 'Лицензиялық алым енгізілмеген.');
		await settle([olga]);
		const v1 = await olgaHttp.postJson(`${base}/versions`, { name: 'sent to the head' });
		expect(v1.status).toBe(201);
		const first = (await v1.json()) as { id: string; number: number; name: string; createdBy: string };
		expect(first).toMatchObject({ number: 1, name: 'sent to the head', createdBy: 'olga', chain: 1 });
		type(olga, 'Не внесён лицензионный сбор.');
		await settle([olga]);
		const second = (await (await olgaHttp.postJson(`${base}/versions`, { name: 'after the hearing' })).json()) as {
			id: string;
			number: number;
		};
		expect(second.number).toBe(2);

		const list = (await (await sueHttp.get(`${base}/versions`)).json()) as { versions: { name: string }[] };
		expect(list.versions.map((v) => v.name)).toEqual(['sent to the head', 'after the hearing']);
		const diff = (await (await sueHttp.get(`${base}/diff?from=${first.id}&to=${second.id}`)).json()) as {
			segments: { op: string; text: string }[];
			wordsInserted: number;
			wordsDeleted: number;
		};
		expect(diff.segments.filter((s) => s.op === 'insert').map((s) => s.text.trim())).toEqual([
			'Не внесён лицензионный сбор.'
		]);
		expect([diff.wordsInserted, diff.wordsDeleted]).toEqual([4, 0]);

		// Readers read, only editors keep versions, only a head signs; others get nothing.
		expect((await sueHttp.postJson(`${base}/versions`, { name: 'x' })).status).toBe(403);
		expect((await ritaHttp.get(`${base}/versions`)).status).toBe(403);
		expect((await olgaHttp.postJson(`${base}/sign`, { pin: PIN })).status).toBe(403);
		expect((await olgaHttp.postJson(`${base}/versions`, { name: '' })).status).toBe(422);

		const changes: unknown[] = [];
		olga.socket.on('draft:access-changed', (p) => changes.push(p));
		// A wrong PIN refuses the act before anything changes: no version, no decision, no document, still editable.
		const eventsBefore = await h.app.ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
		const wrong = await hankHttp.postJson(`${base}/sign`, { pin: '0000' });
		expect(wrong.status).toBe(403);
		expect(await wrong.json()).toMatchObject({ code: 'wrong-pin' });
		expect((await hankHttp.postJson(`${base}/sign`, {})).status).toBe(422);
		expect((await h.app.ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).length).toBe(
			eventsBefore.length
		);
		expect((await h.app.ctx.db.select().from(documents).where(eq(documents.caseId, caseId))).length).toBe(0);
		expect(
			(await h.app.ctx.db.select().from(draftSignatures)).filter((r) => r.draftId === olga.provider.state.draftId)
		).toEqual([]);
		const [afterWrong] = await h.app.ctx.db.select({ stage: cases.stage }).from(cases).where(eq(cases.id, caseId));
		expect(afterWrong!.stage).toBe('hearing-held');
		const [stillDrafting] = await h.app.ctx.db
			.select({ status: drafts.status })
			.from(drafts)
			.where(eq(drafts.id, olga.provider.state.draftId!));
		expect(stillDrafting!.status).toBe('drafting');
		type(olga, 'Өтініш беруші тыңдауда келіспеді.');
		await settle([olga]);
		expect(changes).toEqual([]);
		// hedda is a head without a key: refused with the reason, nothing changes either.
		const hedda = await http('hedda');
		expect(await (await hedda.postJson(`${base}/sign`, { pin: PIN })).json()).toMatchObject({ code: 'no-keystore' });

		const signing = await hankHttp.postJson(`${base}/sign`, { pin: PIN });
		expect(signing.status).toBe(201);
		const signed = (await signing.json()) as {
			sha256: string;
			version: number;
			draftId: string;
			letterNumber: string;
			documentId: string;
			algorithm: string;
		};
		expect(signed).toMatchObject({
			version: 3,
			letterNumber: 'EL-SIGN-1/ДБ-1',
			draftId: olga.provider.state.draftId,
			algorithm: expect.stringContaining('PAdES')
		});

		// The PDF served is the signed refusal document: pdfsig says valid and whole, its text is the draft's.
		const pdf = await sueHttp.get(`${base}/pdf`);
		const bytes = new Uint8Array(await pdf.arrayBuffer());
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(signed.sha256);
		const report = await pdfsig(bytes);
		expect(report, report.out).toMatchObject({
			valid: true,
			whole: true,
			etsi: true,
			sha256: true,
			signer: 'hank Демо'
		});
		const text = (await pdftotext(bytes)).replace(/\s+/g, ' ');
		for (const t of [
			'Лицензиялық алым енгізілмеген.',
			'Не внесён лицензионный сбор.',
			'Өтініш беруші тыңдауда келіспеді.',
			'EL-SIGN-1/ДБ-1'
		])
			expect(text).toContain(t);
		// The same document, signature and events as a document signed on the case page (ADR-083).
		const [doc] = await h.app.ctx.db.select().from(documents).where(eq(documents.id, signed.documentId));
		expect(doc).toMatchObject({
			caseId,
			kind: 'refusal',
			sha256: signed.sha256,
			signedBy: ids.hank,
			signerName: 'hank'
		});
		const [docEvent] = await h.app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'document:signed')));
		expect(docEvent!.after).toMatchObject({ documentId: signed.documentId, kind: 'refusal', sha256: signed.sha256 });
		expect(docEvent!.citation).toContain('001 Annex 2');
		// The portal has the applicant's copy to deliver to the personal cabinet.
		const listed = (await (await asPortal(`/api/v1/cases/${caseId}/documents`)).json()) as {
			documents: { id: string; kind: string; sha256: string; url: string }[];
		};
		expect(listed.documents).toMatchObject([{ id: signed.documentId, kind: 'refusal', sha256: signed.sha256 }]);
		const copy = await asPortal(listed.documents[0]!.url);
		expect(
			createHash('sha256')
				.update(new Uint8Array(await copy.arrayBuffer()))
				.digest('hex')
		).toBe(signed.sha256);
		const [event] = await h.app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'refusal:letter-signed')));
		expect(event!.after).toEqual({
			draftId: signed.draftId,
			version: 3,
			documentId: signed.documentId,
			number: 'EL-SIGN-1/ДБ-1',
			sha256: signed.sha256,
			signer: 'hank'
		});
		expect(event!.actorLabel).toBe('hank');
		expect(event!.citation).toBe('001 p.20; 001 Annex 2');
		// Signing is the head's decision: the case is refused on the grounds it was heard on, with this text.
		const [c] = await h.app.ctx.db
			.select({ stage: cases.stage, decision: cases.decision, decidedBy: cases.decidedBy })
			.from(cases)
			.where(eq(cases.id, caseId));
		expect(c).toMatchObject({
			stage: 'refused',
			decision: { outcome: 'refused', grounds: [3], text: expect.stringContaining('Не внесён лицензионный сбор.') }
		});
		expect(c!.decidedBy).not.toBeNull();

		// Frozen: the editor is told live, its updates are refused, versions and a second signature too.
		const until = Date.now() + 5_000;
		while (changes.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
		expect(changes).toEqual([{ draftId: signed.draftId, access: 'read', reason: 'signed' }]);
		const sneaky = new Y.Doc();
		Y.applyUpdate(sneaky, Y.encodeStateAsUpdate(olga.doc));
		const updates: Uint8Array[] = [];
		sneaky.on('update', (u: Uint8Array) => updates.push(u));
		(sneaky.getXmlFragment(BODY_FIELD).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('changed after signing ')]);
		expect(
			await olga.socket.emitWithAck('draft:sync', {
				draftId: signed.draftId,
				message: toWire(encodeSyncUpdate(updates[0]!))
			})
		).toEqual({ error: expect.any(String), code: 'draft-signed' });
		expect((await olgaHttp.postJson(`${base}/versions`, { name: 'too late' })).status).toBe(409);
		expect((await hankHttp.postJson(`${base}/sign`, { pin: PIN })).status).toBe(409);
		expect((await h.app.ctx.db.select().from(documents).where(eq(documents.caseId, caseId))).length).toBe(1);
		const [stored] = await h.app.ctx.db
			.select({ text: draftVersions.text })
			.from(draftVersions)
			.where(and(eq(draftVersions.draftId, signed.draftId), eq(draftVersions.number, 3)));
		expect(stored!.text).toBe(
			'Лицензиялық алым енгізілмеген.\nНе внесён лицензионный сбор.\nӨтініш беруші тыңдауда келіспеді.'
		);
		expect((await storedText(h.app.ctx, caseId)).text).toBe(stored!.text);

		// A new draft starts a new chain from the signed text.
		const next = await olgaHttp.postJson(`${base}/chains`, {});
		expect(next.status).toBe(201);
		expect(await next.json()).toMatchObject({ chain: 2, status: 'drafting' });
		const again = await client('olga', caseId);
		expect(again.provider.state).toMatchObject({ chain: 2, access: 'edit' });
		expect(again.text()).toBe(stored!.text);
	});

	it('refuses to sign a letter without grounds', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-SIGN-EMPTY', assigneeId: ids.olga! });
		await client('olga', caseId);
		const hankHttp = await http('hank');
		const res = await hankHttp.postJson(`/api/v1/cases/${caseId}/draft/sign`, { pin: PIN });
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({ code: 'draft-empty' });
		// Nothing is left behind by the refusal: the draft is still open, no document was made.
		expect((await h.app.ctx.db.select().from(documents).where(eq(documents.caseId, caseId))).length).toBe(0);
		expect((await findCurrentDraft(h.app.ctx.db, caseId))!.status).toBe('drafting');
	});
});
