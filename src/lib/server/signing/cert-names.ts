/** Certificates read with pkijs: names as "CN=…, O=…", and the URLs their extensions point to. */
import * as pkijs from 'pkijs';

const OID_NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.6': 'C', '2.5.4.11': 'OU' };

export const nameOf = (n: pkijs.RelativeDistinguishedNames) =>
	n.typesAndValues.map((t) => `${OID_NAMES[t.type] ?? t.type}=${String(t.value.valueBlock.value)}`).join(', ');

/** The common name alone (a label), or the whole name when it has none. */
export const commonNameOf = (n: pkijs.RelativeDistinguishedNames) =>
	String(n.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value ?? nameOf(n));

const OID = {
	authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
	ocsp: '1.3.6.1.5.5.7.48.1',
	crlDistributionPoints: '2.5.29.31',
	basicConstraints: '2.5.29.19'
} as const;

const URI = 6; // GeneralName uniformResourceIdentifier
const httpUrls = (names: pkijs.GeneralName[]) =>
	names.filter((g) => g.type === URI && /^https?:\/\//i.test(String(g.value))).map((g) => String(g.value));

/** OCSP responders named by the Authority Information Access extension (RFC 5280 4.2.2.1). */
export function ocspUrlsOf(cert: pkijs.Certificate): string[] {
	const ext = cert.extensions?.find((e) => e.extnID === OID.authorityInfoAccess);
	const aia = ext?.parsedValue as pkijs.InfoAccess | undefined;
	return httpUrls(
		(aia?.accessDescriptions ?? []).filter((d) => d.accessMethod === OID.ocsp).map((d) => d.accessLocation)
	);
}

/** CRLs named by the CRL Distribution Points extension's full names (RFC 5280 4.2.1.13). */
export function crlUrlsOf(cert: pkijs.Certificate): string[] {
	const ext = cert.extensions?.find((e) => e.extnID === OID.crlDistributionPoints);
	const cdp = ext?.parsedValue as pkijs.CRLDistributionPoints | undefined;
	return (cdp?.distributionPoints ?? []).flatMap((p) =>
		Array.isArray(p.distributionPoint) ? httpUrls(p.distributionPoint) : []
	);
}

/** Whether the certificate is a CA (basic constraints cA). */
export function isCa(cert: pkijs.Certificate): boolean {
	const ext = cert.extensions?.find((e) => e.extnID === OID.basicConstraints);
	return !!(ext?.parsedValue as pkijs.BasicConstraints | undefined)?.cA;
}
