/** An unsigned preview of the letter as it stands (stored state), marked as a draft; never stored. */
import * as Y from 'yjs';
import type { Db } from '../db/client';
import type { Clock } from '../clock';
import { loadEncodedState, type DraftRow } from './draft.repository';
import { bodyParagraphs } from './draft-state';
import { letterFor, type LetterFacts } from './draft-letter';
import { renderLetterPdf } from './letter-pdf';
import { DRAFT_MARK } from '../../domain/documents/kinds';
import type { DraftingService } from './drafting.service';

export async function previewPdf(
	deps: { db: Db; clock: Clock; drafting: DraftingService },
	facts: LetterFacts,
	draft: DraftRow
): Promise<Uint8Array> {
	await deps.drafting.flush(draft.id).catch(() => {});
	const doc = new Y.Doc();
	Y.applyUpdate(doc, await loadEncodedState(deps.db, draft.id));
	const body = bodyParagraphs(doc);
	doc.destroy();
	const letter = letterFor(facts, { chain: draft.chain, body, issuedOn: null, signerName: null });
	return renderLetterPdf(letter, { createdAt: deps.clock.now(), draftMark: DRAFT_MARK });
}
