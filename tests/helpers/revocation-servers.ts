/**
 * A real OCSP responder and a CRL server for a test CA, over HTTP on port 0 (ADR-081 tests). Both
 * answer from the same list of revoked serial numbers, sign with the CA's key (pkijs), date their
 * answers by the test's clock, count the requests, and can be stopped (connection refused) and
 * started again on the same port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bufferOf, parseCertificate, useNodeCrypto } from '../../src/lib/server/signing/cms';
import { caSigningKey, type DemoCa } from '../../src/lib/server/signing/demo-ca';
import { CRL_REASONS, type RevocationReason } from '../../src/lib/server/signing/revocation';

export interface RevocationServers {
	ocspUrl: string;
	crlUrl: string;
	/** Serial (hex) → when and why it was revoked. */
	revoked: Map<string, { at: Date; reason: RevocationReason }>;
	hits: { ocsp: number; crl: number };
	stop(which: 'ocsp' | 'crl'): Promise<void>;
	start(which: 'ocsp' | 'crl'): Promise<void>;
	close(): Promise<void>;
}

export const serialOf = (der: Uint8Array) =>
	Buffer.from(parseCertificate(der).serialNumber.valueBlock.valueHexView).toString('hex');

const HOUR = 3_600_000;

function reasonExtension(reason: RevocationReason) {
	return new pkijs.Extension({
		extnID: '2.5.29.21',
		extnValue: new asn1js.Enumerated({ value: CRL_REASONS.indexOf(reason) }).toBER(false)
	});
}

export async function startRevocationServers(
	ca: DemoCa,
	opts: { now: () => Date; ocspValidityMs?: number; crlValidityMs?: number }
): Promise<RevocationServers> {
	useNodeCrypto();
	const caCert = parseCertificate(ca.certificate);
	const key = await caSigningKey(ca);
	const revoked = new Map<string, { at: Date; reason: RevocationReason }>();
	const hits = { ocsp: 0, crl: 0 };

	async function ocspAnswer(body: Uint8Array): Promise<Uint8Array> {
		const request = pkijs.OCSPRequest.fromBER(bufferOf(body));
		const now = opts.now();
		const basic = new pkijs.BasicOCSPResponse();
		basic.tbsResponseData.responderID = caCert.subject;
		basic.tbsResponseData.producedAt = now;
		for (const { reqCert } of request.tbsRequest.requestList) {
			const entry = revoked.get(Buffer.from(reqCert.serialNumber.valueBlock.valueHexView).toString('hex'));
			const certStatus = entry
				? new asn1js.Constructed({
						idBlock: { tagClass: 3, tagNumber: 1 },
						value: [
							new asn1js.GeneralizedTime({ valueDate: entry.at }),
							new asn1js.Constructed({
								idBlock: { tagClass: 3, tagNumber: 0 },
								value: [new asn1js.Enumerated({ value: CRL_REASONS.indexOf(entry.reason) })]
							})
						]
					})
				: new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
			basic.tbsResponseData.responses.push(
				new pkijs.SingleResponse({
					certID: reqCert,
					certStatus,
					thisUpdate: now,
					nextUpdate: new Date(now.getTime() + (opts.ocspValidityMs ?? HOUR))
				})
			);
		}
		basic.certs = [caCert];
		await basic.sign(key, 'SHA-256');
		const response = new pkijs.OCSPResponse({
			responseStatus: new asn1js.Enumerated({ value: 0 }),
			responseBytes: new pkijs.ResponseBytes({
				responseType: '1.3.6.1.5.5.7.48.1.1',
				response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) })
			})
		});
		return new Uint8Array(response.toSchema().toBER(false));
	}

	async function crlBytes(): Promise<Uint8Array> {
		const now = opts.now();
		const crl = new pkijs.CertificateRevocationList();
		crl.version = 1;
		crl.issuer = caCert.subject;
		crl.thisUpdate = new pkijs.Time({ type: 0, value: now });
		crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(now.getTime() + (opts.crlValidityMs ?? 4 * HOUR)) });
		if (revoked.size)
			crl.revokedCertificates = [...revoked].map(
				([serial, e]) =>
					new pkijs.RevokedCertificate({
						userCertificate: new asn1js.Integer({ valueHex: bufferOf(Buffer.from(serial, 'hex')) }),
						revocationDate: new pkijs.Time({ type: 0, value: e.at }),
						crlEntryExtensions: new pkijs.Extensions({ extensions: [reasonExtension(e.reason)] })
					})
			);
		await crl.sign(key, 'SHA-256');
		return new Uint8Array(crl.toSchema(true).toBER(false));
	}

	const servers: Record<'ocsp' | 'crl', Server> = {
		ocsp: createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				hits.ocsp++;
				ocspAnswer(new Uint8Array(Buffer.concat(chunks))).then(
					(bytes) => res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(Buffer.from(bytes)),
					() => res.writeHead(400).end()
				);
			});
		}),
		crl: createServer((_req, res) => {
			hits.crl++;
			crlBytes().then(
				(bytes) => res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(Buffer.from(bytes)),
				() => res.writeHead(500).end()
			);
		})
	};
	const ports = { ocsp: 0, crl: 0 };
	const listen = (which: 'ocsp' | 'crl') =>
		new Promise<void>((resolve) =>
			servers[which].listen(ports[which], '127.0.0.1', () => {
				ports[which] = (servers[which].address() as AddressInfo).port;
				resolve();
			})
		);
	const stop = (which: 'ocsp' | 'crl') =>
		new Promise<void>((resolve) => {
			servers[which].close(() => resolve());
			servers[which].closeAllConnections();
		});
	await listen('ocsp');
	await listen('crl');
	return {
		ocspUrl: `http://127.0.0.1:${ports.ocsp}/ocsp`,
		crlUrl: `http://127.0.0.1:${ports.crl}/ca.crl`,
		revoked,
		hits,
		stop,
		start: listen,
		async close() {
			await Promise.all((['ocsp', 'crl'] as const).filter((w) => servers[w].listening).map(stop));
		}
	};
}
