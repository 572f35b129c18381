/**
 * What a verifier wants to know about a signed PDF: is the signature mathematically valid over the
 * bytes it covers, does it cover the whole file, who signed (subject, issuer, validity at the
 * signing time), and does the signer's certificate chain up to one of the configured trust anchors.
 */
import * as pkijs from 'pkijs';
import { parseCertificate, useNodeCrypto } from './cms';
import { readDss, verifyPades } from './pades';
import { judgeCrl, judgeOcsp, type Judge, type RevocationChecker, type RevocationStatus } from './revocation';
import { nameOf } from './cert-names';

export interface CertificateSummary {
	subject: string;
	issuer: string;
	serialNumber: string;
	notBefore: string;
	notAfter: string;
}

/** The signer's certificate status at the signing time (ADR-081): from the PDF's own DSS first, else asked now. */
export interface RevocationCheck {
	status: 'good' | 'revoked' | 'unavailable' | 'not-checked';
	source: 'embedded-ocsp' | 'embedded-crl' | 'ocsp' | 'crl' | null;
	revokedAt: string | null;
	reason: string | null;
	/** When the answer was made (the OCSP response's or CRL's thisUpdate). */
	thisUpdate: string | null;
	detail: string | null;
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
	revocation: RevocationCheck;
}

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

const notChecked = (detail: string): RevocationCheck => ({
	status: 'not-checked',
	source: null,
	revokedAt: null,
	reason: null,
	thisUpdate: null,
	detail
});

function fromStatus(r: RevocationStatus, embedded: boolean): RevocationCheck {
	return {
		status: r.status,
		source: embedded ? (r.source === 'ocsp' ? 'embedded-ocsp' : 'embedded-crl') : r.source,
		revokedAt: r.status === 'revoked' ? r.revokedAt.toISOString() : null,
		reason: r.status === 'revoked' ? r.reason : null,
		thisUpdate: r.thisUpdate.toISOString(),
		detail: null
	};
}

/** The status at the signing time: an OCSP response or CRL embedded in the DSS, else the checker's answer now. */
async function revocationAt(
	pdf: Uint8Array,
	leafDer: Uint8Array,
	issuerDer: Uint8Array | undefined,
	at: Date,
	checker: RevocationChecker | undefined
): Promise<RevocationCheck> {
	if (!issuerDer) return notChecked('the chain to a trust anchor was not built');
	const leaf = parseCertificate(leafDer);
	const issuer = parseCertificate(issuerDer);
	const dss = await readDss(pdf);
	const embedded: [Judge, Uint8Array[]][] = [
		[judgeOcsp, dss.ocsps],
		[judgeCrl, dss.crls]
	];
	for (const [judge, answers] of embedded)
		for (const bytes of answers) {
			const judged = await judge(bytes, leaf, issuer, at).catch(() => null);
			if (judged) return fromStatus(judged, true);
		}
	if (!checker) return notChecked('no revocation data in the document');
	try {
		// Asked now: a revocation after the signing time leaves the signature valid.
		const now = await checker.check(leafDer, issuerDer, at);
		if (!now) return notChecked('the certificate names no OCSP responder or CRL');
		if (now.status === 'revoked' && now.revokedAt > at)
			return { ...fromStatus(now, false), status: 'good', detail: `revoked later, on ${now.revokedAt.toISOString()}` };
		return fromStatus(now, false);
	} catch (e) {
		return { ...notChecked(e instanceof Error ? e.message : String(e)), status: 'unavailable' };
	}
}

export async function verifyDocument(
	pdf: Uint8Array,
	opts: {
		anchors: { label: string; certificate: Uint8Array }[];
		signedAt: Date | null;
		revocation?: RevocationChecker;
	}
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
			chain: none,
			revocation: notChecked('not signed')
		};
	const [leafDer, ...others] = check.certificates;
	const certificate = leafDer ? summarise(leafDer) : null;
	const at = opts.signedAt ?? new Date();
	const validAtSigning = certificate
		? new Date(certificate.notBefore) <= at && at <= new Date(certificate.notAfter)
		: null;
	const built = leafDer ? await chainToAnchors([leafDer, ...others], opts.anchors, at) : null;
	const { certificates: path, ...chain } = built ?? {
		trusted: false,
		anchor: null,
		path: [],
		reason: 'no certificate',
		certificates: []
	};
	const revocation = leafDer
		? await revocationAt(pdf, leafDer, path[1], at, opts.revocation)
		: notChecked('no certificate');
	return {
		signed: true,
		signatureValid: check.signatureValid,
		bytesMatch: check.digestMatches && check.coversWholeFile,
		coversWholeFile: check.coversWholeFile,
		signingCertificateV2: check.hasSigningCertificateV2,
		certificate,
		validAtSigning,
		chain,
		revocation
	};
}

export interface ChainResult {
	trusted: boolean;
	anchor: string | null;
	/** Subjects from the leaf to the anchor. */
	path: string[];
	reason: string | null;
	/** The same path as DER certificates (the leaf's issuer is the second). */
	certificates: Uint8Array[];
}

/** Builds and checks the path from a certificate (leaf first, then what came with it) to one of the anchors. */
export async function chainToAnchors(
	certs: Uint8Array[],
	anchorList: { label: string; certificate: Uint8Array }[],
	at: Date
): Promise<ChainResult> {
	useNodeCrypto();
	const anchors = anchorList.map((a) => ({ label: a.label, cert: parseCertificate(a.certificate) }));
	const engine = new pkijs.CertificateChainValidationEngine({
		trustedCerts: anchors.map((a) => a.cert),
		certs: certs.map(parseCertificate),
		checkDate: at
	});
	const result = await engine.verify();
	const path = (result.certificatePath ?? []).map((c) => nameOf(c.subject));
	const certificates = (result.certificatePath ?? []).map((c) => new Uint8Array(c.toSchema().toBER(false)));
	const top = result.certificatePath?.at(-1);
	const anchor = top ? (anchors.find((a) => a.cert.signatureValue.isEqual(top.signatureValue))?.label ?? null) : null;
	return result.result
		? { trusted: true, anchor, path, reason: null, certificates }
		: { trusted: false, anchor: null, path, reason: result.resultMessage, certificates: [] };
}
