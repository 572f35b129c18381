/**
 * The desk: the search document of each case, staff notes on a case, and each user's saved views
 * of `/cases` (ADR-040, ADR-041).
 */
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { cases, users } from './schema';

/**
 * One row per case, written by the database itself (trigger `case_search_refresh`, in the
 * migration) whenever the case's application, number, external id or applicant changes — so no
 * write path can forget it. Never holds restricted data: only what every reader of the case sees.
 */
export const caseSearch = pgTable(
	'case_search',
	{
		caseId: uuid('case_id')
			.primaryKey()
			.references(() => cases.id),
		/** Applicant, counterparty and end-user names, folded (merzim_fold: lower case, Kazakh letters). */
		names: text('names').notNull(),
		/** Exact keys: `bin:…`, `imei:…`, `ext:…`, `seq:…`, and every prefix of each code (`hs:84…`, `cc:1С…`). */
		keys: text('keys')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`)
	},
	(t) => [index('case_search_keys_idx').using('gin', t.keys)]
);

/** Internal notes of staff on a case: never shown outside the Committee; editable 5 minutes. */
export const caseNotes = pgTable(
	'case_notes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		authorId: integer('author_id')
			.notNull()
			.references(() => users.id),
		text: text('text').notNull(),
		/** Users mentioned with @username (each checked to be able to see the case). */
		mentions: integer('mentions')
			.array()
			.notNull()
			.default(sql`'{}'::int[]`),
		createdAt: tstz('created_at').notNull(),
		editedAt: tstz('edited_at')
	},
	(t) => [index('case_notes_case_idx').on(t.caseId, t.createdAt)]
);

/** A user's named `/cases` filter (the query string of the page). */
export const savedViews = pgTable(
	'saved_views',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		query: text('query').notNull(),
		createdAt: tstz('created_at').notNull()
	},
	(t) => [uniqueIndex('saved_views_user_name_idx').on(t.userId, t.name)]
);
