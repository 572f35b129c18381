/**
 * A local demo certification authority and a signer's PKCS#12 keystore, for the demo and the tests.
 * Certificates made here are NOT legally valid: the UI says so wherever they sign (the CA's name
 * says it too). Certificates with pkijs over Node's WebCrypto; the keystore with node-forge.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import forge from 'node-forge';
import { bufferOf, parseCertificate, useNodeCrypto } from './cms';

const RSA = {
	name: 'RSASSA-PKCS1-v1_5',
	hash: 'SHA-256',
	publicExponent: new Uint8Array([1, 0, 1]),
	modulusLength: 2048
};

export const DEMO_CA_NAME = 'Merzim demo CA (not legally valid)';
export const DEMO_ORGANISATION = 'Merzim demo (not legally valid)';

export interface DemoCa {
	certificate: Uint8Array;
	privateKeyPkcs8: Uint8Array;
}

const OID = { cn: '2.5.4.3', o: '2.5.4.10', c: '2.5.4.6', basicConstraints: '2.5.29.19', keyUsage: '2.5.29.15' };

function name(commonName: string) {
	return new pkijs.RelativeDistinguishedNames({
		typesAndValues: [
			new pkijs.AttributeTypeAndValue({ type: OID.c, value: new asn1js.PrintableString({ value: 'KZ' }) }),
			new pkijs.AttributeTypeAndValue({ type: OID.o, value: new asn1js.Utf8String({ value: DEMO_ORGANISATION }) }),
			new pkijs.AttributeTypeAndValue({ type: OID.cn, value: new asn1js.Utf8String({ value: commonName }) })
		]
	});
}

/** keyUsage bits: digitalSignature(0), nonRepudiation(1), keyCertSign(5), cRLSign(6). */
function keyUsage(bits: number[]) {
	const byte = bits.reduce((b, bit) => b | (0x80 >> bit), 0);
	return new pkijs.Extension({
		extnID: OID.keyUsage,
		critical: true,
		extnValue: new asn1js.BitString({ valueHex: new Uint8Array([byte]) }).toBER(false)
	});
}

async function makeCertificate(opts: {
	serial: Uint8Array;
	subject: string;
	issuer: pkijs.RelativeDistinguishedNames | null;
	notBefore: Date;
	notAfter: Date;
	publicKey: CryptoKey;
	signingKey: CryptoKey;
	ca: boolean;
	extra?: pkijs.Extension[];
}) {
	useNodeCrypto();
	const cert = new pkijs.Certificate();
	cert.version = 2;
	cert.serialNumber = new asn1js.Integer({ valueHex: opts.serial });
	cert.subject = name(opts.subject);
	cert.issuer = opts.issuer ?? cert.subject;
	cert.notBefore.value = opts.notBefore;
	cert.notAfter.value = opts.notAfter;
	cert.extensions = [
		new pkijs.Extension({
			extnID: OID.basicConstraints,
			critical: true,
			extnValue: new pkijs.BasicConstraints({ cA: opts.ca }).toSchema().toBER(false)
		}),
		keyUsage(opts.ca ? [5, 6] : [0, 1]),
		...(opts.extra ?? [])
	];
	await cert.subjectPublicKeyInfo.importKey(opts.publicKey);
	await cert.sign(opts.signingKey, 'SHA-256');
	return cert;
}

const der = (c: pkijs.Certificate) => new Uint8Array(c.toSchema().toBER(false));
const serial = () => {
	const s = webcrypto.getRandomValues(new Uint8Array(9));
	s[0] = (s[0]! & 0x7f) | 0x01; // positive, non-zero leading byte
	return s;
};

export async function createDemoCa(now: Date): Promise<DemoCa> {
	const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
	const cert = await makeCertificate({
		serial: serial(),
		subject: DEMO_CA_NAME,
		issuer: null,
		notBefore: new Date(now.getTime() - 86_400_000),
		notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
		publicKey: keys.publicKey,
		signingKey: keys.privateKey,
		ca: true
	});
	const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
	return { certificate: der(cert), privateKeyPkcs8: new Uint8Array(pkcs8) };
}

/** The CA's signing key (certificates, and in tests its OCSP responses and CRLs). */
export const caSigningKey = (ca: DemoCa) =>
	webcrypto.subtle.importKey('pkcs8', bufferOf(ca.privateKeyPkcs8), RSA, false, ['sign']);

/** Where a relying party asks for the certificate's status: AIA's OCSP responder and a CRL distribution point. */
function revocationPointers(opts: { ocspUrl?: string; crlUrl?: string }): pkijs.Extension[] {
	const uri = (value: string) => new pkijs.GeneralName({ type: 6, value });
	const out: pkijs.Extension[] = [];
	if (opts.ocspUrl)
		out.push(
			new pkijs.Extension({
				extnID: '1.3.6.1.5.5.7.1.1',
				extnValue: new pkijs.InfoAccess({
					accessDescriptions: [
						new pkijs.AccessDescription({ accessMethod: '1.3.6.1.5.5.7.48.1', accessLocation: uri(opts.ocspUrl) })
					]
				})
					.toSchema()
					.toBER(false)
			})
		);
	if (opts.crlUrl)
		out.push(
			new pkijs.Extension({
				extnID: '2.5.29.31',
				extnValue: new pkijs.CRLDistributionPoints({
					distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [uri(opts.crlUrl)] })]
				})
					.toSchema()
					.toBER(false)
			})
		);
	return out;
}

/** A signer's certificate from the demo CA, packed with its key and the CA in a .p12 under `pin`. */
export async function issueDemoSigner(
	ca: DemoCa,
	opts: { commonName: string; pin: string; notBefore: Date; notAfter: Date; ocspUrl?: string; crlUrl?: string }
): Promise<{ p12: Uint8Array; certificate: Uint8Array }> {
	const caCert = parseCertificate(ca.certificate);
	const caKey = await caSigningKey(ca);
	const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
	const cert = await makeCertificate({
		serial: serial(),
		subject: opts.commonName,
		issuer: caCert.subject,
		notBefore: opts.notBefore,
		notAfter: opts.notAfter,
		publicKey: keys.publicKey,
		signingKey: caKey,
		ca: false,
		extra: revocationPointers(opts)
	});
	const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
	const key = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(Buffer.from(pkcs8).toString('binary')));
	const toForge = (d: Uint8Array) =>
		forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(d).toString('binary')));
	const asn = forge.pkcs12.toPkcs12Asn1(key, [toForge(der(cert)), toForge(ca.certificate)], opts.pin, {
		algorithm: 'aes256',
		count: 2048
	});
	return { p12: Uint8Array.from(Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary')), certificate: der(cert) };
}
