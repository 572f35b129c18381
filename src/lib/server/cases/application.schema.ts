/**
 * `POST /api/v1/applications`: the application form fields of 001 p.7 / 000 p.5 (applicant with
 * BIN, goods lines with the 10-digit EAEU code and the control-list code, counterparty, end user)
 * plus what the other procedures need (devices for 004, the case complained about for a complaint).
 * Validated field by field; codes are normalised (Latin/Cyrillic look-alikes, ADR-010).
 */
import { z } from 'zod';
import { isValidBin } from '../../domain/reference/bin';
import { controlCategory, isValidHsCode, normalizeControlCode, normalizeHsCode } from '../../domain/reference/codes';
import { SERVICE_CODES } from '../../domain/reference/services';
import { procedureFor } from '../../domain/procedures';

const text = (max: number) => z.string().trim().min(1).max(max);

const GoodsLineSchema = z
	.object({
		hsCode: z
			.string()
			.max(20)
			.refine(isValidHsCode, 'a 10-digit EAEU CN FEA code (001 p.7), chapter 01–97')
			.transform(normalizeHsCode),
		controlCode: z
			.string()
			.max(40)
			.transform(normalizeControlCode)
			.refine(
				(c) => controlCategory(c) !== null,
				'a control-list code such as 1С350 or 10С905 (Latin or Cyrillic letters)'
			),
		description: text(1000),
		quantity: z.number().positive().max(1e12),
		unit: text(20),
		value: z.number().nonnegative().max(1e15),
		currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
	})
	.strict();

const PartySchema = z
	.object({ name: text(300), country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code') })
	.strict();

export const ApplicationSchema = z
	.object({
		service: z.enum(SERVICE_CODES),
		externalId: z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible ASCII characters'),
		receivedAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 instant with an offset' }),
		applicant: z
			.object({
				bin: z.string().refine(isValidBin, 'a 12-digit BIN with a valid check digit'),
				name: text(300),
				legalAddress: text(500),
				city: text(100).optional()
			})
			.strict(),
		goodsLines: z.array(GoodsLineSchema).max(200).optional(),
		counterparty: PartySchema.optional(),
		endUser: PartySchema.optional(),
		firstExportToCounterparty: z.boolean().optional(),
		riskInformation: z.boolean().optional(),
		documentsValidUntil: z.iso.date().optional(),
		devices: z
			.array(z.string().regex(/^\d{15}$/, 'an IMEI of 15 digits'))
			.max(500)
			.optional(),
		complaintAgainst: z.string().max(40).optional(),
		reviewBy: z.enum(['provider', 'quality-body']).optional(),
		complaintText: text(20_000).optional()
	})
	.strict()
	.superRefine((a, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
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
			if (!a.goodsLines?.length) need('goodsLines', 'at least one goods line (001 p.7; 000 p.5)');
			if (!a.counterparty) need('counterparty', 'the counterparty (001 p.7)');
			// Only the export and general export licences have the MFA check it decides (001 p.18); 000 has none.
			if (a.firstExportToCounterparty === undefined && procedureFor(a.service).mfaCheck)
				need('firstExportToCounterparty', 'true or false: it decides whether the MFA check is mandatory (001 p.18)');
		}
		if (a.service === 'device-verification' && !a.devices?.length) need('devices', 'at least one IMEI (004 P 10)');
		if (a.service === 'complaint') {
			if (!a.complaintAgainst)
				need('complaintAgainst', 'the number of the case complained about (001 p.23 para 1; 000 p.15 para 1)');
			if (!a.reviewBy) need('reviewBy', "'provider' (5 WD) or 'quality-body' (15 WD) (001 p.24)");
			if (!a.complaintText) need('complaintText', 'the complaint itself');
		}
	});

export type ApplicationInput = z.infer<typeof ApplicationSchema>;
