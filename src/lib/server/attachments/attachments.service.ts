/**
 * A case's attachments (ADR-056): files brought by staff who work the case, or by the applicant
 * through the portal while the acts let it add documents (attach-rules.ts). Each upload is sniffed
 * by its bytes, stored content-addressed (blob-store.ts), then recorded — row and case event
 * `case:attachment-added` in one transaction, so the case page shows it live through the outbox
 * (ADR-014). Never deleted: a new version keeps the old; a withdrawal is recorded with its reason.
 * Every download is audited (stream `case-access:<id>`, with the act point on confidential cases).
 */
import type { Role } from '../../domain/access/roles';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../db/client';
import type { Clock } from '../clock';
import { caseAttachments, cases, organisations } from '../db/schema';
import { appendAuditEvent, appendCaseEvent } from '../audit/audit.repository';
import { ApiError } from '../http/api-error';
import { fieldProblem, zodFieldProblems } from '../../domain/errors/field-problem';
import type { BlobStore } from './blob-store';
import { ATTACHMENT_TYPES, sanitiseFilename, sniffKind } from '../../domain/attachments/sniff';
import { applicantMayAttach } from '../../domain/attachments/attach-rules';
import { mayAttachToCase, mayReadAttachments, type Actor } from '../../domain/access/policy';
import { confidentialityOf } from '../../domain/access/confidential-cases';

/** Who asks: a signed-in staff member, or the portal speaking for the applicant with this BIN. */
export type AttachmentCaller =
	| {
			kind: 'staff';
			userId: number;
			username: string;
			roles: readonly Role[];
			unit: string | null;
			kiosk?: boolean;
			/** Colleagues away now for whom the caller stands in (ADR-087). */
			standsInFor?: readonly number[];
	  }
	| { kind: 'portal'; applicantBin: string };

export interface AttachmentView {
	id: string;
	seriesId: string;
	version: number;
	filename: string;
	kind: string;
	mime: string;
	size: number;
	sha256: string;
	source: 'staff' | 'portal';
	uploadedBy: string;
	createdAt: string;
	withdrawnAt: string | null;
	withdrawnBy: string | null;
	withdrawReason: string | null;
	destroyedAt: string | null;
	destroyedReason: string | null;
	destroyedCitation: string | null;
}

export interface UploadedFile {
	name: string;
	bytes: AsyncIterable<Uint8Array>;
}

export const WithdrawSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => ApiError.notFound('case-not-found', 'No such case.');

const actorOf = (c: Extract<AttachmentCaller, { kind: 'staff' }>): Actor => ({
	userId: c.userId,
	roles: c.roles,
	unit: c.unit,
	kiosk: c.kiosk,
	standsInFor: c.standsInFor
});

async function caseFor(ex: Executor, caseId: string) {
	if (!UUID.test(caseId)) throw notFound();
	const [c] = await ex
		.select({
			id: cases.id,
			service: cases.service,
			stage: cases.stage,
			assigneeId: cases.assigneeId,
			unit: cases.unit,
			decidedAt: cases.decidedAt,
			bin: organisations.bin
		})
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.where(eq(cases.id, caseId));
	if (!c) throw notFound();
	return c;
}

type CaseRow = Awaited<ReturnType<typeof caseFor>>;

/** 404 for whoever may not read the case's attachments (a case one may not read does not exist). */
function checkRead(caller: AttachmentCaller, c: CaseRow) {
	if (caller.kind === 'portal' ? caller.applicantBin !== c.bin : !mayReadAttachments(actorOf(caller), c))
		throw notFound();
}

/** The act point letting this caller attach now; 403 when it may read but not attach. */
function checkAttach(caller: AttachmentCaller, c: CaseRow): string | null {
	checkRead(caller, c);
	if (caller.kind === 'staff') {
		if (!mayAttachToCase(actorOf(caller), c))
			throw new ApiError(403, 'Only those who work or register this case may attach files to it.');
		return null;
	}
	const point = applicantMayAttach(c);
	if (!point)
		throw new ApiError(
			409,
			'The applicant adds documents with the application or before the hearing; this case is past that.'
		);
	return point;
}

const viewOf = (r: typeof caseAttachments.$inferSelect): AttachmentView => ({
	id: r.id,
	seriesId: r.seriesId,
	version: r.version,
	filename: r.filename,
	kind: r.kind,
	mime: r.mime,
	size: r.size,
	sha256: r.sha256,
	source: r.source,
	uploadedBy: r.uploaderLabel,
	createdAt: r.createdAt.toISOString(),
	withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
	withdrawnBy: r.withdrawnBy,
	withdrawReason: r.withdrawReason,
	destroyedAt: r.destroyedAt?.toISOString() ?? null,
	destroyedReason: r.destroyedReason,
	destroyedCitation: r.destroyedCitation
});

export function createAttachmentsService(deps: { db: Db; clock: Clock; store: BlobStore; maxBytes: number }) {
	const { db, clock, store, maxBytes } = deps;

	async function rowsOf(ex: Executor, caseId: string, caller: AttachmentCaller) {
		const rows = await ex
			.select()
			.from(caseAttachments)
			.where(eq(caseAttachments.caseId, caseId))
			.orderBy(asc(caseAttachments.createdAt), asc(caseAttachments.version));
		// The portal sees what the applicant brought, not the Committee's own files.
		return caller.kind === 'portal' ? rows.filter((r) => r.source === 'portal') : rows;
	}

	return {
		maxBytes,

		/** Every version of every attachment, oldest first (withdrawn ones included, marked). */
		async list(caseId: string, caller: AttachmentCaller): Promise<AttachmentView[]> {
			checkRead(caller, await caseFor(db, caseId));
			return (await rowsOf(db, caseId, caller)).map(viewOf);
		},

		/**
		 * Stores a file and records it; with `replaces` (an id of any version) as the next version of
		 * that attachment. 422 for a type we do not accept, 413 past the limit; nothing kept then.
		 */
		async add(
			caseId: string,
			caller: AttachmentCaller,
			file: UploadedFile,
			/** A promise when it may follow the file in the body (multipart): settled once the body has ended. */
			replacesIn?: string | Promise<string | undefined>
		): Promise<AttachmentView> {
			const point = checkAttach(caller, await caseFor(db, caseId));
			const badReplaces = (r: string | undefined) =>
				r !== undefined && !UUID.test(r)
					? new ApiError(422, 'replaces: the id of an attachment of this case.', {
							replaces: {
								code: 'invalid-format',
								message: 'not an attachment id',
								params: { format: 'uuid' },
								variant: 'uuid'
							}
						})
					: null;
			if (typeof replacesIn === 'string' && badReplaces(replacesIn)) throw badReplaces(replacesIn);
			const staged = await store.stage(file.bytes, maxBytes);
			let replaces: string | undefined;
			try {
				replaces = await replacesIn;
				const bad = badReplaces(replaces);
				if (bad) throw bad;
			} catch (e) {
				await staged.discard();
				throw e;
			}
			const kind = sniffKind(staged.head);
			if (!kind) {
				await staged.discard();
				throw new ApiError(
					422,
					'The file is not a PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS or plain text (judged by its content).',
					{
						file: fieldProblem('file-type-not-accepted', 'type not accepted')
					}
				);
			}
			// Durable at its address before the row names it (a crash after this leaves an orphan, swept).
			await staged.commit();
			const now = clock.now();
			const label = caller.kind === 'staff' ? caller.username : 'portal';
			const row = await db.transaction(async (tx) => {
				const c = await caseFor(tx, caseId);
				checkAttach(caller, c);
				let seriesId: string | null = null;
				let version = 1;
				if (replaces) {
					const [prior] = await tx
						.select()
						.from(caseAttachments)
						.where(and(eq(caseAttachments.id, replaces), eq(caseAttachments.caseId, caseId)));
					if (!prior || (caller.kind === 'portal' && prior.source !== 'portal'))
						throw ApiError.notFound('attachment-not-found', 'No such attachment.');
					const [latest] = await tx
						.select()
						.from(caseAttachments)
						.where(eq(caseAttachments.seriesId, prior.seriesId))
						.orderBy(desc(caseAttachments.version))
						.limit(1)
						.for('update');
					if (latest!.destroyedAt) throw new ApiError(409, 'This attachment was destroyed; attach the file anew.');
					if (latest!.withdrawnAt) throw new ApiError(409, 'This attachment was withdrawn; attach the file anew.');
					seriesId = prior.seriesId;
					version = latest!.version + 1;
				}
				const id = crypto.randomUUID();
				const [inserted] = await tx
					.insert(caseAttachments)
					.values({
						id,
						caseId,
						seriesId: seriesId ?? id,
						version,
						filename: sanitiseFilename(file.name, kind),
						kind,
						mime: ATTACHMENT_TYPES[kind],
						size: staged.size,
						sha256: staged.sha256,
						source: caller.kind,
						uploadedBy: caller.kind === 'staff' ? caller.userId : null,
						uploaderLabel: label,
						createdAt: now
					})
					.returning();
				await appendCaseEvent(tx, caseId, {
					type: 'case:attachment-added',
					actor: { userId: caller.kind === 'staff' ? caller.userId : null, label },
					at: now,
					citation: point,
					after: {
						attachmentId: id,
						seriesId: inserted!.seriesId,
						version,
						filename: inserted!.filename,
						kind,
						size: staged.size,
						sha256: staged.sha256,
						source: caller.kind
					}
				});
				return inserted!;
			});
			return viewOf(row);
		},

		/** Withdraws an attachment (all its versions stay readable, marked withdrawn), with the reason. */
		async withdraw(
			caseId: string,
			attachmentId: string,
			caller: Extract<AttachmentCaller, { kind: 'staff' }>,
			input: unknown
		) {
			const parsed = WithdrawSchema.safeParse(input);
			if (!parsed.success) throw new ApiError(422, 'reason: 3 to 500 characters.', zodFieldProblems(parsed.error));
			if (!UUID.test(attachmentId)) throw ApiError.notFound('attachment-not-found', 'No such attachment.');
			const now = clock.now();
			return db.transaction(async (tx) => {
				checkAttach(caller, await caseFor(tx, caseId));
				const [row] = await tx
					.select()
					.from(caseAttachments)
					.where(and(eq(caseAttachments.id, attachmentId), eq(caseAttachments.caseId, caseId)))
					.for('update');
				if (!row) throw ApiError.notFound('attachment-not-found', 'No such attachment.');
				if (row.withdrawnAt) throw new ApiError(409, 'This attachment is already withdrawn.');
				const [updated] = await tx
					.update(caseAttachments)
					.set({ withdrawnAt: now, withdrawnBy: caller.username, withdrawReason: parsed.data.reason })
					.where(eq(caseAttachments.id, attachmentId))
					.returning();
				await appendCaseEvent(tx, caseId, {
					type: 'case:attachment-withdrawn',
					actor: { userId: caller.userId, label: caller.username },
					at: now,
					before: { attachmentId, filename: row.filename },
					after: { attachmentId, filename: row.filename, version: row.version, reason: parsed.data.reason }
				});
				return viewOf(updated!);
			});
		},

		/** The bytes of one version, for whoever may read the case's attachments; the read is audited. */
		async open(caseId: string, attachmentId: string, caller: AttachmentCaller) {
			const c = await caseFor(db, caseId);
			checkRead(caller, c);
			if (!UUID.test(attachmentId)) throw ApiError.notFound('attachment-not-found', 'No such attachment.');
			const [row] = (await rowsOf(db, caseId, caller)).filter((r) => r.id === attachmentId);
			if (!row) throw ApiError.notFound('attachment-not-found', 'No such attachment.');
			if (row.destroyedAt)
				throw ApiError.coded(
					410,
					'desk3-attachment-destroyed',
					`This file was destroyed on ${row.destroyedAt.toISOString().slice(0, 10)} ` +
						`with the case's device data ` +
						`(${row.destroyedCitation}); only its record is kept.`,
					{ date: row.destroyedAt.toISOString().slice(0, 10), citation: row.destroyedCitation ?? '' }
				);
			const body = await store.open(row.sha256);
			if (!body) throw new ApiError(404, 'The file of this attachment is missing from the store.');
			await appendAuditEvent(db, `case-access:${caseId}`, {
				type: 'attachment:downloaded',
				actor:
					caller.kind === 'staff'
						? { userId: caller.userId, label: caller.username }
						: { userId: null, label: 'portal' },
				at: clock.now(),
				citation: confidentialityOf(c.service),
				after: { attachmentId, sha256: row.sha256 }
			});
			return { view: viewOf(row), body };
		},

		/**
		 * Removes stored files no row names (an upload cut off between its rename and its insert) once
		 * older than `graceMs`, and temporary files as old. Returns how many it removed.
		 */
		/**
		 * Destroys a case's attachments with its device data (004 P 16; ADR-089), inside the caller's
		 * transaction: each row becomes a tombstone (when, why, the act point; the file name replaced,
		 * it may name a device). Returns the content hashes to pass to `removeUnreferenced` after commit.
		 */
		async destroyForCase(tx: Executor, caseId: string, at: Date, reason: string, citation: string) {
			const rows = await tx
				.select({ id: caseAttachments.id, sha: caseAttachments.sha256, version: caseAttachments.version })
				.from(caseAttachments)
				.where(and(eq(caseAttachments.caseId, caseId), isNull(caseAttachments.destroyedAt)))
				.orderBy(asc(caseAttachments.createdAt), asc(caseAttachments.version));
			for (const [i, r] of rows.entries())
				await tx
					.update(caseAttachments)
					.set({
						destroyedAt: at,
						destroyedReason: reason,
						destroyedCitation: citation,
						filename: `destroyed-${i + 1}`
					})
					.where(eq(caseAttachments.id, r.id));
			return { count: rows.length, hashes: [...new Set(rows.map((r) => r.sha))] };
		},

		/** Removes the stored files of these hashes that no attachment still standing names (any case). */
		async removeUnreferenced(hashes: string[]): Promise<number> {
			let removed = 0;
			for (const sha of hashes) {
				const [live] = await db
					.select({ id: caseAttachments.id })
					.from(caseAttachments)
					.where(and(eq(caseAttachments.sha256, sha), isNull(caseAttachments.destroyedAt)))
					.limit(1);
				if (live) continue;
				await store.remove(sha);
				removed++;
			}
			return removed;
		},

		async sweepOrphans(graceMs = 3_600_000): Promise<number> {
			// Files carry the machine's real time, whatever the (possibly simulated) case clock says.
			const before = new Date(Date.now() - graceMs);
			let removed = await store.sweepTemporary(before);
			// A destroyed attachment's row does not keep its file (004 P 16; ADR-089).
			const known = new Set(
				(
					await db
						.selectDistinct({ sha: caseAttachments.sha256 })
						.from(caseAttachments)
						.where(isNull(caseAttachments.destroyedAt))
				).map((r) => r.sha)
			);
			for await (const blob of store.list()) {
				if (blob.writtenAt < before && !known.has(blob.sha256)) {
					await store.remove(blob.sha256);
					removed++;
				}
			}
			return removed;
		}
	};
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
