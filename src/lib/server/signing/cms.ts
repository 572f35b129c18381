/**
 * CMS SignedData for PAdES (ETSI EN 319 142-1, baseline B-B): SHA-256 digest, signed attributes
 * content-type, message-digest and ESS signing-certificate-v2 (RFC 5035) naming the signer's
 * certificate by its SHA-256; no signing-time attribute (PAdES puts the time in the PDF's /M).
 * Built with pkijs and asn1js over Node's WebCrypto.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
	sha256: '2.16.840.1.101.3.4.2.1'
} as const;

let engineSet = false;
export function useNodeCrypto() {
	if (engineSet) return;
	pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));
	engineSet = true;
}

/** A copy on its own ArrayBuffer, as pkijs and WebCrypto take them. */
export const bufferOf = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

export const parseCertificate = (der: Uint8Array) => pkijs.Certificate.fromBER(bufferOf(der));

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with hashAlgorithm sha256 (DEFAULT, omitted). */
function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array) {
	const issuerSerial = new asn1js.Sequence({
		value: [
			new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }).toSchema(),
			cert.serialNumber
		]
	});
	const essCertIdV2 = new asn1js.Sequence({
		value: [new asn1js.OctetString({ valueHex: sha256(der) }), issuerSerial]
	});
	return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** Detached SignedData over `content`, signed with an RSA private key (PKCS#8 DER). */
export async function signDetachedCms(opts: {
	content: Uint8Array;
	privateKeyPkcs8: Uint8Array;
	certificates: readonly Uint8Array[];
}): Promise<Uint8Array> {
	useNodeCrypto();
	const [leafDer, ...rest] = opts.certificates;
	if (!leafDer) throw new Error('no signer certificate');
	const leaf = parseCertificate(leafDer);
	const key = await webcrypto.subtle.importKey(
		'pkcs8',
		bufferOf(opts.privateKeyPkcs8),
		{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
		false,
		['sign']
	);
	const signedData = new pkijs.SignedData({
		version: 1,
		encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
		certificates: [leaf, ...rest.map(parseCertificate)],
		signerInfos: [
			new pkijs.SignerInfo({
				version: 1,
				sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
				signedAttrs: new pkijs.SignedAndUnsignedAttributes({
					type: 0,
					attributes: [
						new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
						new pkijs.Attribute({
							type: OID.messageDigest,
							values: [new asn1js.OctetString({ valueHex: sha256(opts.content) })]
						}),
						new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(leaf, leafDer)] })
					]
				})
			})
		]
	});
	await signedData.sign(key, 0, 'SHA-256', bufferOf(opts.content));
	const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
	return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export interface CmsCheck {
	signatureValid: boolean;
	digestMatches: boolean;
	hasSigningCertificateV2: boolean;
	certificates: Uint8Array[];
}

/** Checks a detached SignedData against the signed bytes; returns the embedded certificates, leaf first. */
export async function checkDetachedCms(cms: Uint8Array, content: Uint8Array): Promise<CmsCheck> {
	useNodeCrypto();
	const info = pkijs.ContentInfo.fromBER(bufferOf(cms));
	const signed = new pkijs.SignedData({ schema: info.content });
	const signer = signed.signerInfos[0];
	const attrs = signer?.signedAttrs?.attributes ?? [];
	const digestAttr = attrs.find((a) => a.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
	const digestMatches =
		!!digestAttr && Buffer.from(digestAttr.valueBlock.valueHexView).equals(Buffer.from(sha256(content)));
	let signatureValid = false;
	try {
		signatureValid = digestMatches && (await signed.verify({ signer: 0, data: bufferOf(content), checkChain: false }));
	} catch {
		signatureValid = false;
	}
	const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
	const sid = signer?.sid as pkijs.IssuerAndSerialNumber | undefined;
	const leafFirst = [...certs].sort((a) => (sid && a.serialNumber.isEqual(sid.serialNumber) ? -1 : 0));
	return {
		signatureValid,
		digestMatches,
		hasSigningCertificateV2: attrs.some((a) => a.type === OID.signingCertificateV2),
		certificates: leafFirst.map((c) => new Uint8Array(c.toSchema().toBER(false)))
	};
}
