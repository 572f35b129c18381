/**
 * Revocation checking against a real OCSP responder and CRL server on port 0 (ADR-081): the
 * responder's answer first, kept until its nextUpdate; the CRL when the responder is down; a
 * refusal when both are; a revoked certificate with its date and reason from either source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCa, issueDemoSigner, type DemoCa } from './demo-ca';
import { createRevocationChecker, judgeOcsp, RevocationUnavailable } from './revocation';
import { parseCertificate } from './cms';
import { serialOf, startRevocationServers, type RevocationServers } from '../../../../tests/helpers/revocation-servers';

const t0 = new Date('2026-03-02T04:00:00Z');
let now = t0;
const HOUR = 3_600_000;
let ca: DemoCa;
let other: DemoCa;
let servers: RevocationServers;
let leaf: Uint8Array;

beforeAll(async () => {
	[ca, other] = await Promise.all([createDemoCa(t0), createDemoCa(t0)]);
	servers = await startRevocationServers(ca, { now: () => now });
	({ certificate: leaf } = await issueDemoSigner(ca, {
		commonName: 'Әлия Қасымова',
		pin: '2468',
		notBefore: new Date(t0.getTime() - 1000),
		notAfter: new Date(t0.getTime() + 365 * 24 * HOUR),
		ocspUrl: servers.ocspUrl,
		crlUrl: servers.crlUrl
	}));
}, 30_000);
afterAll(() => servers?.close());

describe('revocation checking', () => {
	const checker = createRevocationChecker({ timeoutMs: 2000 });

	it('asks the OCSP responder the certificate names, and keeps its answer until nextUpdate', async () => {
		const good = await checker.check(leaf, ca.certificate, now);
		expect(good).toMatchObject({ status: 'good', source: 'ocsp' });
		expect(good!.nextUpdate).toEqual(new Date(t0.getTime() + HOUR));
		const hits = servers.hits.ocsp;
		await checker.check(leaf, ca.certificate, new Date(t0.getTime() + 30 * 60_000));
		expect(servers.hits.ocsp).toBe(hits); // cached
	});

	it('falls back to the CRL when the responder is down, and refuses when both are (fail closed)', async () => {
		await servers.stop('ocsp');
		now = new Date(t0.getTime() + 2 * HOUR); // the cached OCSP answer has expired
		const viaCrl = await checker.check(leaf, ca.certificate, now);
		expect(viaCrl).toMatchObject({ status: 'good', source: 'crl' });
		await servers.stop('crl');
		now = new Date(t0.getTime() + 7 * HOUR); // and the cached CRL too
		const refused = await checker.check(leaf, ca.certificate, now).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(RevocationUnavailable);
		expect((refused as RevocationUnavailable).attempts).toEqual([
			expect.stringMatching(/^OCSP http:\/\/127\.0\.0\.1:\d+\/ocsp: ECONNREFUSED/),
			expect.stringMatching(/^CRL http:\/\/127\.0\.0\.1:\d+\/ca\.crl: ECONNREFUSED/)
		]);
		await servers.start('ocsp');
		await servers.start('crl');
	});

	it('reports a revoked certificate with its date and reason, by OCSP and by the CRL', async () => {
		const revokedAt = new Date(now.getTime() - HOUR);
		servers.revoked.set(serialOf(leaf), { at: revokedAt, reason: 'keyCompromise' });
		now = new Date(now.getTime() + 2 * HOUR);
		const fresh = createRevocationChecker({ timeoutMs: 2000 });
		expect(await fresh.check(leaf, ca.certificate, now)).toMatchObject({
			status: 'revoked',
			source: 'ocsp',
			revokedAt,
			reason: 'keyCompromise'
		});
		await servers.stop('ocsp');
		expect(await createRevocationChecker({ timeoutMs: 2000 }).check(leaf, ca.certificate, now)).toMatchObject({
			status: 'revoked',
			source: 'crl',
			revokedAt,
			reason: 'keyCompromise'
		});
		await servers.start('ocsp');
		servers.revoked.clear();
	});

	it('does not believe an answer signed by another CA', async () => {
		const good = await createRevocationChecker({ timeoutMs: 2000 }).check(leaf, ca.certificate, now);
		// The same response judged as if another CA had issued the certificate: not a usable answer.
		expect(
			await judgeOcsp(good!.evidence, parseCertificate(leaf), parseCertificate(other.certificate), now)
		).toBeNull();
	});

	it('has nothing to ask for a certificate that names no responder or CRL', async () => {
		const { certificate } = await issueDemoSigner(ca, {
			commonName: 'No pointers',
			pin: '1',
			notBefore: t0,
			notAfter: new Date(t0.getTime() + HOUR * 24)
		});
		expect(await checker.check(certificate, ca.certificate, now)).toBeNull();
	});
});
