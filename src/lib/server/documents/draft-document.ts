/**
 * Making a document's draft from its case inside the caller's transaction: the PDF (marked as an
 * unsigned draft), its row (a new version, or the unsigned one re-made) and the `document:created`
 * case event. Used by the officer's "prepare" and by the case actions the acts tie a document to
 * (ADR-066), so a decision and its draft are committed together or not at all.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documents } from '../db/schema';
import { appendCaseEvent, type Actor } from '../audit/audit.repository';
import { sha256Hex } from '../signing/sha256';
import { formatLocalDate } from '../../domain/calendar/local-date';
import { localDayOfMs } from '../../domain/calendar/almaty-time';
import { buildDocumentContent } from '../../domain/documents/content';
import { DOCUMENT_TITLES, DRAFT_MARK, type DocumentKind } from '../../domain/documents/kinds';
import { DOCUMENTS_BY_EVENT as TIED, documentsToDraft } from '../../domain/documents/tied-documents';
import { buildDocumentPdf } from './document-pdf';
import { caseState, loadDocumentCase, type LoadedCase } from './document-facts';

export type DocumentRow = typeof documents.$inferSelect;

export { DRAFT_MARK };

export const issuedOn = (at: Date) => formatLocalDate(localDayOfMs(at.getTime()));

export async function renderDocument(
	c: LoadedCase,
	kind: DocumentKind,
	version: number,
	at: Date,
	signerName: string | null,
	mark: string | null
) {
	const content = buildDocumentContent({
		kind,
		caseNumber: c.number,
		service: c.service,
		applicationDate: c.registeredOn,
		incomingNumber: typeof c.application.incomingNumber === 'string' ? c.application.incomingNumber : c.number,
		addressee: c.addressee,
		application: c.application,
		record: c.record,
		complaintExtension: c.complaintExtension,
		version,
		issuedOn: issuedOn(at),
		signerName
	});
	return { content, pdf: await buildDocumentPdf(content, { createdAt: at, mark }) };
}

/** Writes the draft of `kind` for the loaded (and locked) case: a new version, or the unsigned one re-made. */
export async function writeDraft(
	tx: Executor,
	c: LoadedCase,
	kind: DocumentKind,
	actor: Actor,
	at: Date,
	why: Record<string, unknown> = {}
): Promise<DocumentRow> {
	const [last] = await tx
		.select()
		.from(documents)
		.where(and(eq(documents.caseId, c.id), eq(documents.kind, kind)))
		.orderBy(desc(documents.version))
		.limit(1);
	const version = last && !last.signedAt ? last.version : (last?.version ?? 0) + 1;
	const { content, pdf } = await renderDocument(c, kind, version, at, null, DRAFT_MARK);
	const bytes = await pdf.save({ useObjectStreams: false });
	const values = {
		number: content.number,
		title: `${DOCUMENT_TITLES[kind].kk} / ${DOCUMENT_TITLES[kind].ru}`,
		citation: content.citation,
		pdf: bytes,
		sha256: sha256Hex(bytes),
		createdAt: at,
		createdBy: actor.userId
	};
	const [row] =
		last && !last.signedAt
			? await tx.update(documents).set(values).where(eq(documents.id, last.id)).returning()
			: await tx
					.insert(documents)
					.values({ caseId: c.id, kind, version, ...values })
					.returning();
	await appendCaseEvent(tx, c.id, {
		type: 'document:created',
		actor,
		at,
		citation: content.citation,
		after: { documentId: row!.id, kind, number: content.number, version, ...why }
	});
	return row!;
}

/**
 * Drafts the documents the action's events bring about (ADR-066), on the case as the action left
 * it, inside its transaction; a kind the case already has is left alone, so a replayed or repeated
 * action drafts nothing twice. Returns the drafts made.
 */
export async function draftTiedDocuments(
	tx: Executor,
	caseId: string,
	eventTypes: readonly string[],
	actor: Actor,
	at: Date
): Promise<DocumentRow[]> {
	if (!eventTypes.some((t) => t in TIED)) return [];
	const c = await loadDocumentCase(tx, caseId);
	if (!c) return [];
	const existing = await tx.select({ kind: documents.kind }).from(documents).where(eq(documents.caseId, caseId));
	const kinds = documentsToDraft(eventTypes, caseState(c), new Set(existing.map((d) => d.kind)));
	const made: DocumentRow[] = [];
	for (const kind of kinds) made.push(await writeDraft(tx, c, kind, actor, at, { automatic: true }));
	return made;
}
