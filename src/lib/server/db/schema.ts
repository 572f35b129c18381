/**
 * Schema v1 of Merzim. One schema for both drivers (PostgreSQL via postgres.js and embedded PGlite);
 * migrations are generated from it by drizzle-kit into `drizzle/` and applied at start.
 *
 * Append-only tables (`case_events`, `audit_events`) are protected by triggers in the hand-written
 * migration `0001_append_only.sql`: UPDATE, DELETE and TRUNCATE are refused by the database itself.
 *
 * Tables of a later area live in `schema.<area>.ts` and are re-exported at the end of this file, so
 * drizzle-kit and the typed `db` see one schema.
 */
import { sql } from 'drizzle-orm';
import type { LocalNames } from '../../domain/names/local-names';
import {
	bigint,
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	uniqueIndex,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { bytea, tstz } from './columns';

export const agencies = pgTable('agencies', {
	code: text('code').primaryKey(),
	nameEn: text('name_en').notNull(),
	nameRu: text('name_ru').notNull(),
	nameKk: text('name_kk').notNull()
});

export const roles = pgTable('roles', {
	name: text('name').primaryKey(),
	description: text('description').notNull(),
	/** An admin can make a second factor mandatory for everyone holding this role. */
	mfaRequired: boolean('mfa_required').notNull().default(false)
});

export const users = pgTable('users', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	username: text('username').notNull().unique(),
	/** The name as entered; shown where `displayNames` has none for the page's language. */
	displayName: text('display_name').notNull(),
	/** The name as written in Kazakh, Russian and English (ADR-062). */
	displayNames: jsonb('display_names').$type<LocalNames>().notNull().default({}),
	passwordHash: text('password_hash').notNull(),
	/** Only for `agency_liaison`: the one agency the user speaks for. */
	agencyCode: text('agency_code').references(() => agencies.code),
	unit: text('unit'),
	totpKey: bytea('totp_key'),
	disabled: boolean('disabled').notNull().default(false),
	/** Set by an admin's password reset: until the user picks their own, only the change form answers. */
	mustChangePassword: boolean('must_change_password').notNull().default(false),
	/** The user's language: the pages' default after sign-in, and their e-mails and notifications (ADR-059). */
	language: text('language', { enum: ['kk', 'ru', 'en'] })
		.notNull()
		.default('kk'),
	/** Where notification e-mails go; none are sent without it. */
	email: text('email'),
	createdAt: tstz('created_at').notNull(),
	updatedAt: tstz('updated_at').notNull()
});

/**
 * One-time recovery codes for a lost authenticator, shown once at enrolment. Only a SHA-256 of each
 * is kept (the codes are random, 50 bits each: no slow hash needed); a used one keeps its row.
 */
export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		createdAt: tstz('created_at').notNull(),
		usedAt: tstz('used_at')
	},
	(t) => [primaryKey({ columns: [t.userId, t.codeHash] })]
);

export const userRoles = pgTable(
	'user_roles',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role')
			.notNull()
			.references(() => roles.name)
	},
	(t) => [primaryKey({ columns: [t.userId, t.role] })]
);

export const sessions = pgTable(
	'sessions',
	{
		/** Public half of the `<id>.<secret>` token. */
		id: text('id').primaryKey(),
		/** SHA-256 of the secret half; the secret itself is never stored. */
		secretHash: bytea('secret_hash').notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['staff', 'kiosk'] }).notNull(),
		twoFactorVerified: boolean('two_factor_verified').notNull().default(false),
		createdAt: tstz('created_at').notNull(),
		lastActiveAt: tstz('last_active_at').notNull(),
		ip: text('ip'),
		userAgent: text('user_agent')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed-login counters, per account and per IP, shared by every server process. */
export const loginThrottle = pgTable('login_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	windowStartedAt: tstz('window_started_at').notNull(),
	lockedUntil: tstz('locked_until')
});

/**
 * Browsers that once signed in to an account with its password (OWASP "device cookies"): such a
 * browser is not held back by the guessing throttles of the account or its IP address, so failures
 * from elsewhere cannot lock the owner out. Only the SHA-256 of the cookie's secret is stored.
 */
export const knownDevices = pgTable(
	'known_devices',
	{
		id: text('id').primaryKey(),
		secretHash: bytea('secret_hash').notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: tstz('created_at').notNull(),
		lastUsedAt: tstz('last_used_at').notNull()
	},
	(t) => [index('known_devices_user_idx').on(t.userId)]
);

export const organisations = pgTable('organisations', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	bin: text('bin').notNull().unique(),
	name: text('name').notNull(),
	legalAddress: text('legal_address').notNull(),
	city: text('city').notNull()
});

/** The sort expressions of `/cases` (case-list.repository.ts SORT_EXPR), as index keys. */
const DECIDED_KEY = sql`(coalesce(decided_at, 'infinity'::timestamptz))`;
const LIST_FILTERS = { service: 'service', stage: 'stage', assignee: 'assignee_id', unit: 'unit' } as const;
const LIST_SORTS = {
	received: sql`received_at`,
	decided: DECIDED_KEY,
	number: sql`number`,
	service: sql`service`,
	stage: sql`stage`
} as const;

function listIndexes(t: { id: AnyPgColumn }) {
	const out = [];
	for (const [fname, fcol] of Object.entries(LIST_FILTERS))
		for (const [sname, sexpr] of Object.entries(LIST_SORTS)) {
			// service × received was made by the desk's first migration (0012) under its own name.
			if (fname === 'service' && sname === 'received') continue;
			// Sorting by the filtered column itself: one value, so the order is the id's.
			const name = `cases_list_${fname}_${sname}_idx`;
			out.push(fname === sname ? index(name).on(sql.raw(fcol), t.id) : index(name).on(sql.raw(fcol), sexpr, t.id));
		}
	return out;
}

export const cases = pgTable(
	'cases',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		number: text('number').notNull().unique(),
		service: text('service').notNull(),
		stage: text('stage').notNull(),
		applicantId: integer('applicant_id')
			.notNull()
			.references(() => organisations.id),
		assigneeId: integer('assignee_id').references(() => users.id),
		unit: text('unit'),
		externalId: text('external_id').unique(),
		receivedAt: tstz('received_at').notNull(),
		registeredOn: date('registered_on', { mode: 'string' }).notNull(),
		/** The application as submitted (goods lines, counterparty, end user …). */
		application: jsonb('application').notNull().$type<Record<string, unknown>>(),
		decidedAt: tstz('decided_at'),
		/** Who took the decision (a complaint reviewer may not review a case they decided). */
		decidedBy: integer('decided_by').references(() => users.id),
		/** The decision: outcome, licence number and validity, or the refusal grounds and text. */
		decision: jsonb('decision').$type<Record<string, unknown>>(),
		/** For a complaint: the case it is about, decided or not (001 p.23 para 1; 000 p.15 para 1). */
		complaintOf: uuid('complaint_of'),
		version: integer('version').notNull().default(1),
		createdAt: tstz('created_at').notNull(),
		updatedAt: tstz('updated_at').notNull()
	},
	(t) => [
		// `/cases` (ADR-041, ADR-088): one index per equality filter and sort, each ending in the id the
		// keyset compares; the filter column first, so a page walks only the filtered cases in order.
		...listIndexes(t),
		// The whole list by number, with the id the keyset compares (received and decided have theirs in
		// 0012): a band of more than COUNT_CAP cases walks it alone, without a heap page a case (ADR-136).
		index('cases_list_number_idx').on(t.number, t.id),
		// The cases decided before they were received, which the rule says are none: a decided range
		// sorted by receipt walks from the range's end and reads these apart (ADR-136).
		index('cases_decided_early_idx')
			.on(t.receivedAt, t.id)
			.where(sql`decided_at < received_at`),
		// The supervision analyses select a period of decisions (ADR-046).
		index('cases_decided_at_idx')
			.on(t.decidedAt)
			.where(sql`decided_at is not null`)
	]
);

/**
 * The columns of a hash-chained, append-only audit row (case_events and audit_events): who, when,
 * what, before/after, the legal point, and the chain (audit/chain.ts).
 */
const chainedColumns = () => ({
	seq: integer('seq').notNull(),
	type: text('type').notNull(),
	actorId: integer('actor_id').references(() => users.id),
	/** Who acted when it was not a signed-in user: 'system', 'agency:nsc', 'portal' … */
	actorLabel: text('actor_label').notNull(),
	at: tstz('at').notNull(),
	citation: text('citation'),
	before: jsonb('before'),
	after: jsonb('after'),
	prevHash: text('prev_hash').notNull(),
	hash: text('hash').notNull(),
	/**
	 * The HTTP request that wrote the row (`X-Request-Id`), to find its log line; null for the
	 * scheduler, sockets and scripts. Correlation only: outside the hash, like the row's id.
	 */
	requestId: text('request_id')
});

/**
 * Every change to a case, in order. Append-only (trigger), hash-chained per case, and the outbox
 * the socket publisher reads by `id`.
 */
export const caseEvents = pgTable(
	'case_events',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		...chainedColumns()
	},
	(t) => [uniqueIndex('case_events_case_seq_idx').on(t.caseId, t.seq)]
);

/** Changes to users, roles, tokens and the calendar. Append-only and hash-chained per stream. */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		stream: text('stream').notNull(),
		...chainedColumns()
	},
	(t) => [uniqueIndex('audit_events_stream_seq_idx').on(t.stream, t.seq)]
);

/** Decreed day transfers, working Saturdays and one-off closures (ADR-004). */
export const calendarOverrides = pgTable('calendar_overrides', {
	date: date('date', { mode: 'string' }).primaryKey(),
	kind: text('kind', { enum: ['day_off', 'working_day'] }).notNull(),
	reason: text('reason').notNull(),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: tstz('created_at').notNull()
});

/** Bearer tokens for the portal, the MFA and the agencies; only the SHA-256 of the secret is kept. */
export const integrationTokens = pgTable('integration_tokens', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	/** The label in Kazakh, Russian and English; `name` where one is missing (ADR-062). */
	names: jsonb('names').$type<LocalNames>().notNull().default({}),
	kind: text('kind', { enum: ['portal', 'mfa', 'agency'] }).notNull(),
	agencyCode: text('agency_code').references(() => agencies.code),
	secretHash: bytea('secret_hash').notNull(),
	scopes: text('scopes')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: tstz('created_at').notNull(),
	revokedAt: tstz('revoked_at'),
	lastUsedAt: tstz('last_used_at')
});

/**
 * SLA clocks of a case. `events` is the history the clock's state is computed from (ADR-018);
 * `dueAt` and `state` are denormalised for ordering and indexing only.
 */
export const clocks = pgTable(
	'clocks',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		kind: text('kind').notNull(),
		/** What the clock is about when a case runs several of a kind (an agency code for consultations). */
		subject: text('subject'),
		unit: text('unit').notNull(),
		length: integer('length').notNull(),
		citation: text('citation').notNull(),
		events: jsonb('events').notNull().$type<unknown[]>(),
		state: text('state').notNull(),
		dueAt: tstz('due_at'),
		/** When the warning band starts (amber threshold before the due); for the scheduler. */
		warnAt: tstz('warn_at'),
		/** The due the warning / the deadline has fired for: each fires once per due (scheduler). */
		warnedFor: tstz('warned_for'),
		firedFor: tstz('fired_for'),
		/**
		 * When the red band starts, and the due its red warning fired for: amber never suppresses red
		 * (ADR-085); `red_at` also finds the `/cases` red band (ADR-088).
		 */
		redAt: tstz('red_at'),
		redWarnedFor: tstz('red_warned_for')
	},
	(t) => [
		index('clocks_case_idx').on(t.caseId),
		// The scheduler's queue, and the only index on the deadline: the next instant each open clock has
		// something to fire (its amber or red warning if not yet given, else its deadline). One index, not three,
		// because a calendar change rewrites every open clock's due (bench/README.md: recompute).
		index('clocks_next_fire_idx')
			.on(
				sql`(least(case when warned_for is distinct from due_at then warn_at end, case when red_warned_for is distinct from due_at then red_at end, due_at))`
			)
			.where(sql`state in ('running', 'overdue') and fired_for is distinct from due_at`),
		// `/cases` band filters (ADR-088): the open clocks in a warning band or past due, by the
		// earliest of their band instants (amber ≤ red ≤ due; least() skips a missing one). It holds
		// every column the band test reads, so a band is read from the index alone, not from a heap
		// page per clock (ADR-136); the expression's statistics are in migration 0024.
		index('clocks_band_idx')
			.on(sql`(least(warn_at, red_at, due_at))`, t.caseId, t.state, t.dueAt, t.redAt, t.warnAt)
			.where(sql`state in ('running', 'overdue')`)
	]
);

/** Approval requests to other state bodies: 10 WD, silence = deemed approval (001 p.16). */
export const consultations = pgTable(
	'consultations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		agencyCode: text('agency_code')
			.notNull()
			.references(() => agencies.code),
		requestedAt: tstz('requested_at').notNull(),
		dueAt: tstz('due_at').notNull(),
		answeredAt: tstz('answered_at'),
		decision: text('decision', { enum: ['approve', 'object', 'deemed_approved'] }),
		reason: text('reason'),
		/** An answer that came after the deemed approval: kept on the case, with no legal effect. */
		lateAnswer: jsonb('late_answer').$type<{ decision: string; reason: string | null; at: string }>()
	},
	(t) => [
		index('consultations_agency_idx').on(t.agencyCode, t.decision),
		// The agency analysis selects the consultations requested in a period (ADR-046).
		index('consultations_requested_at_idx').on(t.requestedAt)
	]
);

/** Authenticity checks of the importer's guarantee by the MFA (001 pp.17–18). */
export const mfaChecks = pgTable('mfa_checks', {
	id: uuid('id').primaryKey().defaultRandom(),
	caseId: uuid('case_id')
		.notNull()
		.references(() => cases.id),
	requestedAt: tstz('requested_at').notNull(),
	resultAt: tstz('result_at'),
	authentic: boolean('authentic'),
	reference: text('reference'),
	/** Mandatory under 001 p.18 (codes 1С350 / 10С905 on a first export or on risk information). */
	mandatory: boolean('mandatory').notNull().default(false)
});

export * from './schema.procedures';
export * from './schema.drafting';
export * from './schema.export-control';
export * from './schema.webhooks';
export * from './schema.documents';
export * from './schema.desk';
export * from './schema.notify';
export * from './schema.attachments';
export * from './schema.device-lists';
export * from './schema.supervision';
