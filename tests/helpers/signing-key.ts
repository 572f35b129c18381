/**
 * A head's signing key for the tests: a test CA (added as a demo trust anchor) issues a PKCS#12
 * keystore for the person, stored as the admin's upload stores it; the PIN opens it (ADR-083).
 */
import type { Db } from '../../src/lib/server/db/client';
import { createDemoCa, issueDemoSigner } from '../../src/lib/server/signing/demo-ca';
import { addTrustAnchor, uploadKeystore } from '../../src/lib/server/signing/keystores';
import type { Trust } from '../../src/lib/server/signing/trust';

/** `ctx`: the app's database and trust, which checks the keystore's chain as the admin's upload does (ADR-080). */
export async function giveSigningKey(
	ctx: { db: Db; trust: Pick<Trust, 'requireChain'> },
	o: { userId: number; commonName: string; pin: string; now: Date }
) {
	const { db } = ctx;
	const ca = await createDemoCa(o.now);
	await addTrustAnchor(db, { label: `test CA of ${o.commonName}`, certificate: ca.certificate, demo: true }, o.now);
	const { p12 } = await issueDemoSigner(ca, {
		commonName: o.commonName,
		pin: o.pin,
		notBefore: new Date(o.now.getTime() - 60_000),
		notAfter: new Date(o.now.getTime() + 2 * 365 * 86_400_000)
	});
	await uploadKeystore(
		db,
		{ userId: o.userId, p12, passphrase: o.pin, substitute: false },
		{ userId: null, label: 'test' },
		o.now,
		ctx.trust
	);
}
