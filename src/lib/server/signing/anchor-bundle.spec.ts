/**
 * `SIGNING_TRUST_ANCHORS` (ADR-080): a PEM bundle of CA certificates, read and checked at start;
 * `--check-config` names their subjects; a bad bundle stops the server naming the variable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { describeConfig } from '../config-report';
import { createDemoCa, DEMO_CA_NAME, issueDemoSigner, type DemoCa } from './demo-ca';
import { toPem } from './anchor-bundle';

let dir: string;
let ca: DemoCa;
let leaf: Uint8Array;
const file = (name: string, text: string) => {
	writeFileSync(join(dir, name), text);
	return join(dir, name);
};

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'merzim-anchors-'));
	const now = new Date();
	ca = await createDemoCa(now);
	({ certificate: leaf } = await issueDemoSigner(ca, {
		commonName: 'Not a CA',
		pin: '1',
		notBefore: now,
		notAfter: new Date(now.getTime() + 86_400_000)
	}));
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trust anchors from the configuration', () => {
	it('reads the bundle at start and shows each anchor by subject in --check-config', () => {
		const config = loadConfig({
			SIGNING_TRUST_ANCHORS: file('ok.pem', `# the Committee's CAs\n${toPem([ca.certificate])}`)
		});
		expect(config.signing.anchors).toHaveLength(1);
		expect(config.signing.anchors[0]!.label).toBe(DEMO_CA_NAME);
		const report = describeConfig(config).signing as { trustAnchors: { subject: string }[] };
		expect(report.trustAnchors[0]!.subject).toBe(`C=KZ, O=Merzim demo (not legally valid), CN=${DEMO_CA_NAME}`);
	});

	it('names the demo CA default only in demo mode, and says signing is refused without anchors in production', () => {
		expect(describeConfig(loadConfig({})).signing).toMatchObject({
			trustAnchors: expect.stringMatching(/demo mode only/)
		});
		const prod = loadConfig({ NODE_ENV: 'production' });
		expect(prod.signing.demoAnchors).toBe(false);
		expect(describeConfig(prod).signing).toMatchObject({
			trustAnchors: expect.stringMatching(/every signature is refused/)
		});
	});

	it.each([
		['a missing file', () => join(dir, 'missing.pem'), /SIGNING_TRUST_ANCHORS: cannot be read \(ENOENT/],
		['no certificate', () => file('empty.pem', 'nothing here'), /SIGNING_TRUST_ANCHORS: holds no PEM certificate/],
		['a certificate that is not a CA', () => file('leaf.pem', toPem([leaf])), /is not a CA certificate/],
		[
			'garbage inside the armour',
			() => file('bad.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
			/certificate 1 cannot be read/
		]
	])('stops the server for %s, naming the variable', (_what, path, message) => {
		expect(() => loadConfig({ SIGNING_TRUST_ANCHORS: path() })).toThrow(message);
	});
});
