/**
 * Files attached to a case (ADR-056). The bytes live outside the database, content-addressed by
 * their SHA-256 (attachments/blob-store.ts); a row holds what the file is and who brought it. A new
 * version is a new row of the same `seriesId` with the next `version`; rows are never deleted (a
 * trigger refuses it) and only the withdrawal columns may ever be set on one, and the destruction
 * columns once (with the file name replaced: it may name a device, 004 P 16).
 */
import { bigint, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { sql } from 'drizzle-orm';
import { cases, users } from './schema';

export const caseAttachments = pgTable(
	'case_attachments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		/** The attachment all its versions share: the id of its first version. */
		seriesId: uuid('series_id').notNull(),
		version: integer('version').notNull(),
		filename: text('filename').notNull(),
		/** What the content is, by its bytes (sniff.ts), e.g. `pdf`, `docx`. */
		kind: text('kind').notNull(),
		mime: text('mime').notNull(),
		size: bigint('size', { mode: 'number' }).notNull(),
		sha256: text('sha256').notNull(),
		/** `staff` or `portal` (the applicant through the portal). */
		source: text('source', { enum: ['staff', 'portal'] }).notNull(),
		uploadedBy: integer('uploaded_by').references(() => users.id),
		uploaderLabel: text('uploader_label').notNull(),
		createdAt: tstz('created_at').notNull(),
		withdrawnAt: tstz('withdrawn_at'),
		withdrawnBy: text('withdrawn_by'),
		withdrawReason: text('withdraw_reason'),
		/**
		 * The file's bytes destroyed with the case's device data (004 P 16; ADR-089): the row stays as
		 * a tombstone with when, why and the act point; downloads answer 410.
		 */
		destroyedAt: tstz('destroyed_at'),
		destroyedReason: text('destroyed_reason'),
		destroyedCitation: text('destroyed_citation')
	},
	(t) => [
		uniqueIndex('case_attachments_series_version_idx').on(t.seriesId, t.version),
		index('case_attachments_case_idx').on(t.caseId, t.createdAt),
		index('case_attachments_sha_idx').on(t.sha256),
		check('case_attachments_sha_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)
	]
);
