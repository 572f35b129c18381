/**
 * Trust anchors from the configuration and revocation before each signature (ADR-080, ADR-081),
 * over real HTTP with a real OCSP responder and CRL server on port 0. The configured bundle is a
 * test CA written as PEM to `SIGNING_TRUST_ANCHORS`; a keystore of another CA is refused on upload
 * (even registered as a demo anchor: with a configured bundle the demo CA is not the default).
 * Good → signed, the OCSP answer in the PDF's DSS and pdfsig still valid; responder down → the CRL;
 * both down → refused (fail closed); revoked → refused with its date and reason, in kk/ru/en.
 * Signing the result with the EDS of the head or the substitute: 001 p.15 para 2, p.20; 000 p.11, p.13 para 4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { users } from '../../src/lib/server/db/schema';
import { createDemoCa, issueDemoSigner, type DemoCa } from '../../src/lib/server/signing/demo-ca';
import { addTrustAnchor } from '../../src/lib/server/signing/keystores';
import { toPem } from '../../src/lib/server/signing/anchor-bundle';
import { readDss } from '../../src/lib/server/signing/pades';
import { pdfsig } from '../helpers/pdf-tools';
import { startProcedureHarness, type Json, type ProcedureHarness } from '../helpers/procedure-harness';
import { serialOf, startRevocationServers, type RevocationServers } from '../helpers/revocation-servers';

const PIN = '8642';
const HOUR = 3_600_000;
const year = 365 * 24 * HOUR;
let h: ProcedureHarness;
let ca: DemoCa;
let stranger: DemoCa;
let servers: RevocationServers;
let dir: string;
let headCert: Uint8Array;

const userId = async (username: string) =>
	(await h.app.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;

async function upload(username: string, p12: Uint8Array) {
	const res = await h.staff.admin!.postJson('/api/v1/admin/signers', {
		userId: await userId(username),
		p12: Buffer.from(p12).toString('base64'),
		passphrase: PIN
	});
	return { status: res.status, body: (await res.json()) as Json };
}

beforeAll(async () => {
	const start = new Date('2026-03-02T04:00:00Z');
	[ca, stranger] = await Promise.all([createDemoCa(start), createDemoCa(start)]);
	dir = mkdtempSync(join(tmpdir(), 'merzim-trust-'));
	writeFileSync(join(dir, 'anchors.pem'), toPem([ca.certificate]));
	h = await startProcedureHarness('10.62.0', {
		env: {
			SIGNING_TRUST_ANCHORS: join(dir, 'anchors.pem'),
			SIGNING_REVOCATION_TIMEOUT_MS: '2000',
			// The test moves its clock by hours past the answers' nextUpdate: the sessions must last.
			SESSION_IDLE_MINUTES: '1440',
			SESSION_MAX_HOURS: '48'
		}
	});
	servers = await startRevocationServers(ca, { now: () => h.app.ctx.clock.now() });
	const now = h.app.ctx.clock.now();
	const issued = await issueDemoSigner(ca, {
		commonName: 'Ерлан Мұхаметов',
		pin: PIN,
		notBefore: new Date(now.getTime() - 1000),
		notAfter: new Date(now.getTime() + year),
		ocspUrl: servers.ocspUrl,
		crlUrl: servers.crlUrl
	});
	headCert = issued.certificate;
	expect((await upload('head', issued.p12)).status).toBe(201);
}, 120_000);
afterAll(async () => {
	await servers?.close();
	await h?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A granted import licence's draft, ready for the head's signature. */
async function licenceDraft(): Promise<string> {
	const { body: c } = await h.submit({ service: 'import-licence', firstExportToCounterparty: undefined });
	expect((await h.action('head', c.id, 'assign', { username: 'officer' })).status).toBe(200);
	expect((await h.action('officer', c.id, 'complete-check', { complete: true })).status).toBe(200);
	expect((await h.action('head', c.id, 'decide', { outcome: 'grant' })).body.stage).toBe('granted');
	const res = await h.staff.officer!.postJson(`/api/v1/cases/${c.id}/documents`, { kind: 'licence' });
	expect(res.status).toBe(201);
	return ((await res.json()) as Json).id as string;
}

async function sign(docId: string, language = 'en') {
	const res = await h.staff.head!.postJson(
		`/api/v1/documents/${docId}/signature`,
		{ pin: PIN },
		{
			'accept-language': language
		}
	);
	return { status: res.status, body: (await res.json()) as Json };
}

async function pdfOf(body: Json) {
	return new Uint8Array(await (await h.staff.head!.get(body.url as string)).arrayBuffer());
}

const advance = (ms: number) => h.app.clock.set(new Date(h.app.clock.now().getTime() + ms));

describe('trust anchors from the configuration (ADR-080)', () => {
	it('shows the configured anchor and refuses a keystore of another CA on upload', async () => {
		// Registered as a demo anchor: ignored, since a bundle is configured.
		await addTrustAnchor(
			h.app.ctx.db,
			{ label: 'stranger', certificate: stranger.certificate, demo: true },
			new Date()
		);
		expect((await h.app.ctx.trust.anchors()).map((a) => a.label)).toEqual(['Merzim demo CA (not legally valid)']);
		const now = h.app.ctx.clock.now();
		const { p12 } = await issueDemoSigner(stranger, {
			commonName: 'Чужой',
			pin: PIN,
			notBefore: new Date(now.getTime() - 1000),
			notAfter: new Date(now.getTime() + year)
		});
		const refused = await upload('head2', p12);
		expect(refused.status).toBe(422);
		expect(JSON.stringify(refused.body)).toContain('does not chain to a configured trust anchor');
	});
});

describe('revocation before each signature (ADR-081)', () => {
	it('signs when the responder says good, keeping its answer in the DSS; pdfsig still valid', async () => {
		const signed = await sign(await licenceDraft());
		expect(signed.status, JSON.stringify(signed.body)).toBe(200);
		const pdf = await pdfOf(signed.body);
		const report = await pdfsig(pdf);
		expect(report, report.out).toMatchObject({ valid: true, whole: true, etsi: true, sha256: true });
		const dss = await readDss(pdf);
		expect(dss.ocsps).toHaveLength(1);
		expect(dss.crls).toHaveLength(0);
		expect(dss.certificates).toHaveLength(1); // the signer's; the anchor is the relying party's own
		const v = (await (await h.staff.head!.get(`/api/v1/documents/${signed.body.id}/verification`)).json()) as Json;
		expect(v).toMatchObject({
			signatureValid: true,
			bytesMatch: true,
			demo: false,
			chain: { trusted: true },
			revocation: { status: 'good', source: 'embedded-ocsp' }
		});
	});

	it('falls back to the CRL when the responder is down', async () => {
		await servers.stop('ocsp');
		advance(2 * HOUR); // past the cached OCSP answer's nextUpdate
		const signed = await sign(await licenceDraft());
		expect(signed.status, JSON.stringify(signed.body)).toBe(200);
		const pdf = await pdfOf(signed.body);
		expect((await pdfsig(pdf)).valid).toBe(true);
		expect((await readDss(pdf)).crls).toHaveLength(1);
	});

	it('refuses when neither answers (fail closed), saying so in kk/ru/en', async () => {
		await servers.stop('crl');
		advance(5 * HOUR); // past the cached CRL's nextUpdate
		const doc = await licenceDraft();
		const en = await sign(doc);
		expect(en).toMatchObject({ status: 503, body: { code: 'revocation-unavailable' } });
		expect(en.body.error).toContain('neither the OCSP responder nor the revocation list answered');
		expect((await sign(doc, 'kk')).body.error).toContain('Сертификат мәртебесін тексеру мүмкін болмады');
		expect((await sign(doc, 'ru')).body.error).toContain('Не удалось проверить статус сертификата');
		await servers.start('ocsp');
		await servers.start('crl');
		expect((await sign(doc)).status).toBe(200);
	});

	it('refuses a revoked certificate with its date and reason, by OCSP and by the CRL', async () => {
		const revokedAt = new Date(h.app.ctx.clock.now().getTime() - 60_000);
		servers.revoked.set(serialOf(headCert), { at: revokedAt, reason: 'keyCompromise' });
		advance(2 * HOUR);
		const doc = await licenceDraft();
		const en = await sign(doc);
		expect(en).toMatchObject({
			status: 422,
			body: {
				code: 'certificate-revoked',
				details: { reason: 'keyCompromise', source: 'ocsp', revokedAt: revokedAt.toISOString() }
			}
		});
		expect(en.body.error).toContain('the key was compromised');
		expect(en.body.error).toContain('certificate status responder');
		const kk = (await sign(doc, 'kk')).body.error as string;
		expect(kk).toContain('кілт құпиясы бұзылған');
		expect(kk).not.toMatch(/[A-Za-z]/);
		expect((await sign(doc, 'ru')).body.error).toContain('ключ скомпрометирован');
		await servers.stop('ocsp');
		advance(2 * HOUR);
		const byCrl = await sign(doc);
		expect(byCrl).toMatchObject({ status: 422, body: { code: 'certificate-revoked', details: { source: 'crl' } } });
		expect(byCrl.body.error).toContain('certificate revocation list');
		await servers.start('ocsp');
	});
});
