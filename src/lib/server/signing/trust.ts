/**
 * Whom a signature may rest on (ADR-080, ADR-081). The trust anchors are the configured bundle
 * (`SIGNING_TRUST_ANCHORS`); in demo mode only, and only when none is configured, the demo CA the
 * demo seed registered. A signer's certificate must chain to one of them when the admin uploads
 * it and again before each signature; before each signature its status is asked (OCSP, then the
 * CRL) and a revoked certificate, or one whose status nobody can tell, is refused (fail closed).
 * Only a demo anchor's certificates that name no revocation source are let through unchecked.
 */
import type { Db, Executor } from '../db/client';
import type { SigningConfig } from '../config';
import { trustAnchorCertificates } from './keystores';
import { chainToAnchors, type ChainResult } from './verify-document';
import { RevocationUnavailable, type RevocationChecker, type RevocationStatus } from './revocation';
import type { ValidationData } from './pades';
import { SignerRefused } from './signer';

export interface TrustAnchor {
	label: string;
	certificate: Uint8Array;
	demo: boolean;
}

/** What a signature may go ahead with: the chain, and the revocation answer to embed. */
export interface SigningClearance {
	chain: ChainResult;
	demo: boolean;
	revocation: RevocationStatus | null;
	validation: ValidationData;
}

export function createTrust(deps: { db: Db; config: SigningConfig; revocation: RevocationChecker }) {
	const { config, revocation } = deps;

	async function anchors(ex: Executor = deps.db): Promise<TrustAnchor[]> {
		if (config.anchors.length)
			return config.anchors.map((a) => ({ label: a.label, certificate: a.certificate, demo: false }));
		if (!config.demoAnchors) return [];
		const rows = await trustAnchorCertificates(ex);
		return rows.filter((r) => r.demo).map((r) => ({ label: r.label, certificate: r.certificate, demo: true }));
	}

	/** The chain to an anchor, or a refusal that says why (the admin's upload and each signature). */
	async function requireChain(certs: Uint8Array[], at: Date, ex?: Executor) {
		const list = await anchors(ex);
		if (list.length === 0)
			throw new SignerRefused('untrusted-certificate', 'No trust anchor is configured (SIGNING_TRUST_ANCHORS).');
		const chain = await chainToAnchors(certs, list, at);
		if (!chain.trusted)
			throw new SignerRefused(
				'untrusted-certificate',
				`The certificate does not chain to a configured trust anchor (${chain.reason ?? 'no path'}).`
			);
		const demo = list.some((a) => a.demo && a.label === chain.anchor);
		return { chain, demo };
	}

	return {
		anchors,
		requireChain,
		revocation,

		/** Chain and revocation status before a signature; refuses with the reason (ADR-081). */
		async clearForSigning(certs: Uint8Array[], at: Date): Promise<SigningClearance> {
			const { chain, demo } = await requireChain(certs, at);
			const [leaf, issuer] = chain.certificates;
			let status: RevocationStatus | null;
			try {
				status = await revocation.check(leaf!, issuer!, at);
			} catch (e) {
				if (e instanceof RevocationUnavailable)
					throw new SignerRefused('revocation-unavailable', e.message, { attempts: e.attempts });
				throw e;
			}
			if (!status && !demo)
				throw new SignerRefused(
					'revocation-unavailable',
					'The certificate names no OCSP responder or CRL, and SIGNING_OCSP_URL is not set.',
					{ attempts: [] }
				);
			if (status?.status === 'revoked')
				throw new SignerRefused(
					'certificate-revoked',
					`The signing certificate was revoked on ${status.revokedAt.toISOString()} ` +
						`(${status.reason ?? 'no reason given'}), as its ` +
						`${status.source === 'ocsp' ? 'OCSP responder' : 'CRL'} says.`,
					{ revokedAt: status.revokedAt.toISOString(), reason: status.reason, source: status.source }
				);
			return {
				chain,
				demo,
				revocation: status,
				validation: {
					// The chain without the anchor (the relying party has it), and the answer.
					certificates: chain.certificates.slice(0, -1),
					ocsps: status?.source === 'ocsp' ? [status.evidence] : [],
					crls: status?.source === 'crl' ? [status.evidence] : []
				}
			};
		}
	};
}

export type Trust = ReturnType<typeof createTrust>;
