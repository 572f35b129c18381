/**
 * The demo's signing keys: a local demo CA (registered as a trust anchor, marked demo) and a
 * PKCS#12 keystore for `head` under the demo PIN. Real PAdES signatures, not legally valid: the
 * certificate names say so, and the UI shows "demo certificate, not legally valid".
 */
import type { Executor } from '../db/client';
import { createDemoCa, DEMO_CA_NAME, issueDemoSigner } from '../signing/demo-ca';
import { addTrustAnchor, uploadKeystore } from '../signing/keystores';
import { systemActor } from '../audit/audit.repository';

/** The PIN that opens the demo head's keystore (README, demo logins). */
export const DEMO_SIGNING_PIN = '2468';

export async function seedDemoSigners(
	ex: Executor,
	signers: { userId: number; displayName: string }[],
	now: Date
): Promise<void> {
	const ca = await createDemoCa(now);
	await addTrustAnchor(ex, { label: DEMO_CA_NAME, certificate: ca.certificate, demo: true }, now);
	for (const s of signers) {
		const { p12 } = await issueDemoSigner(ca, {
			commonName: s.displayName,
			pin: DEMO_SIGNING_PIN,
			notBefore: new Date(now.getTime() - 86_400_000),
			notAfter: new Date(now.getTime() + 2 * 365 * 86_400_000)
		});
		await uploadKeystore(
			ex,
			{ userId: s.userId, p12, passphrase: DEMO_SIGNING_PIN, substitute: false, demo: true },
			systemActor,
			now
		);
	}
}
