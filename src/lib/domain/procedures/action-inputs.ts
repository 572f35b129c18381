/**
 * The body of each staff action (`POST /api/v1/cases/{id}/actions/{action}`) and of the agencies'
 * answers, validated strictly: unknown fields are refused, sizes are bounded.
 */
import { z } from 'zod';
import { AGENCY_CODES } from '../reference/agencies';
import { NOTICE_CHANNELS } from './hearing-notice';
import type { StaffAction } from './types';
import { SHIPMENT_KINDS, type ShipmentKind } from './post-decision';
import { A3_REFUSAL_GROUND_CODES } from './customs-participants';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({
	offset: true,
	message: 'an ISO 8601 instant with an offset, e.g. 2026-03-02T10:00:00+05:00'
});
const imei = z.string().regex(/^\d{15}$/, 'an IMEI of 15 digits');

export const ACTION_INPUTS = {
	assign: z.object({ username: z.string().min(1).max(40) }).strict(),
	'complete-check': z.union([
		z.object({ complete: z.literal(true) }).strict(),
		z.object({ complete: z.literal(false), missing: z.array(text(300)).min(1).max(50) }).strict()
	]),
	/** The head signs the prepared incompleteness refusal (001 p.15 para 2; 000 p.11): nothing to add. */
	'sign-incompleteness-refusal': z.object({}).strict(),
	'request-consultations': z
		.object({ agencies: z.array(z.enum(AGENCY_CODES)).min(1).max(AGENCY_CODES.length) })
		.strict()
		.refine((v) => new Set(v.agencies).size === v.agencies.length, { message: 'each agency once', path: ['agencies'] }),
	'request-mfa-check': z.object({ note: text(1000).optional() }).strict(),
	'record-original-guarantee': z.object({ receivedAt: instant.optional() }).strict(),
	'issue-preliminary-refusal': z
		.object({
			grounds: z.array(z.number().int().min(1).max(19)).min(1).max(19),
			/** Optional-confidential grounds the officer marks confidential (ADR-009). */
			confidential: z.array(z.number().int().min(1).max(19)).max(19).default([]),
			hearingAt: instant,
			/** Where the hearing is held, or how (video link, telephone) (001 p.19 para 2; 000 p.13 para 1). */
			hearingPlace: text(500),
			/** How the notice went, when, and its proof of delivery (001 p.19 para 3; 000 p.13 para 2). */
			notice: z
				.object({
					channel: z.enum(NOTICE_CHANNELS, { message: `one of: ${NOTICE_CHANNELS.join(', ')}` }),
					sentAt: instant,
					proof: text(500)
				})
				.strict(),
			/** The information behind the grounds: restricted, never sent to the applicant's side. */
			basis: text(5000).optional()
		})
		.strict(),
	'record-hearing': z.object({ applicantAttended: z.boolean(), notes: text(5000).optional() }).strict(),
	decide: z.discriminatedUnion('outcome', [
		z.object({ outcome: z.literal('grant'), note: text(2000).optional() }).strict(),
		z
			.object({
				outcome: z.literal('refuse'),
				grounds: z.array(z.number().int().min(1).max(19)).min(1).max(19),
				text: text(20_000)
			})
			.strict()
	]),
	/** The export of military goods (001 p.22) or under a general licence (p.28), and when it happened. */
	'record-shipment': z
		.object({ kind: z.enum(Object.keys(SHIPMENT_KINDS) as [ShipmentKind, ...ShipmentKind[]]), at: instant })
		.strict(),
	'record-post-export-report': z.discriminatedUnion('kind', [
		/** 001 p.22: the document confirming delivery of military goods to the destination country. */
		z.object({ kind: z.literal('delivery-confirmation'), document: text(300).optional() }).strict(),
		/** 001 p.28, Annex 4: the general licence's execution report (licence number and date come from the case). */
		z
			.object({
				kind: z.literal('execution-report'),
				exportDate: z.iso.date({ message: 'a date, YYYY-MM-DD' }),
				endUser: text(300),
				goods: text(1000),
				quantity: z.number().positive().max(1e12),
				balance: z.number().min(0).max(1e12)
			})
			.strict()
	]),
	'forward-complaint': z.object({ to: text(200).optional() }).strict(),
	'extend-complaint': z.object({ workingDays: z.number().int().min(1).max(10), reason: text(2000) }).strict(),
	'record-extension-notice': z.object({}).strict(),
	'decide-complaint': z.object({ outcome: z.enum(['upheld', 'rejected']), reason: text(5000) }).strict(),
	'verify-device': z.object({ imei, result: z.enum(['confirmed', 'rejected']), note: text(1000).optional() }).strict(),
	/** A step of 003 A3; the expert's refusal at step 5 names its ground (p.8.5) and may explain it. */
	'complete-step': z
		.object({
			refuse: z.boolean().optional(),
			ground: z.enum(A3_REFUSAL_GROUND_CODES, { message: `one of: ${A3_REFUSAL_GROUND_CODES.join(', ')}` }).optional(),
			note: text(2000).optional()
		})
		.strict()
		.refine((v) => v.ground === undefined || v.refuse === true, {
			message: 'a ground is given only with a refusal',
			path: ['ground']
		}),
	/** 001 p.18 para 1 sub.2: which state body reported the risk, what it says, when it arrived. */
	'record-risk-information': z
		.object({ source: text(300), summary: text(5000), receivedAt: instant.optional() })
		.strict(),
	/** 001 p.17 para 2: the officer's assessment on the control-system bodies' answers (ground 15 if negative). */
	'record-risk-assessment': z.object({ result: z.enum(['positive', 'negative']), summary: text(5000) }).strict(),
	/** 001 Annex 1 row 3: information requested from a foreign competent body or organisation. */
	'request-foreign-information': z
		.object({
			body: text(300),
			country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. DE'),
			note: text(2000).optional()
		})
		.strict(),
	'record-foreign-information': z
		.object({ request: z.number().int().min(0).max(49).optional(), summary: text(5000) })
		.strict()
} as const satisfies Record<StaffAction, z.ZodType>;

export type ActionInput<A extends StaffAction> = z.infer<(typeof ACTION_INPUTS)[A]>;

/** `POST /api/v1/consultations/{id}/response` (001 p.16). */
export const ConsultationAnswerSchema = z
	.object({ decision: z.enum(['approve', 'object']), reason: text(5000).optional() })
	.strict();
/** `POST /api/v1/control-requests/{id}/response` (001 p.17 paras 1–2): what the body knows of the export's risks. */
export const ControlAnswerSchema = z.object({ risks: z.boolean(), information: text(5000) }).strict();
/** `POST /api/v1/mfa-checks/{id}/result` (001 p.17). */
export const MfaResultSchema = z.object({ authentic: z.boolean(), reference: text(200) }).strict();
