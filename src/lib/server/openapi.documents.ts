/**
 * OpenAPI paths of the documents that leave the Committee and of their signers, spread into
 * openapi.ts. Errors carry a stable `code` beside the message (document-errors.ts).
 */
import { DOCUMENT_KINDS } from '../domain/documents/kinds';
import { NOTICE_CHANNELS } from '../domain/procedures/hearing-notice';
import { bearer, errorResponses, ok, session, uuidParam } from './openapi-parts';

const statusText: Record<number, string> = {
	401: 'No session or bearer token',
	403: 'Not allowed: not a signer (`not-a-signer`), a wrong PIN (`wrong-pin`), or a token of another kind',
	404: 'No such case or document (a draft is not found through the portal token)',
	409: 'Wrong stage for this kind (`wrong-stage`), already signed, not signed, or delivery already recorded',
	415: 'Body is not JSON',
	422: 'Invalid body (`fields`), or the signing certificate is expired, not yet valid, revoked or not chaining to a trust anchor (the reason in `error`, in the caller’s language)',
	503: 'Neither the OCSP responder nor the CRL answered (`revocation-unavailable`): the signature is refused until one does (ADR-081)'
};
const errors = errorResponses(statusText);

const DOCUMENT_KIND_ENUM = [...DOCUMENT_KINDS];

const document = {
	type: 'object',
	properties: {
		id: { type: 'string', format: 'uuid' },
		caseId: { type: 'string', format: 'uuid' },
		kind: { type: 'string', enum: DOCUMENT_KIND_ENUM },
		version: { type: 'integer' },
		number: { type: 'string' },
		title: { type: 'string', description: 'Kazakh / Russian' },
		citation: { type: 'string', description: 'The form and point of the act' },
		state: { type: 'string', enum: ['draft', 'signed', 'delivered', 'delivery-confirmed'] },
		sha256: { type: 'string', description: 'Of the PDF bytes as served' },
		createdAt: { type: 'string', format: 'date-time' },
		signedAt: { type: ['string', 'null'], format: 'date-time' },
		signedBy: { type: ['string', 'null'] },
		demoCertificate: { type: 'boolean', description: 'Signed with a demo certificate: not legally valid' },
		presentationDue: {
			type: ['string', 'null'],
			format: 'date',
			description: 'Certificates: last day to present it abroad (000 Annex 4: six months from signing)'
		},
		downloadedAt: { type: ['string', 'null'], format: 'date-time', description: 'First fetched by the portal' },
		deliveredAt: { type: ['string', 'null'], format: 'date-time', description: 'As the portal’s proof says' },
		delivery: { type: ['object', 'null'] },
		url: { type: 'string', description: 'The PDF' },
		verificationUrl: { type: 'string' }
	}
} as const;

export const documentPaths = {
	'/cases/{id}/documents': {
		get: {
			summary: 'The case’s documents: every version to staff, only signed ones to the portal token',
			security: [...bearer, ...session],
			parameters: [uuidParam('id', 'The case')],
			responses: {
				200: ok({ type: 'object', properties: { documents: { type: 'array', items: document } } }),
				...errors(401, 403, 404)
			}
		},
		post: {
			summary:
				'Make (or re-make, while unsigned) the draft of a document from the case (officer; reviewer for complaints)',
			security: session,
			parameters: [uuidParam('id', 'The case')],
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							properties: { kind: { type: 'string', enum: DOCUMENT_KIND_ENUM } },
							required: ['kind']
						}
					}
				}
			},
			responses: { 201: ok(document, 'The draft'), ...errors(401, 403, 404, 409, 415, 422) }
		}
	},
	'/cases/{id}/documents/{docId}': {
		get: {
			summary: 'The PDF (PAdES-signed once signed). To the portal token: signed only; its first fetch is recorded',
			security: [...bearer, ...session],
			parameters: [uuidParam('id', 'The case'), uuidParam('docId', 'The document')],
			responses: {
				200: { description: 'application/pdf; header X-Content-SHA256', content: { 'application/pdf': {} } },
				...errors(401, 403, 404)
			}
		}
	},
	'/documents/{id}/signature': {
		post: {
			summary:
				'Sign (the head, or the substitute the admin appointed): the PIN opens the signer’s own keystore, now, and is never stored',
			description:
				'Before signing, the certificate must chain to a configured trust anchor (422 untrusted-certificate, ADR-080) and its status is asked by OCSP, then the CRL: revoked → 422 certificate-revoked with details { revokedAt, reason, source }; neither answering → 503 revocation-unavailable (fail closed, ADR-081). The answer is embedded in the PDF’s DSS.',
			security: session,
			parameters: [uuidParam('id', 'The document')],
			requestBody: {
				content: {
					'application/json': {
						schema: { type: 'object', properties: { pin: { type: 'string' } }, required: ['pin'] }
					}
				}
			},
			responses: { 200: ok(document, 'Signed'), ...errors(401, 403, 404, 409, 415, 422, 503) }
		}
	},
	'/documents/{id}/verification': {
		get: {
			summary: 'The signature checked: certificate subject and validity, chain to the trust anchors, bytes match',
			security: [...bearer, ...session],
			parameters: [uuidParam('id', 'The document')],
			responses: {
				200: ok({
					type: 'object',
					properties: {
						documentId: { type: 'string', format: 'uuid' },
						signed: { type: 'boolean' },
						signatureValid: { type: 'boolean' },
						bytesMatch: { type: 'boolean' },
						coversWholeFile: { type: 'boolean' },
						signingCertificateV2: { type: 'boolean' },
						certificate: { type: ['object', 'null'] },
						validAtSigning: { type: ['boolean', 'null'] },
						chain: {
							type: 'object',
							properties: {
								trusted: { type: 'boolean' },
								anchor: { type: ['string', 'null'] },
								path: { type: 'array', items: { type: 'string' } },
								reason: { type: ['string', 'null'] }
							}
						},
						revocation: {
							type: 'object',
							description:
								'The signer certificate’s status at the signing time: from the OCSP response or CRL kept in the PDF’s DSS, else asked now (ADR-081)',
							properties: {
								status: { type: 'string', enum: ['good', 'revoked', 'unavailable', 'not-checked'] },
								source: {
									type: ['string', 'null'],
									enum: ['embedded-ocsp', 'embedded-crl', 'ocsp', 'crl', null]
								},
								revokedAt: { type: ['string', 'null'], format: 'date-time' },
								reason: { type: ['string', 'null'], description: 'RFC 5280 CRLReason name' },
								reasonText: { type: 'string', description: 'The reason in the caller’s language' },
								thisUpdate: { type: ['string', 'null'], format: 'date-time' },
								detail: { type: ['string', 'null'] }
							}
						},
						sha256: { type: 'string' },
						storedSha256: { type: 'string' },
						demo: { type: 'boolean' }
					}
				}),
				...errors(401, 403, 404)
			}
		}
	},
	'/documents/{id}/delivery': {
		post: {
			summary: 'The portal’s proof of delivery to the applicant (portal token; Idempotency-Key)',
			security: bearer,
			parameters: [uuidParam('id', 'The document')],
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							properties: {
								deliveredAt: { type: 'string', format: 'date-time' },
								channel: {
									type: 'string',
									enum: [...NOTICE_CHANNELS]
								},
								reference: { type: 'string' }
							},
							required: ['deliveredAt', 'channel', 'reference']
						}
					}
				}
			},
			responses: { 200: ok(document, 'Recorded'), ...errors(401, 403, 404, 409, 415, 422) }
		}
	},
	'/admin/signers': {
		get: {
			summary: 'Signers’ active keystores (certificate facts only)',
			security: session,
			responses: { 200: ok({ type: 'object' }), ...errors(401, 403) }
		},
		post: {
			summary: 'Upload a signer’s PKCS#12 keystore (admin); the passphrase opens it once and is not kept',
			security: session,
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							properties: {
								userId: { type: 'integer' },
								p12: { type: 'string', format: 'byte' },
								passphrase: { type: 'string' },
								substitute: { type: 'boolean', description: 'Appointed to sign for the head' }
							},
							required: ['userId', 'p12', 'passphrase']
						}
					}
				}
			},
			responses: { 201: ok({ type: 'object' }, 'Stored'), ...errors(401, 403, 415, 422) }
		}
	},
	'/admin/signers/{userId}': {
		delete: {
			summary: 'Revoke a signer’s keystore with a reason (later signatures are refused with it)',
			security: session,
			parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'integer' } }],
			requestBody: {
				content: {
					'application/json': {
						schema: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] }
					}
				}
			},
			responses: { 200: ok({ type: 'object' }), ...errors(401, 403, 404, 422) }
		}
	}
} as const;
