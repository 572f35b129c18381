/**
 * Real PAdES signatures judged by poppler's pdfsig: valid and covering the whole file when made,
 * "digest mismatch" after one byte of the signed range changes; our own verifier agrees, names the
 * signer, and chains the certificate to the trust anchor — and to nothing else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { pdfsig, tamper } from '../../../../tests/helpers/pdf-tools';
import { createDemoCa, issueDemoSigner, type DemoCa } from './demo-ca';
import { Pkcs12Signer } from './pkcs12-signer';
import { signPdfDocument } from './pades';
import { verifyDocument } from './verify-document';
import { SignerRefused } from './signer';

const now = new Date('2026-03-02T04:00:00Z');
const year = 365 * 86_400_000;
let ca: DemoCa;
let other: DemoCa;
let p12: Uint8Array;

beforeAll(async () => {
	[ca, other] = await Promise.all([createDemoCa(now), createDemoCa(now)]);
	({ p12 } = await issueDemoSigner(ca, {
		commonName: 'Әлия Қасымова',
		pin: '2468',
		notBefore: new Date(now.getTime() - 1000),
		notAfter: new Date(now.getTime() + year)
	}));
}, 30_000);

async function signedPdf(reason = 'test') {
	const doc = await PDFDocument.create();
	doc.addPage().drawText('Merzim test');
	const signer = Pkcs12Signer.open(p12, '2468', now);
	return signPdfDocument(doc, signer, {
		reason,
		name: 'Әлия Қасымова',
		location: 'Astana',
		contactInfo: 'test',
		signingTime: now
	});
}

describe('PAdES signatures', () => {
	it('are valid for pdfsig (SHA-256, ETSI.CAdES.detached, whole file) and for our verifier', async () => {
		const pdf = await signedPdf();
		const report = await pdfsig(pdf);
		expect(report.out).toContain('Signature #1');
		expect(report).toMatchObject({ valid: true, whole: true, etsi: true, sha256: true, digestMismatch: false });
		expect(report.signer).toBe('Әлия Қасымова');
		const v = await verifyDocument(pdf, { anchors: [{ label: 'demo', certificate: ca.certificate }], signedAt: now });
		expect(v).toMatchObject({ signed: true, signatureValid: true, bytesMatch: true, signingCertificateV2: true });
		expect(v.certificate?.subject).toContain('CN=Әлия Қасымова');
		expect(v.chain).toMatchObject({ trusted: true, anchor: 'demo' });
		const untrusted = await verifyDocument(pdf, {
			anchors: [{ label: 'other', certificate: other.certificate }],
			signedAt: now
		});
		expect(untrusted.chain.trusted).toBe(false);
	});

	it('keep a Cyrillic reason whose letters share a low byte with ( ) and \\ (Ш U+0428, Щ U+0429, ќ U+045C)', async () => {
		const report = await pdfsig(await signedPdf('РЕШЕНИЕ ПО ЖАЛОБЕ (Щ, ќ) 001 pp.24–25'));
		expect(report).toMatchObject({ valid: true, whole: true });
		expect(report.out).not.toContain('Syntax Error');
	});

	it('are reported broken after one byte of the signed range changes', async () => {
		const pdf = tamper(await signedPdf());
		const report = await pdfsig(pdf);
		expect(report.valid).toBe(false);
		expect(report.digestMismatch).toBe(true);
		const v = await verifyDocument(pdf, { anchors: [{ label: 'demo', certificate: ca.certificate }], signedAt: now });
		expect(v.signatureValid).toBe(false);
		expect(v.bytesMatch).toBe(false);
	});

	it('refuse a wrong PIN and a certificate outside its validity, saying why', async () => {
		expect(() => Pkcs12Signer.open(p12, '0000', now)).toThrow(SignerRefused);
		const late = new Date(now.getTime() + 2 * year);
		try {
			Pkcs12Signer.open(p12, '2468', late);
			expect.unreachable();
		} catch (e) {
			expect((e as SignerRefused).code).toBe('certificate-expired');
			expect((e as Error).message).toMatch(/expired on 2027-03-02/);
		}
	});
});
