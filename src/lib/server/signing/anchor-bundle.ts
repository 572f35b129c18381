/**
 * The trust anchors of the configuration (`SIGNING_TRUST_ANCHORS`, ADR-080): a PEM bundle of CA
 * certificates that every signer's certificate must chain to. Read and checked once at start: a
 * file that cannot be read, holds no certificate, or holds one that is not a CA or has expired
 * stops the server with a message naming the variable.
 */
import { readFileSync } from 'node:fs';
import { parseCertificate } from './cms';
import { commonNameOf, isCa, nameOf } from './cert-names';

export interface ConfiguredAnchor {
	label: string;
	subject: string;
	notAfter: Date;
	certificate: Uint8Array;
}

const PEM = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle, checked; throws a message for the configuration error. */
export function parseAnchorBundle(pem: string, now: Date): ConfiguredAnchor[] {
	const blocks = [...pem.matchAll(PEM)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
	if (blocks.length === 0) throw new Error('holds no PEM certificate');
	return blocks.map((der, i) => {
		let cert;
		try {
			cert = parseCertificate(der);
		} catch {
			throw new Error(`certificate ${i + 1} cannot be read`);
		}
		const subject = nameOf(cert.subject);
		if (!isCa(cert)) throw new Error(`certificate ${i + 1} (${subject}) is not a CA certificate`);
		if (cert.notAfter.value < now)
			throw new Error(`certificate ${i + 1} (${subject}) expired on ${cert.notAfter.value.toISOString()}`);
		return { label: commonNameOf(cert.subject), subject, notAfter: cert.notAfter.value, certificate: der };
	});
}

export function loadAnchorBundle(path: string, now: Date): ConfiguredAnchor[] {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (e) {
		throw new Error(`cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}: ${path})`);
	}
	return parseAnchorBundle(text, now);
}

/** PEM text of DER certificates (tests and the demo write bundles with it). */
export const toPem = (ders: Uint8Array[]) =>
	ders
		.map(
			(d) =>
				`-----BEGIN CERTIFICATE-----\n${Buffer.from(d)
					.toString('base64')
					.replace(/(.{64})/g, '$1\n')
					.trimEnd()}\n-----END CERTIFICATE-----\n`
		)
		.join('');
