/**
 * Collaborative drafting of reasoned refusals (ADR-015; the form is 001 Annex 2 / 000 Annex 2).
 *
 * A case has one or more drafts, each a "version chain" (chain 1, 2, …): a Yjs document stored as a
 * compacted snapshot plus the incremental updates appended after it. Named versions are immutable
 * copies of the state and its plain text; a signature freezes a chain (status `signed`) and links
 * the chain to the refusal document the head signed with PAdES (ADR-083; letters signed before it
 * keep their rendered PDF and its SHA-256 stand-in). Rows of `draft_versions` and `draft_signatures` are only ever
 * inserted (the repository exposes no update or delete for them).
 */
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, tstz } from './columns';
import { cases, users } from './schema';
import { documents } from './schema.documents';

export const draftStatuses = ['drafting', 'signed'] as const;
export type DraftStatus = (typeof draftStatuses)[number];

/** дәлелді бас тарту — the reasoned refusal letter of a case, one row per version chain. */
export const drafts = pgTable(
	'drafts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		/** 1 for the first draft of the case; a new draft after a signed one starts chain + 1. */
		chain: integer('chain').notNull(),
		status: text('status', { enum: draftStatuses }).notNull().default('drafting'),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: tstz('created_at').notNull()
	},
	(t) => [uniqueIndex('drafts_case_chain_idx').on(t.caseId, t.chain)]
);

/**
 * Yjs updates, appended before the client's update is acknowledged: each save of a document writes
 * the updates of its batch merged into one row (`updates` says how many). `hash` (SHA-256 of the
 * bytes) makes a store idempotent and lets compaction prove the in-memory document holds the row.
 */
export const draftUpdates = pgTable(
	'draft_updates',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		draftId: uuid('draft_id')
			.notNull()
			.references(() => drafts.id),
		update: bytea('update').notNull(),
		hash: text('hash').notNull(),
		userId: integer('user_id').references(() => users.id),
		at: tstz('at').notNull(),
		/** How many client updates the row merges (a save writes its batch as one row; compaction counts these). */
		updates: integer('updates').notNull().default(1)
	},
	(t) => [
		uniqueIndex('draft_updates_draft_hash_idx').on(t.draftId, t.hash),
		index('draft_updates_draft_id_idx').on(t.draftId, t.id)
	]
);

/** The document state with every update up to `upToId` applied (and those rows deleted). */
export const draftSnapshots = pgTable('draft_snapshots', {
	draftId: uuid('draft_id')
		.primaryKey()
		.references(() => drafts.id),
	state: bytea('state').notNull(),
	upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
	compactedAt: tstz('compacted_at').notNull()
});

/** Named, immutable versions ("sent to the head", "after the hearing"), numbered per chain. */
export const draftVersions = pgTable(
	'draft_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		draftId: uuid('draft_id')
			.notNull()
			.references(() => drafts.id),
		number: integer('number').notNull(),
		name: text('name').notNull(),
		state: bytea('state').notNull(),
		text: text('text').notNull(),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: tstz('created_at').notNull()
	},
	(t) => [uniqueIndex('draft_versions_draft_number_idx').on(t.draftId, t.number)]
);

/** The signed letter of a chain: its PAdES-signed document (ADR-083), the PDF's SHA-256, who signed when. */
export const draftSignatures = pgTable(
	'draft_signatures',
	{
		draftId: uuid('draft_id')
			.notNull()
			.references(() => drafts.id),
		versionId: uuid('version_id')
			.notNull()
			.references(() => draftVersions.id),
		letterNumber: text('letter_number').notNull(),
		/** The signed refusal document (PAdES, ADR-083); null only for letters signed before it. */
		documentId: uuid('document_id').references(() => documents.id),
		/** Before ADR-083 only: the rendered PDF and its SHA-256 "signature" (no EDS). */
		pdf: bytea('pdf'),
		/** The SHA-256 of the signed PDF (the document's, since ADR-083). */
		pdfSha256: text('pdf_sha256').notNull(),
		signature: bytea('signature'),
		algorithm: text('algorithm').notNull(),
		signerId: integer('signer_id')
			.notNull()
			.references(() => users.id),
		signerName: text('signer_name').notNull(),
		signedAt: tstz('signed_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.draftId] })]
);
