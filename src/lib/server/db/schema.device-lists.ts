/**
 * The State Revenue Committee's monthly lists of imported devices (004 P 11, App. 2), received
 * "For official use" and read only by the officials who verify devices (004 P 14–15, ADR-093):
 * one list per reporting month, its rows (application ID, customs procedure code, IMEI), and the
 * reminders sent when a list had not arrived by its due — one per reporting month (the primary
 * key), so a restart or a second process never sends it again.
 */
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const deviceLists = pgTable('device_lists', {
	id: uuid('id').primaryKey().defaultRandom(),
	/** 'YYYY-MM'. */
	reportingMonth: text('reporting_month').notNull().unique(),
	receivedAt: tstz('received_at').notNull(),
	/** The cover letter's number and date, as marked "For official use" (004 P 11). */
	coverLetter: text('cover_letter').notNull(),
	fileName: text('file_name').notNull(),
	fileSha256: text('file_sha256').notNull(),
	rowCount: integer('row_count').notNull(),
	importedBy: integer('imported_by')
		.notNull()
		.references(() => users.id),
	importedAt: tstz('imported_at').notNull()
});

export const deviceListRows = pgTable(
	'device_list_rows',
	{
		listId: uuid('list_id')
			.notNull()
			.references(() => deviceLists.id),
		/** The row of the sheet it came from (the header is row 1). */
		rowNo: integer('row_no').notNull(),
		applicationId: text('application_id').notNull(),
		procedureCode: text('procedure_code').notNull(),
		imei: text('imei').notNull()
	},
	(t) => [primaryKey({ columns: [t.listId, t.rowNo] }), index('device_list_rows_imei_idx').on(t.imei)]
);

export const deviceListReminders = pgTable('device_list_reminders', {
	reportingMonth: text('reporting_month').primaryKey(),
	dueAt: tstz('due_at').notNull(),
	remindedAt: tstz('reminded_at').notNull()
});
