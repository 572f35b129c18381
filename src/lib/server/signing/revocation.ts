/**
 * Is a signer's certificate revoked? (ADR-081.) Asked first of the OCSP responder its Authority
 * Information Access names (or `SIGNING_OCSP_URL` when it names none), then of the CRL its
 * distribution point names. Each answer is checked — signed by the issuing CA (or its delegated
 * responder), about this certificate, current at the time asked — and kept until its nextUpdate.
 * When neither source answers, the caller fails closed. Built with pkijs (RFC 6960, RFC 5280).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bufferOf, parseCertificate, useNodeCrypto } from './cms';
import { crlUrlsOf, ocspUrlsOf } from './cert-names';

/** RFC 5280 5.3.1 CRLReason, by number. */
export const CRL_REASONS = [
	'unspecified',
	'keyCompromise',
	'cACompromise',
	'affiliationChanged',
	'superseded',
	'cessationOfOperation',
	'certificateHold',
	'unused',
	'removeFromCRL',
	'privilegeWithdrawn',
	'aACompromise'
] as const;
export type RevocationReason = (typeof CRL_REASONS)[number];

export type RevocationSource = 'ocsp' | 'crl';

export type RevocationStatus =
	| { status: 'good'; source: RevocationSource; thisUpdate: Date; nextUpdate: Date | null; evidence: Uint8Array }
	| {
			status: 'revoked';
			source: RevocationSource;
			thisUpdate: Date;
			nextUpdate: Date | null;
			revokedAt: Date;
			reason: RevocationReason | null;
			evidence: Uint8Array;
	  };

/** Neither OCSP nor the CRL gave a usable answer: signing refuses (fail closed). */
export class RevocationUnavailable extends Error {
	constructor(readonly attempts: string[]) {
		super(`The certificate's revocation status could not be checked: ${attempts.join('; ')}.`);
	}
}

/** Tolerance for a responder's clock running a little ahead of ours. */
const SKEW_MS = 5 * 60_000;
/** An answer without nextUpdate is current this long after its thisUpdate (and is not cached). */
const NO_NEXT_UPDATE_MS = 60 * 60_000;

function current(thisUpdate: Date, nextUpdate: Date | null, at: Date): boolean {
	if (thisUpdate.getTime() > at.getTime() + SKEW_MS) return false;
	return nextUpdate ? at <= nextUpdate : at.getTime() - thisUpdate.getTime() <= NO_NEXT_UPDATE_MS;
}

const reasonOf = (n: number | undefined): RevocationReason | null =>
	n === undefined ? null : (CRL_REASONS[n] ?? 'unspecified');

/** Judges revocation data (DER) about `leaf`, issued by `issuer`, at `at`: its status, or null when unusable. */
export type Judge = (
	bytes: Uint8Array,
	leaf: pkijs.Certificate,
	issuer: pkijs.Certificate,
	at: Date
) => Promise<RevocationStatus | null>;

/**
 * Judges a DER OCSPResponse about `leaf` (issued by `issuer`) at `at`: its status, or null when it is
 * not a usable answer (unsuccessful, not signed by an authorised responder, about another
 * certificate, "unknown", or not current).
 */
export const judgeOcsp: Judge = async (bytes, leaf, issuer, at) => {
	useNodeCrypto();
	const response = pkijs.OCSPResponse.fromBER(bufferOf(bytes));
	if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes) return null;
	const basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView.slice().buffer);
	let verified = false;
	try {
		verified = await basic.verify({ trustedCerts: [issuer], issuerCerts: [issuer] });
	} catch {
		verified = false;
	}
	if (!verified) return null;
	for (const single of basic.tbsResponseData.responses) {
		const id = await pkijs.CertID.create(leaf, {
			hashAlgorithm: hashNameOf(single.certID.hashAlgorithm.algorithmId),
			issuerCertificate: issuer
		});
		if (!id.isEqual(single.certID)) continue;
		const nextUpdate = single.nextUpdate ?? null;
		if (!current(single.thisUpdate, nextUpdate, at)) return null;
		const status = single.certStatus as asn1js.BaseBlock;
		const tag = status.idBlock.tagNumber;
		if (tag === 0)
			return { status: 'good', source: 'ocsp', thisUpdate: single.thisUpdate, nextUpdate, evidence: bytes };
		if (tag !== 1) return null; // unknown
		const parts = (status as asn1js.Constructed).valueBlock.value;
		const revokedAt = (parts[0] as asn1js.GeneralizedTime).toDate();
		const reasonBlock = (parts[1] as asn1js.Constructed | undefined)?.valueBlock.value[0] as
			asn1js.Enumerated | undefined;
		return {
			status: 'revoked',
			source: 'ocsp',
			thisUpdate: single.thisUpdate,
			nextUpdate,
			revokedAt,
			reason: reasonOf(reasonBlock?.valueBlock.valueDec),
			evidence: bytes
		};
	}
	return null;
};

const HASHES: Record<string, string> = {
	'1.3.14.3.2.26': 'SHA-1',
	'2.16.840.1.101.3.4.2.1': 'SHA-256',
	'2.16.840.1.101.3.4.2.2': 'SHA-384',
	'2.16.840.1.101.3.4.2.3': 'SHA-512'
};
const hashNameOf = (oid: string) => HASHES[oid] ?? 'SHA-1';

/** Judges a DER CRL about `leaf` at `at`: null when it is not the issuer's, not signed by it, or not current. */
export const judgeCrl: Judge = async (bytes, leaf, issuer, at) => {
	useNodeCrypto();
	const crl = pkijs.CertificateRevocationList.fromBER(bufferOf(bytes));
	if (!crl.issuer.isEqual(issuer.subject)) return null;
	if (!(await crl.verify({ issuerCertificate: issuer }).catch(() => false))) return null;
	const thisUpdate = crl.thisUpdate.value;
	const nextUpdate = crl.nextUpdate?.value ?? null;
	if (!current(thisUpdate, nextUpdate, at)) return null;
	const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(leaf.serialNumber));
	if (!entry || entry.revocationDate.value > at)
		return { status: 'good', source: 'crl', thisUpdate, nextUpdate, evidence: bytes };
	const reasonExt = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === '2.5.29.21');
	const reasonAsn = reasonExt ? asn1js.fromBER(bufferOf(reasonExt.extnValue.valueBlock.valueHexView)).result : null;
	return {
		status: 'revoked',
		source: 'crl',
		thisUpdate,
		nextUpdate,
		revokedAt: entry.revocationDate.value,
		reason: reasonOf(reasonAsn instanceof asn1js.Enumerated ? reasonAsn.valueBlock.valueDec : undefined),
		evidence: bytes
	};
};

export interface RevocationOptions {
	/** The responder asked when a certificate names none (`SIGNING_OCSP_URL`). */
	ocspUrl?: string;
	timeoutMs: number;
	fetch?: typeof fetch;
}

export type RevocationChecker = ReturnType<typeof createRevocationChecker>;

/** A checker with its cache: OCSP answers per certificate and CRLs per URL, each until its nextUpdate. */
export function createRevocationChecker(opts: RevocationOptions) {
	const doFetch = opts.fetch ?? fetch;
	const ocspCache = new Map<string, RevocationStatus>();
	const crlCache = new Map<string, { bytes: Uint8Array; nextUpdate: Date }>();

	async function get(url: string, init: RequestInit, accept: string): Promise<Uint8Array> {
		const res = await doFetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs) });
		if (!res.ok) throw new Error(`HTTP ${res.status}`);
		const type = res.headers.get('content-type') ?? '';
		if (type && !type.includes(accept) && !type.includes('octet-stream')) throw new Error(`answered ${type}`);
		return new Uint8Array(await res.arrayBuffer());
	}

	async function askOcsp(url: string, leaf: pkijs.Certificate, issuer: pkijs.Certificate, at: Date) {
		const request = new pkijs.OCSPRequest();
		await request.createForCertificate(leaf, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
		const body = new Uint8Array(request.toSchema(true).toBER(false));
		const bytes = await get(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body },
			'application/ocsp-response'
		);
		return judgeOcsp(bytes, leaf, issuer, at);
	}

	async function askCrl(url: string, leaf: pkijs.Certificate, issuer: pkijs.Certificate, at: Date) {
		const cached = crlCache.get(url);
		if (cached && at <= cached.nextUpdate) {
			const judged = await judgeCrl(cached.bytes, leaf, issuer, at);
			if (judged) return judged;
		}
		const bytes = await get(url, { method: 'GET' }, 'application/pkix-crl');
		const judged = await judgeCrl(bytes, leaf, issuer, at);
		if (judged?.nextUpdate) crlCache.set(url, { bytes, nextUpdate: judged.nextUpdate });
		return judged;
	}

	return {
		/**
		 * The status of `leafDer` (issued by `issuerDer`) at `at`; null when the certificate names no
		 * OCSP responder or CRL and none is configured. Throws RevocationUnavailable when every named
		 * source failed.
		 */
		async check(leafDer: Uint8Array, issuerDer: Uint8Array, at: Date): Promise<RevocationStatus | null> {
			useNodeCrypto();
			const leaf = parseCertificate(leafDer);
			const issuer = parseCertificate(issuerDer);
			const key = `${createHash('sha256').update(issuerDer).digest('hex')}:${Buffer.from(leaf.serialNumber.valueBlock.valueHexView).toString('hex')}`;
			const cached = ocspCache.get(key);
			if (cached?.nextUpdate && at <= cached.nextUpdate && at >= cached.thisUpdate) return cached;
			const ocsp = ocspUrlsOf(leaf);
			const sources: [RevocationSource, string][] = [
				...(ocsp.length ? ocsp : opts.ocspUrl ? [opts.ocspUrl] : []).map(
					(u) => ['ocsp', u] as [RevocationSource, string]
				),
				...crlUrlsOf(leaf).map((u) => ['crl', u] as [RevocationSource, string])
			];
			if (sources.length === 0) return null;
			const attempts: string[] = [];
			for (const [kind, url] of sources) {
				try {
					const judged = kind === 'ocsp' ? await askOcsp(url, leaf, issuer, at) : await askCrl(url, leaf, issuer, at);
					if (judged) {
						if (kind === 'ocsp' && judged.nextUpdate) ocspCache.set(key, judged);
						return judged;
					}
					attempts.push(`${kind.toUpperCase()} ${url}: no usable answer`);
				} catch (e) {
					attempts.push(`${kind.toUpperCase()} ${url}: ${describe(e)}`);
				}
			}
			throw new RevocationUnavailable(attempts);
		}
	};
}

function describe(e: unknown): string {
	if (e instanceof Error) {
		const cause = (e as { cause?: { code?: string } }).cause?.code;
		if (e.name === 'TimeoutError') return 'timed out';
		return cause ?? e.message;
	}
	return String(e);
}
