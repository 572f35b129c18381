/**
 * `POST /api/v1/applications`: the application form fields of 001 p.7 and Annex 1 forms 1–3 / 000
 * p.5 (applicant with BIN, goods lines with the 10-digit EAEU code and the control-list code,
 * counterparty, end user, the contract, the manufacturer, …) plus what the other procedures need
 * (the licence a reissue reissues, devices for 004, the case complained about for a complaint).
 * Validated field by field; codes are normalised (Latin/Cyrillic look-alikes, ADR-010). The rules
 * that depend on the service live in licence-application.rules.ts.
 */
import { z } from 'zod';
import { isValidBin } from '../../domain/reference/bin';
import { controlCategory, isValidHsCode, normalizeControlCode, normalizeHsCode } from '../../domain/reference/codes';
import { SERVICE_CODES } from '../../domain/reference/services';
import { procedureFor } from '../../domain/procedures';
import { licenceApplicationProblems, REISSUE_REASONS } from '../../domain/procedures/licence-application';

const text = (max: number) => z.string().trim().min(1).max(max);

const GoodsLineSchema = z
	.object({
		hsCode: z
			.string()
			.max(20)
			.refine(isValidHsCode, {
				message: 'a 10-digit EAEU CN FEA code (001 p.7), chapter 01–97',
				params: { code: 'invalid-hs-code', citation: '001 p.7' }
			})
			.transform(normalizeHsCode),
		controlCode: z
			.string()
			.max(40)
			.transform(normalizeControlCode)
			.refine((c) => controlCategory(c) !== null, {
				message: 'a control-list code such as 1С350 or 10С905 (Latin or Cyrillic letters)',
				params: { code: 'invalid-control-code' }
			}),
		description: text(1000),
		quantity: z.number().positive().max(1e12),
		unit: text(20),
		value: z.number().nonnegative().max(1e15),
		currency: z.string().refine((v) => /^[A-Z]{3}$/.test(v), {
			message: 'an ISO 4217 code such as USD',
			params: { code: 'invalid-currency' }
		}),
		/** Goods of military purpose (001 p.4 sub.1): the delivery confirmation of p.22 follows their export. */
		military: z.boolean().optional()
	})
	.strict();

const country = z.string().refine((v) => /^[A-Z]{2}$/.test(v), {
	message: 'an ISO 3166 alpha-2 country code',
	params: { code: 'invalid-country' }
});
const bin = (message: string) => z.string().refine(isValidBin, { message, params: { code: 'invalid-bin' } });
/** Name, country, address, telephone, e-mail (001 Annex 1 forms 1–3 fields 3–5). */
const PartySchema = z
	.object({
		name: text(300),
		country,
		address: text(500).optional(),
		phone: text(50).optional(),
		email: z.email({ message: 'an e-mail address' }).max(200).optional()
	})
	.strict();
/** A general licence names several foreign states, importers and end users (001 p.5); others one. */
const PartiesSchema = z.union([PartySchema, z.array(PartySchema).min(1).max(50)]);

export const ApplicationSchema = z
	.object({
		service: z.enum(SERVICE_CODES),
		externalId: z.string().refine((v) => /^[\x21-\x7e]{1,100}$/.test(v), {
			message: '1–100 visible ASCII characters',
			params: { code: 'invalid-external-id' }
		}),
		receivedAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 instant with an offset' }),
		applicant: z
			.object({
				bin: bin('a 12-digit BIN with a valid check digit'),
				name: text(300),
				legalAddress: text(500),
				city: text(100).optional()
			})
			.strict(),
		goodsLines: z.array(GoodsLineSchema).max(200).optional(),
		counterparty: PartiesSchema.optional(),
		endUser: PartiesSchema.optional(),
		/** Form 1/3 field 3: the manufacturer; its BIN/IIN when it is a resident of Kazakhstan. */
		manufacturer: PartySchema.extend({
			address: text(500),
			bin: bin('a 12-digit BIN/IIN with a valid check digit').optional()
		})
			.strict()
			.optional(),
		/** Field 8: the one foreign-trade contract the licence is issued within (001 p.7), its number and date. */
		contract: z
			.object({ number: text(100), date: z.iso.date({ message: 'a date, YYYY-MM-DD' }).optional() })
			.strict()
			.optional(),
		/** Field 6: the state revenue body of Kazakhstan. */
		stateRevenueBody: text(300).optional(),
		/** Form 2 field 5: the country of origin of imported goods. */
		countryOfOrigin: country.optional(),
		/** Form 2 field 9: what the imported goods are for. */
		intendedUse: text(2000).optional(),
		/** Field 7: the validity the applicant asks for (001 p.6 caps it at one year). */
		requestedValidUntil: z.iso.date({ message: 'a date, YYYY-MM-DD' }).optional(),
		/** Field 16: settlement (currency) account numbers and the bank. */
		settlement: z
			.object({ accounts: text(300), bank: text(300) })
			.strict()
			.optional(),
		/** Field 17: the applicant's declaration, given (true) or the form is not signed. */
		declaration: z.literal(true, { message: 'the declaration of field 17 must be given (true)' }).optional(),
		/** Field 18: who signs for the applicant, their position. */
		signatory: z
			.object({ name: text(300), position: text(300) })
			.strict()
			.optional(),
		/** Field 19: special conditions of the licence. */
		specialConditions: text(2000).optional(),
		/** A reissue: the licence it reissues and why (001 p.10; the Law "On permits and notifications" art. 33). */
		reissue: z
			.object({
				licenceNumber: text(60),
				reason: z.enum(REISSUE_REASONS, { message: `one of: ${REISSUE_REASONS.join(', ')}` }),
				changes: text(2000)
			})
			.strict()
			.optional(),
		firstExportToCounterparty: z.boolean().optional(),
		riskInformation: z.boolean().optional(),
		documentsValidUntil: z.iso.date().optional(),
		devices: z
			.array(
				z
					.string()
					.refine((v) => /^\d{15}$/.test(v), { message: 'an IMEI of 15 digits', params: { code: 'invalid-imei' } })
			)
			.max(500)
			.optional(),
		complaintAgainst: z.string().max(40).optional(),
		reviewBy: z.enum(['provider', 'quality-body']).optional(),
		complaintText: text(20_000).optional()
	})
	.strict()
	.superRefine((a, ctx) => {
		// Each problem with its code and the point of the act that asks for the field (ADR-107, ADR-106).
		const need = (path: string, citation: string, message: string, code = 'required') =>
			ctx.addIssue({ code: 'custom', path: [path], message: `${message} (${citation})`, params: { code, citation } });
		const permit = [
			'export-licence',
			'import-licence',
			'general-export-licence',
			'licence-reissue',
			'licence-reissue-separation',
			'end-user-certificate',
			'import-certificate'
		];
		if (permit.includes(a.service)) {
			if (!a.goodsLines?.length) need('goodsLines', '001 p.7; 000 p.5', 'at least one goods line');
			if (!a.counterparty) need('counterparty', '001 p.7', 'the counterparty');
			// Only the export and general export licences have the MFA check it decides (001 p.18); 000 has none.
			if (a.firstExportToCounterparty === undefined && procedureFor(a.service).mfaCheck)
				need(
					'firstExportToCounterparty',
					'001 p.18',
					'true or false: it decides whether the MFA check is mandatory',
					'mfa-check-flag-required'
				);
		}
		for (const { path, code, message, params } of licenceApplicationProblems(a))
			ctx.addIssue({ code: 'custom', path, message, params: { ...params, code } });
		if (a.service === 'device-verification' && !a.devices?.length) need('devices', '004 P 10', 'at least one IMEI');
		if (a.service === 'complaint') {
			if (!a.complaintAgainst)
				need('complaintAgainst', '001 p.23 para 1; 000 p.15 para 1', 'the number of the case complained about');
			if (!a.reviewBy)
				need('reviewBy', '001 p.24', "'provider' (5 WD) or 'quality-body' (15 WD)", 'review-by-required');
			if (!a.complaintText)
				ctx.addIssue({
					code: 'custom',
					path: ['complaintText'],
					message: 'the complaint itself',
					params: { code: 'required' }
				});
		}
	});

export type ApplicationInput = z.infer<typeof ApplicationSchema>;
