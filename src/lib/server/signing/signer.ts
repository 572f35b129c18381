/**
 * The boundary between the documents and whoever holds a signing key. A document asks a `Signer`
 * for a detached CMS SignedData (RFC 5652) over the bytes the PDF signature covers; it never sees a
 * private key. A PKCS#12 keystore on the server is one implementation (pkcs12-signer.ts); the
 * national PKI's NCALayer in the head's browser (GOST 34.10 keys on a token) is another that answers
 * the same call from the browser — the documents code does not change (README, "Electronic
 * signature").
 */
export interface SignerIdentity {
	/** The signer's certificate (DER) and the chain above it, leaf first. */
	readonly certificates: readonly Uint8Array[];
}

export interface Signer extends SignerIdentity {
	/** Detached CMS SignedData (DER) over `content`, with the ESS signing-certificate-v2 attribute. */
	signDetached(content: Uint8Array, signingTime: Date): Promise<Uint8Array>;
}

export type SignerRefusal =
	| 'certificate-expired'
	| 'certificate-not-yet-valid'
	| 'certificate-revoked'
	| 'untrusted-certificate'
	| 'revocation-unavailable'
	| 'wrong-pin';

/**
 * Why a signer may not sign now (expired, not yet valid, revoked, not chaining to a trust anchor,
 * status unknown): the code and details let the page say it in the reader's language.
 */
export class SignerRefused extends Error {
	override readonly name = 'SignerRefused';
	constructor(
		readonly code: SignerRefusal,
		message: string,
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
	}
}

/**
 * By name, not `instanceof`: the routes (SvelteKit's bundle) and the services they call through the
 * app context (the server's bundle) each have their own copy of this class.
 */
export const isSignerRefused = (e: unknown): e is SignerRefused =>
	e instanceof Error && e.name === 'SignerRefused' && typeof (e as SignerRefused).code === 'string';
