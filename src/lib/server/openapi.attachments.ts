/**
 * OpenAPI paths of a case's attachments (ADR-056): staff sessions, or the portal's token speaking
 * for the applicant named in `X-Applicant-Bin` (its own case, while the acts let it add documents).
 */
import { errorResponses, uuidParam } from './openapi-parts';
const staffOrPortal = [{ session: [] }, { bearer: [] }];
const statusText: Record<number, string> = {
	400: 'The multipart body is cut off or malformed',
	401: 'No session or token',
	403: 'The caller may read the case but not attach to it (or withdraw)',
	404: 'No such case or attachment, or not visible to the caller (another applicant’s case for the portal)',
	409: 'The applicant may not add documents at this stage, the attachment is withdrawn, or already withdrawn',
	413: 'The file is larger than MERZIM_ATTACHMENT_MAX_BYTES (25 MiB by default)',
	415: 'Not multipart/form-data (upload) or not JSON (withdrawal)',
	422: 'The content is not an accepted type (by its bytes), a field is missing or unknown, or no X-Applicant-Bin'
};
const errors = errorResponses(statusText);
const applicantBin = {
	name: 'X-Applicant-Bin',
	in: 'header',
	required: false,
	description: 'With the portal token: the BIN/IIN of the applicant the portal speaks for (its own cases only)',
	schema: { type: 'string', pattern: '^\\d{12}$' }
} as const;

const attachment = {
	type: 'object',
	properties: {
		id: { type: 'string', format: 'uuid', description: 'This version' },
		seriesId: { type: 'string', format: 'uuid', description: 'The attachment all its versions share' },
		version: { type: 'integer', minimum: 1 },
		filename: { type: 'string', description: 'Sanitised; the extension of what the content is' },
		kind: { enum: ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'odt', 'ods', 'txt'] },
		mime: { type: 'string' },
		size: { type: 'integer' },
		sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
		source: { enum: ['staff', 'portal'] },
		uploadedBy: { type: 'string' },
		createdAt: { type: 'string', format: 'date-time' },
		withdrawnAt: { type: ['string', 'null'], format: 'date-time' },
		withdrawnBy: { type: ['string', 'null'] },
		withdrawReason: { type: ['string', 'null'] },
		destroyedAt: {
			type: ['string', 'null'],
			format: 'date-time',
			description: 'The bytes destroyed with the case’s device data (004 P 16): a tombstone, downloads answer 410'
		},
		destroyedReason: { type: ['string', 'null'] },
		destroyedCitation: { type: ['string', 'null'] }
	}
} as const;

export const attachmentPaths = {
	'/cases/{id}/attachments': {
		get: {
			summary: 'Every version of the case’s attachments, withdrawn ones marked (the portal: those it brought)',
			security: staffOrPortal,
			parameters: [uuidParam('id'), applicantBin],
			responses: {
				'200': {
					description: 'OK',
					content: {
						'application/json': {
							schema: { type: 'object', properties: { attachments: { type: 'array', items: attachment } } }
						}
					}
				},
				...errors(401, 404, 422)
			}
		},
		post: {
			summary: 'Attach a file (PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS or plain text, judged by its bytes)',
			description:
				'Staff who work or register the case; the portal for its applicant during the completeness check ' +
				'(001 p.15) or before the hearing (001 p.19). `replaces` (any version’s id) adds the next version; ' +
				'the old one stays. Each upload is the case event `case:attachment-added`.',
			security: staffOrPortal,
			parameters: [uuidParam('id'), applicantBin],
			requestBody: {
				required: true,
				content: {
					'multipart/form-data': {
						schema: {
							type: 'object',
							required: ['file'],
							additionalProperties: false,
							properties: {
								file: { type: 'string', format: 'binary' },
								replaces: { type: 'string', format: 'uuid' }
							}
						}
					},
					'application/octet-stream': {
						schema: { type: 'string', format: 'binary' },
						description:
							'The raw bytes, streamed (the portal’s form: a multipart post without our Origin is refused as ' +
							'cross-site): the name in `X-Filename` (percent-encoded UTF-8), a new version with `X-Replaces`'
					}
				}
			},
			responses: {
				'201': { description: 'Attached', content: { 'application/json': { schema: attachment } } },
				...errors(400, 401, 403, 404, 409, 413, 415, 422)
			}
		}
	},
	'/cases/{id}/attachments/{attId}': {
		get: {
			summary: 'The bytes of one version, as stored (`?download` for a download); every read is audited',
			security: staffOrPortal,
			parameters: [
				uuidParam('id'),
				uuidParam('attId'),
				applicantBin,
				{ name: 'download', in: 'query', required: false, schema: { type: 'string' } }
			],
			responses: {
				'200': {
					description: 'The file, with Content-Disposition, X-Content-Type-Options: nosniff and its SHA-256 as ETag',
					content: { '*/*': { schema: { type: 'string', format: 'binary' } } }
				},
				'410': { description: 'The file was destroyed with the case’s device data (004 P 16); the row stays' },
				...errors(401, 404, 422)
			}
		}
	},
	'/cases/{id}/attachments/{attId}/withdraw': {
		post: {
			summary: 'Withdraw an attachment with a reason (staff; never deleted, the file stays readable)',
			security: [{ session: [] }],
			parameters: [uuidParam('id'), uuidParam('attId')],
			requestBody: {
				required: true,
				content: {
					'application/json': {
						schema: {
							type: 'object',
							required: ['reason'],
							additionalProperties: false,
							properties: { reason: { type: 'string', minLength: 3, maxLength: 500 } }
						}
					}
				}
			},
			responses: {
				'200': { description: 'Withdrawn', content: { 'application/json': { schema: attachment } } },
				...errors(401, 403, 404, 409, 415, 422)
			}
		}
	}
} as const;
