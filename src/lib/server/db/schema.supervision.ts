/**
 * What each decided case contributes to the supervision's compliance tables (ADR-135), kept so a
 * year's analysis is one indexed aggregate instead of replaying every decided case's clocks: the
 * facts as `decidedCaseFacts` derives them (domain/supervision/case-facts.ts), with copies of the
 * columns the tables group and filter by. Triggers on `cases` and `clocks` mark a case dirty when
 * anything its facts depend on is written; readers bring dirty and expired rows up to date first
 * (decided-facts.repository.ts), so a row is never read stale.
 */
import { bigserial, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { cases } from './schema';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const decidedCaseFacts = pgTable(
	'decided_case_facts',
	{
		caseId: uuid('case_id')
			.primaryKey()
			.references(() => cases.id, { onDelete: 'cascade' }),
		decidedAt: tstz('decided_at').notNull(),
		service: text('service').notNull(),
		unit: text('unit'),
		assigneeId: integer('assignee_id'),
		/** 'met' | 'late'; null when the case ran no service term (or it was cancelled). */
		term: text('term'),
		workingDaysUsed: integer('working_days_used'),
		suspendedWorkingDays: integer('suspended_working_days').notNull(),
		/** The kind of each breached or overdue clock (a kind may repeat: two consultations). */
		breachedClocks: text('breached_clocks').array().notNull(),
		/** When the facts change without a write: the earliest due of a clock still running. */
		staleAt: tstz('stale_at'),
		/** The calendar and the rules the facts were computed with (decided-facts.repository.ts). */
		calendarKey: text('calendar_key').notNull()
	},
	(t) => [
		index('decided_case_facts_decided_idx').on(t.decidedAt),
		// Finds a period's facts computed under another calendar: none, read in two short range scans.
		index('decided_case_facts_key_idx').on(t.calendarKey, t.decidedAt),
		index('decided_case_facts_stale_idx')
			.on(t.staleAt)
			.where(sql`stale_at is not null`)
	]
);

/**
 * Cases whose facts must be computed again; `mark` grows on every marking, so a reader deletes only
 * the markings it has read and a case written meanwhile stays dirty.
 */
export const decidedCaseFactsDirty = pgTable(
	'decided_case_facts_dirty',
	{
		caseId: uuid('case_id').primaryKey(),
		mark: bigserial('mark', { mode: 'number' }).notNull()
	},
	// Readers walk the marks in order (a keyset), so a case that cannot be computed is passed once.
	(t) => [index('decided_case_facts_dirty_mark_idx').on(t.mark)]
);
