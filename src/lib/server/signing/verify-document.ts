/**
 * What a verifier wants to know about a signed PDF: is the signature mathematically valid over the
 * bytes it covers, does it cover the whole file, who signed (subject, issuer, validity at the
 * signing time), and does the signer's certificate chain up to one of the configured trust anchors.
 */
import * as pkijs from 'pkijs';
import { parseCertificate, useNodeCrypto } from './cms';
import { verifyPades } from './pades';

export interface CertificateSummary {
	subject: string;
	issuer: string;
	serialNumber: string;
	notBefore: string;
	notAfter: string;
}

export interface DocumentVerification {
	signed: boolean;
	signatureValid: boolean;
	/** The signed bytes hash to the CMS's message digest, and the signature covers the whole file. */
	bytesMatch: boolean;
	coversWholeFile: boolean;
	signingCertificateV2: boolean;
	certificate: CertificateSummary | null;
	validAtSigning: boolean | null;
	chain: { trusted: boolean; anchor: string | null; path: string[]; reason: string | null };
}

const OID_NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.6': 'C', '2.5.4.11': 'OU' };

const nameOf = (n: pkijs.RelativeDistinguishedNames) =>
	n.typesAndValues.map((t) => `${OID_NAMES[t.type] ?? t.type}=${String(t.value.valueBlock.value)}`).join(', ');

export function summarise(der: Uint8Array): CertificateSummary {
	const c = parseCertificate(der);
	return {
		subject: nameOf(c.subject),
		issuer: nameOf(c.issuer),
		serialNumber: Buffer.from(c.serialNumber.valueBlock.valueHexView).toString('hex'),
		notBefore: c.notBefore.value.toISOString(),
		notAfter: c.notAfter.value.toISOString()
	};
}

export async function verifyDocument(
	pdf: Uint8Array,
	opts: { anchors: { label: string; certificate: Uint8Array }[]; signedAt: Date | null }
): Promise<DocumentVerification> {
	useNodeCrypto();
	const check = await verifyPades(pdf);
	const none = { trusted: false, anchor: null, path: [], reason: 'not signed' };
	if (!check)
		return {
			signed: false,
			signatureValid: false,
			bytesMatch: false,
			coversWholeFile: false,
			signingCertificateV2: false,
			certificate: null,
			validAtSigning: null,
			chain: none
		};
	const [leafDer, ...others] = check.certificates;
	const certificate = leafDer ? summarise(leafDer) : null;
	const at = opts.signedAt ?? new Date();
	const validAtSigning = certificate
		? new Date(certificate.notBefore) <= at && at <= new Date(certificate.notAfter)
		: null;
	const chain: DocumentVerification['chain'] = leafDer
		? await chainToAnchors([leafDer, ...others], opts.anchors, at)
		: { trusted: false, anchor: null, path: [], reason: 'no certificate' };
	return {
		signed: true,
		signatureValid: check.signatureValid,
		bytesMatch: check.digestMatches && check.coversWholeFile,
		coversWholeFile: check.coversWholeFile,
		signingCertificateV2: check.hasSigningCertificateV2,
		certificate,
		validAtSigning,
		chain
	};
}

/** Builds and checks the path from a certificate (leaf first, then what came with it) to one of the anchors. */
export async function chainToAnchors(
	certs: Uint8Array[],
	anchorList: { label: string; certificate: Uint8Array }[],
	at: Date
): Promise<DocumentVerification['chain']> {
	useNodeCrypto();
	const anchors = anchorList.map((a) => ({ label: a.label, cert: parseCertificate(a.certificate) }));
	const engine = new pkijs.CertificateChainValidationEngine({
		trustedCerts: anchors.map((a) => a.cert),
		certs: certs.map(parseCertificate),
		checkDate: at
	});
	const result = await engine.verify();
	const path = (result.certificatePath ?? []).map((c) => nameOf(c.subject));
	const top = result.certificatePath?.at(-1);
	const anchor = top ? (anchors.find((a) => a.cert.signatureValue.isEqual(top.signatureValue))?.label ?? null) : null;
	return result.result
		? { trusted: true, anchor, path, reason: null }
		: { trusted: false, anchor: null, path, reason: result.resultMessage };
}
