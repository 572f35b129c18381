/**
 * The documents that leave the Committee, over real HTTP on a simulated clock: each kind made by
 * the officer in its case's flow, signed by the head with the PIN of their own PKCS#12 keystore
 * (PAdES), judged by poppler's pdfsig (valid, whole file; "digest mismatch" after one changed byte)
 * and pdftotext (Kazakh letters extractable), fetched by the portal and delivered with proof.
 * Refusals: the wrong stage (409), a non-signer (403), a wrong PIN, an expired and a revoked
 * certificate (each with its reason); a signed document's bytes cannot be changed in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createCalendar } from '../../src/lib/domain/calendar';
import { caseEvents, clocks, users } from '../../src/lib/server/db/schema';
import { createDemoCa, issueDemoSigner, type DemoCa } from '../../src/lib/server/signing/demo-ca';
import { addTrustAnchor } from '../../src/lib/server/signing/keystores';
import { pdfinfo, pdfsig, pdftotext, tamper } from '../helpers/pdf-tools';
import { clockOf, startProcedureHarness, type Json, type ProcedureHarness } from '../helpers/procedure-harness';

let h: ProcedureHarness;
let ca: DemoCa;
let portal: string;
const PIN = '8642';
const calendar = createCalendar({});
const year = 365 * 86_400_000;

const userId = async (username: string) =>
	(await h.app.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;

async function uploadSigner(username: string, notBefore: Date, notAfter: Date, extra: Json = {}, issuer = ca) {
	const { p12 } = await issueDemoSigner(issuer, { commonName: `${username} Демо`, pin: PIN, notBefore, notAfter });
	return h.staff.admin!.postJson('/api/v1/admin/signers', {
		userId: await userId(username),
		p12: Buffer.from(p12).toString('base64'),
		passphrase: PIN,
		...extra
	});
}

beforeAll(async () => {
	h = await startProcedureHarness('10.61.0');
	const now = h.app.ctx.clock.now();
	ca = await createDemoCa(now);
	await addTrustAnchor(h.app.ctx.db, { label: 'Merzim test CA', certificate: ca.certificate, demo: true }, now);
	expect((await uploadSigner('head', new Date(now.getTime() - 1000), new Date(now.getTime() + year))).status).toBe(201);
	const res = await h.staff.admin!.postJson('/api/v1/admin/tokens', { name: 'portal documents', kind: 'portal' });
	portal = ((await res.json()) as Json).token as string;
}, 120_000);
afterAll(() => h?.close());

const asPortal = (path: string, init: RequestInit = {}) =>
	fetch(h.app.url + path, {
		...init,
		headers: { authorization: `Bearer ${portal}`, 'content-type': 'application/json', ...(init.headers ?? {}) }
	});

async function make(caseId: string, kind: string, by = 'officer') {
	const res = await h.staff[by]!.postJson(`/api/v1/cases/${caseId}/documents`, { kind });
	return { status: res.status, body: (await res.json()) as Json };
}

async function sign(docId: string, by = 'head', pin = PIN) {
	const res = await h.staff[by]!.postJson(`/api/v1/documents/${docId}/signature`, { pin });
	return { status: res.status, body: (await res.json()) as Json };
}

async function pdfOf(url: string, by = 'head') {
	const res = await h.staff[by]!.get(url);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/pdf');
	return new Uint8Array(await res.arrayBuffer());
}

/** Makes the document as the officer, signs it as the head, and has pdfsig and pdftotext judge it. */
async function madeAndSigned(caseId: string, kind: string, expectText: string[], maker = 'officer') {
	// The action the act ties the document to drafted it already, in its own transaction (ADR-066).
	const listed = (await (await h.staff.officer!.get(`/api/v1/cases/${caseId}/documents`)).json()) as Json;
	const auto = (listed.documents as Json[]).filter((d) => d.kind === kind);
	expect(auto, JSON.stringify(listed)).toMatchObject([{ kind, state: 'draft', version: 1 }]);
	const draft = await make(caseId, kind, maker);
	expect(draft.body.id).toBe(auto[0]!.id);
	expect(draft.status, JSON.stringify(draft.body)).toBe(201);
	expect(draft.body).toMatchObject({ kind, state: 'draft', signedAt: null });
	expect((await pdfsig(await pdfOf(draft.body.url))).out).not.toContain('Signature #1');
	const signed = await sign(draft.body.id);
	expect(signed.status, JSON.stringify(signed.body)).toBe(200);
	expect(signed.body).toMatchObject({ id: draft.body.id, state: 'signed', signedBy: 'head' });
	const pdf = await pdfOf(signed.body.url);
	const report = await pdfsig(pdf);
	expect(report, report.out).toMatchObject({ valid: true, whole: true, etsi: true, sha256: true });
	expect(report.signer).toBe('head Демо');
	expect((await pdfsig(tamper(pdf))).valid).toBe(false);
	// Signing keeps the structure a screen reader reads (ADR-064).
	const info = await pdfinfo(pdf);
	expect(info.tagged, info.out).toBe(true);
	const text = await pdftotext(pdf);
	for (const t of ['Өнеркәсіп', signed.body.number, ...expectText]) expect(text).toContain(t);
	return signed.body;
}

async function underReview(over: Json) {
	const { status, body } = await h.submit({ firstExportToCounterparty: undefined, ...over });
	expect(status).toBe(201);
	expect((await h.action('head', body.id, 'assign', { username: 'officer' })).status).toBe(200);
	expect((await h.action('officer', body.id, 'complete-check', { complete: true })).status).toBe(200);
	return body as Json;
}

describe('the licence (001 Annex 3)', () => {
	it('is made only once granted, signed by the head, fetched by the portal and delivered with proof', async () => {
		const c = await underReview({ service: 'import-licence' });
		const early = await make(c.id, 'licence');
		expect(early.status).toBe(409);
		expect(early.body.code).toBe('wrong-stage');
		expect((await h.action('head', c.id, 'decide', { outcome: 'grant' })).body.stage).toBe('granted');
		const draft = await make(c.id, 'licence');
		// The portal never sees a draft.
		const listed = (await (await asPortal(`/api/v1/cases/${c.id}/documents`)).json()) as Json;
		expect(listed.documents).toEqual([]);
		expect((await asPortal(draft.body.url)).status).toBe(404);
		const byOfficer = await sign(draft.body.id, 'officer');
		expect(byOfficer).toMatchObject({ status: 403, body: { code: 'not-a-signer' } });
		const wrongPin = await sign(draft.body.id, 'head', '0000');
		expect(wrongPin).toMatchObject({ status: 403, body: { code: 'wrong-pin' } });

		const doc = await madeAndSigned(c.id, 'licence', [
			'Өзіндік ерекшелігі бар тауарлар импортына арналған лицензия',
			'Келісілді',
			'Thermal imaging module',
			'ТОО «Дала Технологии»'
		]);
		expect(doc.id).toBe(draft.body.id);
		expect((await sign(doc.id)).body.code).toBe('already-signed');

		const list = (await (await asPortal(`/api/v1/cases/${c.id}/documents`)).json()) as Json;
		expect(list.documents).toHaveLength(1);
		expect(Object.keys(list.documents[0])).toEqual(
			expect.arrayContaining(['id', 'kind', 'title', 'sha256', 'signedAt', 'signedBy', 'deliveredAt', 'url'])
		);
		const copy = await asPortal(doc.url);
		expect(copy.status).toBe(200);
		expect(copy.headers.get('x-content-sha256')).toBe(doc.sha256);
		const afterFetch = (await (await h.staff.officer!.get(`/api/v1/cases/${c.id}/documents`)).json()) as Json;
		expect(afterFetch.documents[0].state).toBe('delivered');

		const verification = (await (await asPortal(`/api/v1/documents/${doc.id}/verification`)).json()) as Json;
		expect(verification).toMatchObject({
			signed: true,
			signatureValid: true,
			bytesMatch: true,
			demo: true,
			chain: { trusted: true, anchor: 'Merzim test CA' }
		});
		expect(verification.certificate.subject).toContain('CN=head Демо');
		expect(verification.sha256).toBe(doc.sha256);

		const now = h.app.ctx.clock.now().toISOString();
		const badChannel = await asPortal(`/api/v1/documents/${doc.id}/delivery`, {
			method: 'POST',
			body: JSON.stringify({ deliveredAt: now, channel: 'pigeon', reference: 'x' })
		});
		expect(badChannel.status).toBe(422);
		const proof = { deliveredAt: now, channel: 'portal', reference: 'EGOV-CABINET-77120' };
		const delivered = await asPortal(`/api/v1/documents/${doc.id}/delivery`, {
			method: 'POST',
			body: JSON.stringify(proof),
			headers: { 'idempotency-key': `deliver-${doc.id}` }
		});
		expect(delivered.status).toBe(200);
		expect(await delivered.json()).toMatchObject({ state: 'delivery-confirmed', deliveredAt: now });
		const replay = await asPortal(`/api/v1/documents/${doc.id}/delivery`, {
			method: 'POST',
			body: JSON.stringify(proof),
			headers: { 'idempotency-key': `deliver-${doc.id}` }
		});
		expect(replay.headers.get('idempotency-replayed')).toBe('true');
		const again = await asPortal(`/api/v1/documents/${doc.id}/delivery`, {
			method: 'POST',
			body: JSON.stringify(proof)
		});
		expect(again.status).toBe(409);

		const types = (
			await h.app.ctx.db.select({ type: caseEvents.type }).from(caseEvents).where(eq(caseEvents.caseId, c.id))
		).map((e) => e.type);
		expect(types.filter((t) => t.startsWith('document:'))).toEqual([
			'document:created',
			'document:created',
			'document:created',
			'document:signed',
			'document:downloaded',
			'document:delivered'
		]);
		// The case page lists it with its state, signer and the demo warning (en; kk and ru in messages/).
		const page = await h.staff.officer!.request(`/cases/${c.id}`, {
			headers: { accept: 'text/html', 'accept-language': 'en' }
		});
		const html = await page.text();
		for (const t of ['Issued documents', 'Delivery confirmed', doc.number, 'Demo certificate, not legally valid'])
			expect(html).toContain(t);
		// Immutable once signed: the database refuses to change its bytes.
		const refused = (await h.app.ctx.db
			.execute(sql`update documents set sha256 = 'x' where id = ${doc.id}`)
			.catch((e: unknown) => e)) as { cause?: { message?: string } };
		expect(refused.cause?.message).toMatch(/a signed document is immutable/);
	});
});

describe.each([
	['end-user-certificate', 'ТҮПКІЛІКТІ ПАЙДАЛАНУШЫНЫҢ СЕРТИФИКАТЫ'],
	['import-certificate', 'ХАЛЫҚАРАЛЫҚ ИМПОРТТЫҚ СЕРТИФИКАТ']
])('the %s (000 Annex 4)', (service, title) => {
	it('is signed with its six-month presentation date', async () => {
		const c = await underReview({ service });
		expect((await h.action('head', c.id, 'decide', { outcome: 'grant' })).body.stage).toBe('granted');
		const doc = await madeAndSigned(c.id, service, [title, 'алты ай ішінде']);
		const today = calendar.localDate(h.app.ctx.clock.now());
		expect(doc.presentationDue).toBe(calendar.termEndDay(calendar.addMonths(today, 6)));
		// …and the term is a clock of the case, with its act point and due (000 Annex 4; ADR-065).
		const term = clockOf((await h.view('officer', c.id)).body, 'certificate-presentation');
		expect(term).toMatchObject({ state: 'running', citation: '000 Annex 4 form 1 item 12; form 2 item 9' });
		expect(calendar.localDate(new Date(term.due))).toBe(doc.presentationDue);
	});
});

describe('the documents a case action brings about (ADR-066)', () => {
	it('are drafted with the decision, in its transaction, once — a replayed or refused action adds none', async () => {
		const c = await underReview({ service: 'import-licence' });
		const decide = () =>
			h.staff.head!.postJson(
				`/api/v1/cases/${c.id}/actions/decide`,
				{ outcome: 'grant' },
				{ 'idempotency-key': `decide-${c.id}` }
			);
		expect((await decide()).status).toBe(200);
		expect((await decide()).headers.get('idempotency-replayed')).toBe('true');
		expect((await h.action('head', c.id, 'decide', { outcome: 'grant' })).status).toBe(409);
		const listed = (await (await h.staff.officer!.get(`/api/v1/cases/${c.id}/documents`)).json()) as Json;
		expect(listed.documents).toMatchObject([{ kind: 'licence', state: 'draft', version: 1, signedAt: null }]);
		const events = await h.app.ctx.db
			.select({ type: caseEvents.type, after: caseEvents.after, at: caseEvents.at })
			.from(caseEvents)
			.where(eq(caseEvents.caseId, c.id))
			.orderBy(caseEvents.id);
		const decided = events.findIndex((e) => e.type === 'case:decided');
		const created = events.filter((e) => e.type === 'document:created');
		expect(created).toHaveLength(1);
		// Written by the same action, at the same instant, after the decision it issues.
		expect(events.indexOf(created[0]!)).toBeGreaterThan(decided);
		expect(created[0]!.at).toEqual(events[decided]!.at);
		expect(created[0]!.after).toMatchObject({ kind: 'licence', automatic: true, documentId: listed.documents[0].id });
		// The draft is a real PDF marked as unsigned, awaiting the head's signature.
		const text = await pdftotext(await pdfOf(listed.documents[0].url, 'officer'));
		expect(text).toContain('ЖОБА');
	});
});

describe('the hearing notice and the reasoned refusal (001 p.19 paras 2–3; 001 Annex 2)', () => {
	it('records the notice’s proof of delivery on the case, then signs the refusal after the hearing', async () => {
		const c = await underReview({ service: 'import-licence' });
		const now = h.app.ctx.clock.now();
		const hearingAt = `${calendar.addWorkingDays(calendar.localDate(now), 1)}T15:00:00+05:00`;
		const issued = await h.action('officer', c.id, 'issue-preliminary-refusal', {
			grounds: [2],
			hearingAt,
			hearingPlace: 'Астана, Мәңгілік Ел 8, 412 бөлме',
			notice: { channel: 'portal', sentAt: now.toISOString(), proof: 'sent to the personal cabinet' }
		});
		expect(issued.status).toBe(200);
		const notice = await madeAndSigned(c.id, 'hearing-notice', ['Мәңгілік Ел 8', 'Тыңдау уақыты']);
		// (Moving the simulated clock would end the staff's sessions: delivered the same minute.)
		const deliveredAt = h.app.ctx.clock.now().toISOString();
		const res = await asPortal(`/api/v1/documents/${notice.id}/delivery`, {
			method: 'POST',
			body: JSON.stringify({ deliveredAt, channel: 'portal', reference: 'CABINET-READ-5521' })
		});
		expect(res.status).toBe(200);
		const view = (await h.view('officer', c.id)).body;
		expect(view.decision.preliminary.notice).toMatchObject({ proof: 'portal: CABINET-READ-5521', deliveredAt });

		expect((await make(c.id, 'refusal')).status).toBe(409);
		expect((await h.action('officer', c.id, 'record-hearing', { applicantAttended: true })).status).toBe(200);
		const refused = await h.action('head', c.id, 'decide', {
			outcome: 'refuse',
			grounds: [2],
			text: 'Қолданылу мерзімі өткен құжаттар ұсынылды.'
		});
		expect(refused.body.stage).toBe('refused');
		await madeAndSigned(c.id, 'refusal', ['ДӘЛЕЛДІ БАС ТАРТУ', 'Қолданылу мерзімі өткен құжаттар ұсынылды.']);
	});
});

describe('the incompleteness refusal (001 p.15 para 2)', () => {
	it('is made while the refusal awaits the head, and signed', async () => {
		const { body: c } = await h.submit({ service: 'import-licence', firstExportToCounterparty: undefined });
		expect((await h.action('head', c.id, 'assign', { username: 'officer' })).status).toBe(200);
		const missing = ['Сыртқы сауда келісімшартының көшірмесі'];
		expect((await h.action('officer', c.id, 'complete-check', { complete: false, missing })).status).toBe(200);
		await madeAndSigned(c.id, 'incompleteness-refusal', ['Сыртқы сауда келісімшартының көшірмесі']);
	});
});

describe('the complaint’s extension notice and decision (001 pp.24–25)', () => {
	it('are prepared by the reviewer and signed by the head', async () => {
		const { body: lic } = await h.submit({ service: 'import-licence', firstExportToCounterparty: undefined });
		const { body: c } = await h.submit({
			service: 'complaint',
			complaintAgainst: lic.number,
			reviewBy: 'provider',
			complaintText: 'Өтінішке жауап берілмеді.',
			goodsLines: undefined,
			counterparty: undefined,
			endUser: undefined
		});
		expect((await make(c.id, 'complaint-extension-notice', 'reviewer')).status).toBe(409);
		const ext = await h.action('reviewer', c.id, 'extend-complaint', { workingDays: 5, reason: 'Қосымша зерттеу' });
		expect(ext.status).toBe(200);
		await madeAndSigned(c.id, 'complaint-extension-notice', ['Қосымша зерттеу', '5 жұмыс күніне'], 'reviewer');
		const done = await h.action('reviewer', c.id, 'decide-complaint', {
			outcome: 'upheld',
			reason: 'Жауап кешіктірілді.'
		});
		expect(done.body.stage).toBe('complaint-decided');
		await madeAndSigned(c.id, 'complaint-decision', ['Шағым қанағаттандырылды.', 'Жауап кешіктірілді.'], 'reviewer');
	});
});

describe('a signer whose certificate is expired or revoked', () => {
	it('is refused with the reason', async () => {
		const now = h.app.ctx.clock.now();
		const c = await underReview({ service: 'import-licence' });
		expect((await h.action('head', c.id, 'decide', { outcome: 'grant' })).body.stage).toBe('granted');
		const draft = await make(c.id, 'licence');
		// Issued by a CA that existed then: the upload checks the chain within the certificate's validity (ADR-080).
		const oldCa = await createDemoCa(new Date(now.getTime() - 3 * year));
		await addTrustAnchor(
			h.app.ctx.db,
			{ label: 'Merzim old test CA', certificate: oldCa.certificate, demo: true },
			now
		);
		const old = await uploadSigner(
			'head2',
			new Date(now.getTime() - 2 * year),
			new Date(now.getTime() - year),
			{},
			oldCa
		);
		expect(old.status).toBe(201);
		const expired = await sign(draft.body.id, 'head2');
		expect(expired).toMatchObject({ status: 422, body: { code: 'certificate-expired' } });
		expect(expired.body.error).toContain('expired on');
		const head2 = await userId('head2');
		const revoke = await h.staff.admin!.request(`/api/v1/admin/signers/${head2}`, {
			method: 'DELETE',
			body: JSON.stringify({ reason: 'Token reported lost' }),
			headers: { 'content-type': 'application/json' }
		});
		expect(revoke.status).toBe(200);
		const revoked = await sign(draft.body.id, 'head2');
		expect(revoked).toMatchObject({ status: 422, body: { code: 'certificate-revoked' } });
		expect(revoked.body.error).toContain('Token reported lost');
	});
});

describe('guessing a signer’s PIN', () => {
	it('is held back after five wrong PINs, the right one included', async () => {
		const now = h.app.ctx.clock.now();
		await h.signedIn('head3', ['head']);
		expect((await uploadSigner('head3', new Date(now.getTime() - 1000), new Date(now.getTime() + year))).status).toBe(
			201
		);
		const c = await underReview({ service: 'import-licence' });
		expect((await h.action('head', c.id, 'decide', { outcome: 'grant' })).body.stage).toBe('granted');
		const draft = await make(c.id, 'licence');
		for (let i = 0; i < 5; i++) expect((await sign(draft.body.id, 'head3', `000${i}`)).body.code).toBe('wrong-pin');
		const held = await h.staff.head3!.postJson(`/api/v1/documents/${draft.body.id}/signature`, { pin: PIN });
		expect(held.status).toBe(429);
		expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

// Last: it moves the simulated clock six months on, which ends the staff's sessions.
describe('the certificate’s presentation term when it runs out (000 Annex 4)', () => {
	it('is recorded once by the scheduler, and the clock closed at its due without a breach', async () => {
		const c = await underReview({ service: 'end-user-certificate' });
		expect((await h.action('head', c.id, 'decide', { outcome: 'grant' })).body.stage).toBe('granted');
		await madeAndSigned(c.id, 'end-user-certificate', ['алты ай ішінде']);
		const [row] = await h.app.ctx.db
			.select()
			.from(clocks)
			.where(and(eq(clocks.caseId, c.id), eq(clocks.kind, 'certificate-presentation')));
		expect(row!.state).toBe('running');
		const due = row!.dueAt!;
		h.app.clock.set(new Date(due.getTime() - 60_000));
		await h.app.ctx.scheduler.tick();
		const lapsed = async () =>
			(
				await h.app.ctx.db
					.select({ type: caseEvents.type, citation: caseEvents.citation, at: caseEvents.at })
					.from(caseEvents)
					.where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, 'certificate:presentation-lapsed')))
			).map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
		expect(await lapsed()).toEqual([]);
		h.app.clock.set(new Date(due.getTime() + 60_000));
		await h.app.ctx.scheduler.tick();
		await h.app.ctx.scheduler.tick();
		expect(await lapsed()).toEqual([
			{
				type: 'certificate:presentation-lapsed',
				citation: '000 Annex 4 form 1 item 12; form 2 item 9',
				at: due.toISOString()
			}
		]);
		const [closed] = await h.app.ctx.db.select().from(clocks).where(eq(clocks.id, row!.id));
		expect(closed!.state).toBe('met');
		const types = (
			await h.app.ctx.db.select({ type: caseEvents.type }).from(caseEvents).where(eq(caseEvents.caseId, c.id))
		).map((e) => e.type);
		expect(types).not.toContain('clock:breached');
	});
});
