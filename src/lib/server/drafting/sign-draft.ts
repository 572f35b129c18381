/**
 * The head signs the reasoned refusal from the drafting page (001 p.20, Annex 2; 000 p.13 para 4;
 * ADR-083): the text is frozen as a named version, the case is refused with it, and the refusal
 * document the decision drafts (ADR-066) is signed through the documents' own path — the head's
 * keystore opened with the PIN typed now, PAdES, `document:signed` (which the portal is told of) —
 * then the chain is linked to that document with a `refusal:letter-signed` event, all in one
 * transaction. A wrong PIN (or an expired or revoked certificate) is refused before anything changes.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, Tx } from '../db/client';
import type { Clock } from '../clock';
import { drafts, draftSignatures, draftVersions, documents } from '../db/schema';
import { appendCaseEvent } from '../audit/audit.repository';
import { maySignDraft } from '../../domain/access/policy';
import { findCurrentDraft } from './draft.repository';
import { bodyParagraphs } from './draft-state';
import { loadLetterFacts, signingCitation } from './draft-letter';
import { nextVersion } from './draft-versions';
import { DraftingError } from './drafting-errors';
import type { DraftingService } from './drafting.service';
import type { DraftActor } from './draft-authz';
import type { DocumentsService } from '../documents/documents.service';
import type { Signer } from '../signing/signer';

export interface SignedLetter {
	draftId: string;
	chain: number;
	version: number;
	versionId: string;
	letterNumber: string;
	documentId: string;
	sha256: string;
	algorithm: string;
	signer: string;
	signedAt: string;
}

export const SIGNED_VERSION_NAME = 'Signed / Қол қойылды / Подписано';

/** What `draft_signatures.algorithm` says of a letter signed since ADR-083. */
export const PADES_ALGORITHM = 'PAdES (ETSI.CAdES.detached, SHA-256)';

export async function signDraft(
	deps: { db: Db; clock: Clock; drafting: DraftingService; documents: DocumentsService },
	input: {
		caseId: string;
		signer: DraftActor;
		/** The PIN of the signer's own keystore, typed for this signature (never stored). */
		pin: string;
		/**
		 * The case's decision, taken in the signing transaction (a refusal by the procedure engine);
		 * if it is refused (wrong stage, grounds not heard …) nothing is signed.
		 */
		decide: (tx: Tx, letterText: string) => Promise<void>;
		/** Replaces the keystore (tests). */
		signerOverride?: Signer;
	}
): Promise<SignedLetter> {
	const actor = input.signer;
	if (!maySignDraft({ userId: actor.id, roles: actor.roles, kiosk: actor.kiosk }))
		throw new DraftingError('forbidden', 'Only a head signs the refusal letter (001 p.20).');
	const current = await findCurrentDraft(deps.db, input.caseId);
	if (!current) throw new DraftingError('not-found', 'The case has no refusal draft.');
	if (current.status === 'signed') throw new DraftingError('signed', 'This letter is already signed.');
	// The person's act of signing first: nothing is frozen or written for a wrong PIN.
	const act = await deps.documents.unlock(await deps.documents.prepareSigning(actor, input.pin, input.signerOverride));

	// No edit may slip in between the text we sign and the freeze: refuse updates, store what we hold.
	await deps.drafting.freeze(current.id);
	try {
		await deps.drafting.flush(current.id);
		return await deps.db.transaction(async (tx) => {
			const [locked] = await tx.select().from(drafts).where(eq(drafts.id, current.id)).for('update');
			if (locked?.status !== 'drafting') throw new DraftingError('signed', 'This letter is already signed.');
			const facts = (await loadLetterFacts(tx, input.caseId))!;
			const next = await nextVersion(tx, current.id);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, next.state);
			const body = bodyParagraphs(doc).filter((p) => p.trim());
			doc.destroy();
			if (body.length === 0)
				throw new DraftingError('empty', 'The letter has no grounds yet; write them before signing.');
			const [version] = await tx
				.insert(draftVersions)
				.values({
					draftId: current.id,
					number: next.number,
					name: SIGNED_VERSION_NAME,
					state: next.state,
					text: next.text,
					createdBy: actor.id,
					createdAt: deps.clock.now()
				})
				.returning();
			await input.decide(tx, next.text);
			const signed = await deps.documents.signKindIn(tx, input.caseId, 'refusal', act);
			const at = signed.signedAt!;
			await tx.insert(draftSignatures).values({
				draftId: current.id,
				versionId: version!.id,
				letterNumber: signed.number,
				documentId: signed.id,
				pdfSha256: signed.sha256,
				algorithm: PADES_ALGORITHM,
				signerId: actor.id,
				signerName: actor.displayName,
				signedAt: at
			});
			await tx.update(drafts).set({ status: 'signed' }).where(eq(drafts.id, current.id));
			await appendCaseEvent(tx, input.caseId, {
				type: 'refusal:letter-signed',
				actor: { userId: actor.id, label: actor.username },
				at,
				citation: signingCitation(facts.act),
				after: {
					draftId: current.id,
					version: next.number,
					documentId: signed.id,
					number: signed.number,
					sha256: signed.sha256,
					signer: actor.displayName
				}
			});
			return {
				draftId: current.id,
				chain: current.chain,
				version: next.number,
				versionId: version!.id,
				letterNumber: signed.number,
				documentId: signed.id,
				sha256: signed.sha256,
				algorithm: PADES_ALGORITHM,
				signer: actor.displayName,
				signedAt: at.toISOString()
			};
		});
	} catch (e) {
		await deps.drafting.unfreeze(current.id);
		throw e;
	}
}

/**
 * The signed letter of a chain, if signed: its PDF is the signed refusal document's (ADR-083), or
 * the stored stand-in of a letter signed before it.
 */
export async function signedPdf(db: Db, draftId: string) {
	const [row] = await db
		.select({ s: draftSignatures, pdf: documents.pdf, demo: documents.demoCertificate })
		.from(draftSignatures)
		.leftJoin(documents, eq(documents.id, draftSignatures.documentId))
		.where(eq(draftSignatures.draftId, draftId));
	if (!row) return null;
	const pdf = row.pdf ?? row.s.pdf;
	return pdf ? { ...row.s, pdf, demoCertificate: row.demo ?? false } : null;
}
