/**
 * Documents that leave the Committee: made from the case by the officer (a draft, its PDF a
 * preview), signed by the head or the appointed substitute with their own key and PIN (PAdES), then
 * fetched by the portal into the applicant's cabinet and delivered with the portal's proof. Every
 * step is a case event in the same transaction (`document:created`, `document:signed`,
 * `document:downloaded`, `document:delivered`), which is also what integrations are told from.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../db/client';
import type { Clock } from '../clock';
import type { CalendarService } from '../calendar/calendar.service';
import type { WorkingCalendar } from '../../domain/calendar';
import { cases, documents } from '../db/schema';
import { appendCaseEvent } from '../audit/audit.repository';
import { idempotent } from '../http/idempotency';
import { documentJson } from './document-json';
import { sha256Hex } from '../signing/sha256';
import { documentAllowed, type DocumentKind } from '../../domain/documents/kinds';
import { mayPrepareDocument, maySignDocuments } from '../../domain/documents/document-access';
import { presentationClockOnSigning, PRESENTATION_CITATION } from '../../domain/documents/presentation-clock';
import { clockTimers } from '../../domain/procedures';
import { insertClock } from '../cases/write-plan';
import { renderDocument, writeDraft, type DocumentRow } from './draft-document';
import { caseState, loadDocumentCase } from './document-facts';
import { DocumentError } from './document-errors';
import { activeKeystore, lastRevokedKeystore, type KeystoreRow } from '../signing/keystores';
import type { SigningClearance, Trust } from '../signing/trust';
import { Pkcs12Signer } from '../signing/pkcs12-signer';
import { isSignerRefused, type Signer } from '../signing/signer';
import { signPdfDocument } from '../signing/pades';
import { verifyDocument } from '../signing/verify-document';
import type { Role } from '../../domain/access/roles';

export type { DocumentRow } from './draft-document';
export { DRAFT_MARK } from './draft-document';

export interface DocumentActor {
	id: number;
	username: string;
	displayName: string;
	roles: readonly Role[];
}

/** What a demo signature says on the page (the PDF is still a real PAdES signature). */
export const DEMO_MARK = 'Демо-сертификат, заңды күші жоқ / Демо-сертификат, юридической силы не имеет';

/**
 * One act of signing, prepared before the transaction: the signer, their keystore (null: none
 * active), the calendar of the day and the PIN typed now; `signer` once the key is opened (or a
 * test's / a browser-held signer).
 */
export interface SigningAct {
	actor: DocumentActor;
	keystore: KeystoreRow | null;
	calendar: WorkingCalendar;
	pin: string;
	signer?: Signer;
	/** The chain and status of the signer's certificate, asked before the transaction (ADR-081). */
	clearance?: SigningClearance;
}

export type DocumentState = 'draft' | 'signed' | 'delivered' | 'delivery-confirmed';

export function createDocumentsService(deps: { db: Db; clock: Clock; calendar: CalendarService; trust: Trust }) {
	const { db, clock } = deps;

	async function get(ex: Executor, id: string, lock = false): Promise<DocumentRow> {
		const q = ex.select().from(documents).where(eq(documents.id, id));
		const [row] = lock ? await q.for('update') : await q;
		if (!row) throw new DocumentError('document-not-found', 'No such document.');
		return row;
	}

	/**
	 * Who signs, with which keystore, on which calendar: read before the transaction (PGlite has
	 * one connection, ADR-013).
	 */
	async function prepareSigning(actor: DocumentActor, pin: string, signer?: Signer): Promise<SigningAct> {
		const keystore = await activeKeystore(db, actor.id);
		const calendar = await deps.calendar.current();
		if (!maySignDocuments(actor.roles, keystore?.substitute ?? false))
			throw new DocumentError(
				'not-a-signer',
				'Only the head or the substitute the admin appointed signs documents (001 p.20).'
			);
		return { actor, keystore, calendar, pin, signer };
	}

	/** The signer's own key opened with the PIN typed now (or why not: none, revoked, wrong PIN, expired). */
	async function openSigner(ex: Executor, act: SigningAct, at: Date): Promise<Signer> {
		if (act.signer) return act.signer;
		if (!act.keystore) {
			const revoked = await lastRevokedKeystore(ex, act.actor.id);
			if (revoked)
				throw new DocumentError(
					'certificate-revoked',
					`Your signing certificate was revoked on ` +
						`${revoked.revokedAt!.toISOString()}: ` +
						`${revoked.revokedReason ?? 'no reason given'}.`,
					{ revokedAt: revoked.revokedAt!.toISOString(), reason: revoked.revokedReason, source: 'admin' }
				);
			throw new DocumentError('no-keystore', 'No signing key has been uploaded for you; ask the admin.');
		}
		try {
			return Pkcs12Signer.open(act.keystore.p12, act.pin, at);
		} catch (e) {
			if (isSignerRefused(e)) throw new DocumentError(e.code, e.message, e.details);
			throw e;
		}
	}

	/**
	 * Opens the key with the PIN and asks the chain and the certificate's status, before anything is
	 * written and outside any transaction (the network must not hold a lock): a wrong PIN, an expired,
	 * revoked or unknown certificate refuses the act with nothing changed (ADR-081, ADR-083).
	 */
	async function unlock(act: SigningAct): Promise<Required<Pick<SigningAct, 'signer' | 'clearance'>> & SigningAct> {
		const signer = await openSigner(db, act, clock.now());
		const clearance =
			act.clearance ??
			(await deps.trust.clearForSigning([...signer.certificates], clock.now()).catch((e: unknown) => {
				throw isSignerRefused(e) ? new DocumentError(e.code, e.message, e.details) : e;
			}));
		return { ...act, signer, clearance };
	}

	/**
	 * Signs document `id` in the caller's transaction, with the `document:signed` event (and the
	 * presentation clock).
	 */
	async function signIn(tx: Executor, id: string, act: SigningAct): Promise<DocumentRow> {
		const { actor, keystore, calendar, signer, clearance } = act;
		// Only an unlocked act signs: its key was opened and its certificate cleared before the transaction.
		if (!signer || !clearance) throw new Error('signIn needs an act unlocked by unlock()');
		const doc = await get(tx, id, true);
		if (doc.signedAt) throw new DocumentError('already-signed', 'This document is already signed.');
		const c = (await loadDocumentCase(tx, doc.caseId, true))!;
		const kind = doc.kind as DocumentKind;
		const allowed = documentAllowed(kind, caseState(c));
		if (!allowed.ok) throw new DocumentError('wrong-stage', allowed.reason);
		const at = clock.now();
		const demo = !!keystore?.demo || clearance.demo;
		const { content, pdf } = await renderDocument(c, kind, doc.version, at, actor.displayName, demo ? DEMO_MARK : null);
		const signed = await signPdfDocument(
			pdf,
			signer,
			{
				reason: `${content.title.ru} ${content.number} (${content.citation})`,
				name: actor.displayName,
				location: 'Астана / Astana',
				contactInfo: 'Merzim',
				signingTime: at
			},
			clearance.validation
		);
		const sha256 = sha256Hex(signed);
		// The certificate's six-month presentation term starts with the signature (000 Annex 4; ADR-065).
		const presentation = presentationClockOnSigning(kind, at);
		const presentationDue =
			presentation?.op === 'start'
				? calendar.localDate(clockTimers(presentation.clock.clock, calendar, at).dueAt!)
				: null;
		const [row] = await tx
			.update(documents)
			.set({
				pdf: signed,
				sha256,
				number: content.number,
				signedAt: at,
				signedBy: actor.id,
				signerName: actor.displayName,
				signerSubject: keystore?.subject ?? null,
				demoCertificate: demo,
				presentationDue
			})
			.where(eq(documents.id, id))
			.returning();
		await appendCaseEvent(tx, doc.caseId, {
			type: 'document:signed',
			actor: { userId: actor.id, label: actor.username },
			at,
			citation: content.citation,
			after: {
				documentId: id,
				kind,
				number: content.number,
				sha256,
				signer: actor.displayName,
				...(presentationDue ? { presentationDue } : {})
			}
		});
		if (presentation?.op === 'start') {
			await insertClock(tx, doc.caseId, presentation.clock, calendar, at);
			await appendCaseEvent(tx, doc.caseId, {
				type: 'clock:started',
				actor: { userId: actor.id, label: actor.username },
				at,
				citation: PRESENTATION_CITATION,
				after: { kind: presentation.clock.kind, documentId: id, startedAt: at.toISOString(), due: presentationDue }
			});
		}
		return row!;
	}

	return {
		get: (id: string) => get(db, id),

		async list(caseId: string): Promise<DocumentRow[]> {
			return db
				.select()
				.from(documents)
				.where(eq(documents.caseId, caseId))
				.orderBy(asc(documents.createdAt), asc(documents.kind), asc(documents.version));
		},

		/**
		 * Makes (or re-makes, while unsigned) the draft of a kind from the case as it is now; 409 when
		 * the case is not in a stage that kind follows.
		 */
		async create(caseId: string, kind: DocumentKind, actor: DocumentActor): Promise<DocumentRow> {
			if (!mayPrepareDocument(actor.roles, kind))
				throw new DocumentError('not-a-signer', 'Your role does not prepare this document.');
			return db.transaction(async (tx) => {
				const c = await loadDocumentCase(tx, caseId, true);
				if (!c) throw new DocumentError('case-not-found', 'No such case.');
				const allowed = documentAllowed(kind, caseState(c));
				if (!allowed.ok) throw new DocumentError('wrong-stage', allowed.reason);
				return writeDraft(tx, c, kind, { userId: actor.id, label: actor.username }, clock.now());
			});
		},

		/**
		 * The head's (or substitute's) act of signing: their keystore opened with the PIN they type now,
		 * the certificate checked, the document re-made with their name and today's date and signed
		 * (PAdES), all in one transaction with the `document:signed` event. `signer` replaces the
		 * keystore (tests, and a browser-held key in future).
		 */
		async sign(id: string, actor: DocumentActor, pin: string, signerOverride?: Signer): Promise<DocumentRow> {
			const prepared = await prepareSigning(actor, pin, signerOverride);
			// Cheap refusals first, before the PIN and the network (re-checked under the lock).
			if ((await get(db, id)).signedAt) throw new DocumentError('already-signed', 'This document is already signed.');
			const act = await unlock(prepared);
			return db.transaction((tx) => signIn(tx, id, act));
		},

		prepareSigning,

		unlock,

		signIn,

		/**
		 * Signs the case's unsigned document of `kind` inside the caller's transaction (the drafting
		 * page's signature, ADR-083): the draft the action just made (ADR-066), else a new version.
		 */
		async signKindIn(tx: Executor, caseId: string, kind: DocumentKind, act: SigningAct): Promise<DocumentRow> {
			const [last] = await tx
				.select({ id: documents.id, signedAt: documents.signedAt })
				.from(documents)
				.where(and(eq(documents.caseId, caseId), eq(documents.kind, kind)))
				.orderBy(desc(documents.version))
				.limit(1);
			let id = last && !last.signedAt ? last.id : null;
			if (!id) {
				const c = await loadDocumentCase(tx, caseId, true);
				if (!c) throw new DocumentError('case-not-found', 'No such case.');
				const allowed = documentAllowed(kind, caseState(c));
				if (!allowed.ok) throw new DocumentError('wrong-stage', allowed.reason);
				id = (await writeDraft(tx, c, kind, { userId: act.actor.id, label: act.actor.username }, clock.now())).id;
			}
			return signIn(tx, id, act);
		},

		/** The portal fetched the applicant's copy: it is in the personal cabinet (recorded once). */
		async recordDownload(id: string, by: string): Promise<void> {
			await db.transaction(async (tx) => {
				const [row] = await tx
					.update(documents)
					.set({ downloadedAt: clock.now() })
					.where(and(eq(documents.id, id), isNull(documents.downloadedAt)))
					.returning();
				if (!row) return;
				await appendCaseEvent(tx, row.caseId, {
					type: 'document:downloaded',
					actor: { userId: null, label: by },
					at: row.downloadedAt!,
					after: { documentId: id, kind: row.kind, number: row.number }
				});
			});
		},

		/**
		 * The portal's proof of delivery (idempotent by `Idempotency-Key`); a hearing notice's proof is
		 * also written onto the preliminary refusal's notice record, which the hearing clock's page reads.
		 */
		async recordDelivery(
			id: string,
			proof: { deliveredAt: Date; channel: string; reference: string },
			by: string,
			key: string | null
		) {
			return idempotent(
				db,
				{ caller: by, key, fingerprint: `delivery ${id} ${JSON.stringify(proof)}`, now: clock.now() },
				async (tx) => {
					const doc = await get(tx, id, true);
					if (!doc.signedAt) throw new DocumentError('not-signed', 'An unsigned document is not delivered.');
					if (doc.deliveredAt)
						throw new DocumentError('already-delivered', 'The delivery of this document is already recorded.');
					const at = clock.now();
					if (proof.deliveredAt < doc.signedAt || proof.deliveredAt > at)
						throw new DocumentError('invalid-delivery', 'deliveredAt lies between the signature and now.');
					const [row] = await tx
						.update(documents)
						.set({
							deliveredAt: proof.deliveredAt,
							deliveryChannel: proof.channel,
							deliveryReference: proof.reference,
							deliveryRecordedAt: at,
							downloadedAt: doc.downloadedAt ?? at
						})
						.where(eq(documents.id, id))
						.returning();
					const kind = doc.kind as DocumentKind;
					if (kind === 'hearing-notice') await recordNoticeDelivery(tx, doc.caseId, proof);
					await appendCaseEvent(tx, doc.caseId, {
						type: 'document:delivered',
						actor: { userId: null, label: by },
						at,
						citation: kind === 'hearing-notice' ? '001 p.19 para 3; 000 p.13 para 2' : doc.citation,
						after: {
							documentId: id,
							kind,
							number: doc.number,
							deliveredAt: proof.deliveredAt.toISOString(),
							channel: proof.channel,
							reference: proof.reference
						}
					});
					return { status: 200, body: documentJson(row!) };
				}
			);
		},

		async verify(id: string) {
			const doc = await get(db, id);
			const anchors = await deps.trust.anchors();
			const v = await verifyDocument(doc.pdf, {
				anchors,
				signedAt: doc.signedAt,
				revocation: deps.trust.revocation
			});
			// A demo signature: made with a demo keystore, or chaining to a demo trust anchor.
			const demo = !!doc.demoCertificate || anchors.some((a) => a.demo && a.label === v.chain.anchor);
			return { ...v, storedSha256: doc.sha256, sha256: sha256Hex(doc.pdf), demo };
		}
	};
}

/** Writes the portal's proof onto `decision.preliminary.notice` (001 p.19 para 3: a notice that records delivery). */
async function recordNoticeDelivery(
	tx: Executor,
	caseId: string,
	proof: { deliveredAt: Date; channel: string; reference: string }
) {
	const [c] = await tx.select({ decision: cases.decision }).from(cases).where(eq(cases.id, caseId));
	const record = (c?.decision ?? {}) as Record<string, unknown>;
	const preliminary = (record.preliminary ?? {}) as Record<string, unknown>;
	const notice = (preliminary.notice ?? {}) as Record<string, unknown>;
	await tx
		.update(cases)
		.set({
			decision: {
				...record,
				preliminary: {
					...preliminary,
					notice: {
						...notice,
						proof: `${proof.channel}: ${proof.reference}`,
						deliveredAt: proof.deliveredAt.toISOString()
					}
				}
			}
		})
		.where(eq(cases.id, caseId));
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
