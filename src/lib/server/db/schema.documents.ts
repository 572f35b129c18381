/**
 * Documents that leave the Committee (licences, certificates, refusals, notices, complaint
 * decisions) and the keys that sign them. A document row is made as a draft (its PDF a preview);
 * signing replaces the PDF with the PAdES-signed one, once: a trigger refuses any change to a
 * signed row's bytes, hash, signer or time, and any deletion. Delivery columns are filled once.
 */
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, tstz } from './columns';
import { sql } from 'drizzle-orm';
import { cases, users } from './schema';

export const documents = pgTable(
	'documents',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		kind: text('kind').notNull(),
		/** 1, 2, … per case and kind: a document re-made after the case changed is a new version. */
		version: integer('version').notNull(),
		number: text('number').notNull(),
		title: text('title').notNull(),
		citation: text('citation').notNull(),
		pdf: bytea('pdf').notNull(),
		sha256: text('sha256').notNull(),
		createdAt: tstz('created_at').notNull(),
		createdBy: integer('created_by').references(() => users.id),
		signedAt: tstz('signed_at'),
		signedBy: integer('signed_by').references(() => users.id),
		signerName: text('signer_name'),
		/** Subject of the signing certificate, and whether it came from the demo CA. */
		signerSubject: text('signer_subject'),
		demoCertificate: boolean('demo_certificate'),
		/** For certificates: the last day to present it abroad (000 Annex 4: six months from signing). */
		presentationDue: text('presentation_due'),
		/** The portal fetched the applicant's copy (it is in the personal cabinet). */
		downloadedAt: tstz('downloaded_at'),
		/** Proof of delivery, as the portal reports it. */
		deliveredAt: tstz('delivered_at'),
		deliveryChannel: text('delivery_channel'),
		deliveryReference: text('delivery_reference'),
		deliveryRecordedAt: tstz('delivery_recorded_at')
	},
	(t) => [
		uniqueIndex('documents_case_kind_version_idx').on(t.caseId, t.kind, t.version),
		index('documents_case_idx').on(t.caseId)
	]
);

/**
 * A signer's PKCS#12 keystore, uploaded by the admin. It stays encrypted under its passphrase (the
 * signer's PIN), which is never stored; the certificate is kept apart to show and check it.
 */
export const signerKeystores = pgTable(
	'signer_keystores',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		p12: bytea('p12').notNull(),
		certificate: bytea('certificate').notNull(),
		subject: text('subject').notNull(),
		notBefore: tstz('not_before').notNull(),
		notAfter: tstz('not_after').notNull(),
		demo: boolean('demo').notNull().default(false),
		/** Appointed by the admin to sign for the head (001 p.20: "the head or the person acting"). */
		substitute: boolean('substitute').notNull().default(false),
		uploadedBy: integer('uploaded_by').references(() => users.id),
		createdAt: tstz('created_at').notNull(),
		revokedAt: tstz('revoked_at'),
		revokedReason: text('revoked_reason')
	},
	(t) => [
		uniqueIndex('signer_keystores_active_idx')
			.on(t.userId)
			.where(sql`${t.revokedAt} is null`)
	]
);

/** Certificates a signature's chain must end in (the demo CA in the demo; the national CA in production). */
export const trustAnchors = pgTable('trust_anchors', {
	id: uuid('id').primaryKey().defaultRandom(),
	label: text('label').notNull(),
	certificate: bytea('certificate').notNull(),
	demo: boolean('demo').notNull().default(false),
	createdAt: tstz('created_at').notNull()
});
