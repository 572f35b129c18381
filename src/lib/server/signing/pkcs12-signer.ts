/**
 * A signer whose key lives in a PKCS#12 keystore (.p12) uploaded by the admin for one person. The
 * keystore stays encrypted under its passphrase, which is the signer's PIN: it is never stored, and
 * the person types it at each act of signing (so the server cannot sign for them). Opening the
 * keystore checks the certificate's validity at the signing time.
 */
import forge from 'node-forge';
import { signDetachedCms } from './cms';
import { SignerRefused, type Signer } from './signer';

const derOf = (cert: forge.pki.Certificate) =>
	Uint8Array.from(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));

export interface OpenedKeystore {
	certificates: Uint8Array[];
	privateKeyPkcs8: Uint8Array;
	notBefore: Date;
	notAfter: Date;
	subject: string;
}

/** Reads the key and certificates; a wrong passphrase is refused as a wrong PIN. */
export function openPkcs12(p12: Uint8Array, passphrase: string): OpenedKeystore {
	let parsed: forge.pkcs12.Pkcs12Pfx;
	try {
		parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(p12).toString('binary')), passphrase);
	} catch {
		throw new SignerRefused('wrong-pin', 'The PIN does not open this keystore.');
	}
	const keyBag =
		parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0] ??
		parsed.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!]?.[0];
	const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
		.map((b) => b.cert)
		.filter((c): c is forge.pki.Certificate => !!c);
	if (!keyBag?.key || certs.length === 0) throw new Error('The keystore holds no private key with a certificate.');
	const key = keyBag.key as forge.pki.rsa.PrivateKey;
	// The leaf is the certificate whose public key matches the private key; the rest is its chain.
	const leaf = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n)) ?? certs[0]!;
	const chain = [leaf, ...certs.filter((c) => c !== leaf)];
	const pkcs8 = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
	return {
		certificates: chain.map(derOf),
		privateKeyPkcs8: Uint8Array.from(Buffer.from(forge.asn1.toDer(pkcs8).getBytes(), 'binary')),
		notBefore: leaf.validity.notBefore,
		notAfter: leaf.validity.notAfter,
		subject: leaf.subject.attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ')
	};
}

/** Refuses a certificate outside its validity at `at`, with the dates in the reason. */
export function assertValidAt(k: Pick<OpenedKeystore, 'notBefore' | 'notAfter'>, at: Date) {
	if (at > k.notAfter)
		throw new SignerRefused('certificate-expired', `The signing certificate expired on ${k.notAfter.toISOString()}.`);
	if (at < k.notBefore)
		throw new SignerRefused(
			'certificate-not-yet-valid',
			`The signing certificate is valid only from ${k.notBefore.toISOString()}.`
		);
}

export class Pkcs12Signer implements Signer {
	readonly certificates: Uint8Array[];
	private constructor(private readonly opened: OpenedKeystore) {
		this.certificates = opened.certificates;
	}

	/** Opens the keystore with the signer's PIN and checks the certificate at `at`. */
	static open(p12: Uint8Array, pin: string, at: Date): Pkcs12Signer {
		const opened = openPkcs12(p12, pin);
		assertValidAt(opened, at);
		return new Pkcs12Signer(opened);
	}

	signDetached(content: Uint8Array): Promise<Uint8Array> {
		return signDetachedCms({ content, privateKeyPkcs8: this.opened.privateKeyPkcs8, certificates: this.certificates });
	}
}
