/**
 * The head signs the reasoned refusal (001 p.20, Annex 2; 000 p.13 para 4): the text is frozen as
 * a named version, the letter is rendered to PDF, signed through the `Signer` (real EDS plugs in
 * there), and the PDF's SHA-256, the signer and the time are recorded on the case as a
 * `refusal:letter-signed` event — all in one transaction. The case's stage is not changed here: the
 * case decision calls this and moves the case itself.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, Tx } from '../db/client';
import type { Clock } from '../clock';
import { drafts, draftSignatures, draftVersions } from '../db/schema';
import { appendCaseEvent } from '../audit/audit.repository';
import { maySignDraft } from '../../domain/access/policy';
import { letterNumber } from '../../domain/drafting/refusal-letter';
import { formatLocalDate } from '../../domain/calendar/local-date';
import { localDayOfMs } from '../../domain/calendar/almaty-time';
import { findCurrentDraft } from './draft.repository';
import { bodyParagraphs } from './draft-state';
import { loadLetterFacts, letterFor, signingCitation } from './draft-letter';
import { renderLetterPdf } from './letter-pdf';
import { Sha256OnlySigner, sha256Hex, type Signer } from './signer';
import { nextVersion } from './draft-versions';
import { DraftingError } from './drafting-errors';
import type { DraftingService } from './drafting.service';
import type { DraftActor } from './draft-authz';

export interface SignedLetter {
	draftId: string;
	chain: number;
	version: number;
	versionId: string;
	letterNumber: string;
	sha256: string;
	algorithm: string;
	signer: string;
	signedAt: string;
}

export const SIGNED_VERSION_NAME = 'Signed / Қол қойылды / Подписано';

export async function signDraft(
	deps: { db: Db; clock: Clock; drafting: DraftingService; signer?: Signer },
	input: {
		caseId: string;
		signer: DraftActor;
		/**
		 * The case's decision, taken in the signing transaction (a refusal by the procedure engine);
		 * if it is refused (wrong stage, grounds not heard …) nothing is signed.
		 */
		decide?: (tx: Tx, letterText: string) => Promise<void>;
	}
): Promise<SignedLetter> {
	const signer = deps.signer ?? new Sha256OnlySigner();
	const actor = input.signer;
	if (!maySignDraft({ userId: actor.id, roles: actor.roles, kiosk: actor.kiosk }))
		throw new DraftingError('forbidden', 'Only a head signs the refusal letter (001 p.20).');
	const current = await findCurrentDraft(deps.db, input.caseId);
	if (!current) throw new DraftingError('not-found', 'The case has no refusal draft.');
	if (current.status === 'signed') throw new DraftingError('signed', 'This letter is already signed.');

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
			const at = deps.clock.now();
			const letter = letterFor(facts, {
				chain: current.chain,
				body,
				issuedOn: formatLocalDate(localDayOfMs(at.getTime())),
				signerName: actor.displayName
			});
			const pdf = await renderLetterPdf(letter, { createdAt: at });
			const sha256 = sha256Hex(pdf);
			const { signature, algorithm } = await signer.sign(pdf);
			const [version] = await tx
				.insert(draftVersions)
				.values({
					draftId: current.id,
					number: next.number,
					name: SIGNED_VERSION_NAME,
					state: next.state,
					text: next.text,
					createdBy: actor.id,
					createdAt: at
				})
				.returning();
			const number = letterNumber(facts.caseNumber, current.chain);
			await tx.insert(draftSignatures).values({
				draftId: current.id,
				versionId: version!.id,
				letterNumber: number,
				pdf,
				pdfSha256: sha256,
				signature,
				algorithm,
				signerId: actor.id,
				signerName: actor.displayName,
				signedAt: at
			});
			await tx.update(drafts).set({ status: 'signed' }).where(eq(drafts.id, current.id));
			if (input.decide) await input.decide(tx, next.text);
			await appendCaseEvent(tx, input.caseId, {
				type: 'refusal:letter-signed',
				actor: { userId: actor.id, label: actor.username },
				at,
				citation: signingCitation(facts.act),
				after: { draftId: current.id, version: next.number, sha256, signer: actor.displayName }
			});
			return {
				draftId: current.id,
				chain: current.chain,
				version: next.number,
				versionId: version!.id,
				letterNumber: number,
				sha256,
				algorithm,
				signer: actor.displayName,
				signedAt: at.toISOString()
			};
		});
	} catch (e) {
		await deps.drafting.unfreeze(current.id);
		throw e;
	}
}

/** The signed PDF of a chain (the current one by default), if signed. */
export async function signedPdf(db: Db, draftId: string) {
	const [row] = await db.select().from(draftSignatures).where(eq(draftSignatures.draftId, draftId));
	return row ?? null;
}
