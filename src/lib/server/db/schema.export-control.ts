/**
 * Requests to the state bodies of the specific-goods control system (001 p.17 paras 1–2): sent with
 * the consultations for export and general licences; their answer is information for the officer's
 * risk assessment, with no term and no deemed answer (unlike the p.16 consultations).
 */
import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { agencies, cases } from './schema';

export const controlRequests = pgTable(
	'control_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		agencyCode: text('agency_code')
			.notNull()
			.references(() => agencies.code),
		requestedAt: tstz('requested_at').notNull(),
		answeredAt: tstz('answered_at'),
		/** The body reports possible risks of the export (feeds the risk assessment, 001 p.17 para 2). */
		risks: boolean('risks'),
		information: text('information'),
		answeredBy: text('answered_by')
	},
	(t) => [
		index('control_requests_agency_idx').on(t.agencyCode, t.answeredAt),
		index('control_requests_case_idx').on(t.caseId)
	]
);
