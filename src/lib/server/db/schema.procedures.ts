/**
 * Tables of the case procedures (ADR-019): idempotent writes of the integration and staff APIs, and
 * the per-device decisions of a device-verification request (004 P 10).
 */
import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns';

/**
 * One row per `Idempotency-Key` and caller: the request's hash and the response it got, written in
 * the transaction of the write itself, so a retry gets the same answer and never a second effect.
 */
export const idempotencyKeys = pgTable(
	'idempotency_keys',
	{
		/** 'token:<id>' or 'user:<id>': keys are per caller. */
		caller: text('caller').notNull(),
		key: text('key').notNull(),
		requestHash: text('request_hash').notNull(),
		status: integer('status').notNull(),
		body: jsonb('body').notNull(),
		createdAt: tstz('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.caller, t.key] })]
);

/** Confirmation or rejection of each device of a verification request (004 P 10). */
export const deviceChecks = pgTable(
	'device_checks',
	{
		caseId: uuid('case_id').notNull(),
		imei: text('imei').notNull(),
		result: text('result', { enum: ['confirmed', 'rejected'] }),
		decidedAt: tstz('decided_at'),
		decidedBy: integer('decided_by'),
		note: jsonb('note')
	},
	(t) => [primaryKey({ columns: [t.caseId, t.imei] }), index('device_checks_case_idx').on(t.caseId)]
);
