/**
 * Signers' keystores and the trust anchors, in the database. The admin uploads a person's .p12
 * with its passphrase once, to check that it opens and to read the certificate; the passphrase is
 * not kept — the person types it as the PIN at each signature. Revocation is recorded with its
 * reason and refuses every later signature with that reason.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { signerKeystores, trustAnchors } from '../db/schema';
import { appendAuditEvent } from '../audit/audit.repository';
import { openPkcs12 } from './pkcs12-signer';
import { isSignerRefused, SignerRefused } from './signer';
import type { Trust } from './trust';

export type KeystoreRow = typeof signerKeystores.$inferSelect;

export async function activeKeystore(ex: Executor, userId: number): Promise<KeystoreRow | null> {
	const [row] = await ex
		.select()
		.from(signerKeystores)
		.where(and(eq(signerKeystores.userId, userId), isNull(signerKeystores.revokedAt)));
	return row ?? null;
}

/** The most recently revoked keystore of a person without an active one (to say why they cannot sign). */
export async function lastRevokedKeystore(ex: Executor, userId: number): Promise<KeystoreRow | null> {
	const [row] = await ex
		.select()
		.from(signerKeystores)
		.where(eq(signerKeystores.userId, userId))
		.orderBy(desc(signerKeystores.revokedAt))
		.limit(1);
	return row?.revokedAt ? row : null;
}

export interface KeystoreUpload {
	userId: number;
	p12: Uint8Array;
	passphrase: string;
	substitute: boolean;
	demo?: boolean;
}

/**
 * Stores a keystore (replacing, i.e. revoking, the person's previous one) and audits it. Its
 * certificate must chain to a configured trust anchor (ADR-080); only the demo seed's own keystores
 * (`demo: true`, issued by the CA it has just registered) skip that check.
 */
export async function uploadKeystore(
	tx: Executor,
	input: KeystoreUpload,
	by: { userId: number | null; label: string },
	at: Date,
	trust?: Pick<Trust, 'requireChain'>
): Promise<KeystoreRow> {
	let opened;
	try {
		opened = openPkcs12(input.p12, input.passphrase);
	} catch (e) {
		if (isSignerRefused(e)) throw e;
		throw new SignerRefused('wrong-pin', e instanceof Error ? e.message : 'The keystore cannot be read.');
	}
	// A certificate of a demo CA is a demo certificate, whoever uploads it: the UI says it is not legally valid.
	let demo = input.demo ?? false;
	if (!input.demo) {
		if (!trust) throw new Error('uploadKeystore: the trust anchors are needed to check the chain');
		// Whether it chains, judged within the certificate's own validity: an expired certificate is
		// stored (the page shows it expired) and refused at each signature as expired, not as untrusted.
		const within = new Date(Math.min(Math.max(at.getTime(), opened.notBefore.getTime()), opened.notAfter.getTime()));
		demo = (await trust.requireChain(opened.certificates, within, tx)).demo;
	}
	await tx
		.update(signerKeystores)
		.set({ revokedAt: at, revokedReason: 'replaced by a new keystore' })
		.where(and(eq(signerKeystores.userId, input.userId), isNull(signerKeystores.revokedAt)));
	const [row] = await tx
		.insert(signerKeystores)
		.values({
			userId: input.userId,
			p12: input.p12,
			certificate: opened.certificates[0]!,
			subject: opened.subject,
			notBefore: opened.notBefore,
			notAfter: opened.notAfter,
			demo,
			substitute: input.substitute,
			uploadedBy: by.userId,
			createdAt: at
		})
		.returning();
	await appendAuditEvent(tx, `user:${input.userId}`, {
		type: 'signer:keystore-uploaded',
		actor: by,
		at,
		after: {
			userId: input.userId,
			subject: opened.subject,
			notAfter: opened.notAfter.toISOString(),
			substitute: input.substitute,
			demo
		}
	});
	return row!;
}

export async function revokeKeystore(
	tx: Executor,
	userId: number,
	reason: string,
	by: { userId: number | null; label: string },
	at: Date
): Promise<boolean> {
	const rows = await tx
		.update(signerKeystores)
		.set({ revokedAt: at, revokedReason: reason })
		.where(and(eq(signerKeystores.userId, userId), isNull(signerKeystores.revokedAt)))
		.returning({ id: signerKeystores.id });
	if (rows.length)
		await appendAuditEvent(tx, `user:${userId}`, {
			type: 'signer:keystore-revoked',
			actor: by,
			at,
			after: { userId, reason }
		});
	return rows.length > 0;
}

export async function trustAnchorCertificates(ex: Executor) {
	return ex.select().from(trustAnchors);
}

export async function addTrustAnchor(
	ex: Executor,
	a: { label: string; certificate: Uint8Array; demo: boolean },
	at: Date
) {
	await ex.insert(trustAnchors).values({ ...a, createdAt: at });
}
