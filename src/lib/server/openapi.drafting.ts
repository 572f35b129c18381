/**
 * OpenAPI paths of the refusal-draft API (ADR-015), spread into openapi.ts. Live co-editing itself
 * runs over socket.io (`draft:*` events in src/lib/realtime/contract.ts), not over these endpoints.
 */
import { errorResponses, ok } from './openapi-parts';
const statusText: Record<number, string> = {
	400: 'Malformed request; the message names the parameter',
	401: 'Not signed in',
	403: 'Signed in, but neither editor nor reader of this draft (or a cross-site request); signing: not a signer, or a wrong PIN (`wrong-pin`)',
	404: 'No such case, draft or version',
	409: 'The letter is signed (or, for a new draft, not signed yet)',
	413: 'Body too large',
	415: 'Body is not JSON',
	422: 'Body fails validation; `fields` names each field (or the letter has no grounds yet, or the signing certificate is expired or revoked)',
	429: 'Too many wrong signing PINs: wait `Retry-After` seconds',
	503: 'Recent edits could not be stored yet; try again'
};
const errors = errorResponses(statusText);
const caseId = {
	name: 'id',
	in: 'path',
	required: true,
	schema: { type: 'string', format: 'uuid' },
	description: 'The case'
} as const;
const version = {
	type: 'object',
	properties: {
		id: { type: 'string', format: 'uuid' },
		chain: { type: 'integer', description: 'Version chain: a new draft after a signed letter is chain + 1' },
		number: { type: 'integer' },
		name: { type: 'string' },
		createdBy: { type: ['string', 'null'] },
		createdAt: { type: 'string', format: 'date-time' }
	}
} as const;

export const draftingPaths = {
	'/cases/{id}/draft/versions': {
		get: {
			summary: 'Named versions of the case’s refusal letter, every chain (editors and readers of the draft)',
			security: [{ session: [] }],
			parameters: [caseId],
			responses: {
				200: ok({ type: 'object', properties: { versions: { type: 'array', items: version } } }),
				...errors(401, 403, 404)
			}
		},
		post: {
			summary: 'Keep the current text as a named, immutable version (editors: the assignee, heads)',
			security: [{ session: [] }],
			parameters: [caseId],
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							additionalProperties: false,
							required: ['name'],
							properties: { name: { type: 'string', minLength: 1, maxLength: 120 } }
						}
					}
				}
			},
			responses: { 201: ok(version, 'Created'), ...errors(401, 403, 404, 409, 413, 415, 422, 503) }
		}
	},
	'/cases/{id}/draft/diff': {
		get: {
			summary: 'Word-level diff between two versions (on their plain text)',
			security: [{ session: [] }],
			parameters: [
				caseId,
				{
					name: 'from',
					in: 'query',
					required: true,
					schema: { type: 'string', format: 'uuid' },
					description: 'Version id'
				},
				{
					name: 'to',
					in: 'query',
					required: true,
					schema: { type: 'string', format: 'uuid' },
					description: 'Version id'
				}
			],
			responses: {
				200: ok({
					type: 'object',
					properties: {
						from: { type: 'object' },
						to: { type: 'object' },
						segments: {
							type: 'array',
							items: {
								type: 'object',
								properties: { op: { enum: ['equal', 'insert', 'delete'] }, text: { type: 'string' } }
							}
						},
						wordsInserted: { type: 'integer' },
						wordsDeleted: { type: 'integer' }
					}
				}),
				...errors(400, 401, 403, 404)
			}
		}
	},
	'/cases/{id}/draft/sign': {
		post: {
			summary:
				'A head signs the letter (001 p.20, Annex 2; ADR-083): the text frozen as a version, the case refused with it, and the refusal document signed with the PIN of the head’s own keystore (PAdES, `document:signed`) and linked to the chain (`refusal:letter-signed`), in one transaction. A wrong PIN changes nothing (403 `wrong-pin`; repeated: 429).',
			security: [{ session: [] }],
			parameters: [caseId],
			requestBody: {
				content: {
					'application/json': {
						schema: { type: 'object', properties: { pin: { type: 'string' } }, required: ['pin'] }
					}
				}
			},
			responses: {
				201: ok(
					{
						type: 'object',
						properties: {
							draftId: { type: 'string' },
							chain: { type: 'integer' },
							version: { type: 'integer' },
							versionId: { type: 'string' },
							letterNumber: { type: 'string' },
							documentId: { type: 'string', format: 'uuid' },
							sha256: { type: 'string' },
							algorithm: { type: 'string' },
							signer: { type: 'string' },
							signedAt: { type: 'string', format: 'date-time' }
						}
					},
					'Signed'
				),
				...errors(401, 403, 404, 409, 415, 422, 429, 503)
			}
		}
	},
	'/cases/{id}/draft/pdf': {
		get: {
			summary:
				'The signed letter as PDF (header `x-content-sha256`); before signing, an unsigned preview marked as a draft',
			security: [{ session: [] }],
			parameters: [caseId],
			responses: {
				200: {
					description: 'The PDF',
					content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }
				},
				...errors(401, 403, 404)
			}
		}
	},
	'/cases/{id}/draft/chains': {
		post: {
			summary:
				'"New draft" after a signed letter: a new version chain (chain + 1) starting from the signed text (editors)',
			security: [{ session: [] }],
			parameters: [caseId],
			responses: {
				201: ok(
					{
						type: 'object',
						properties: { draftId: { type: 'string' }, chain: { type: 'integer' }, status: { type: 'string' } }
					},
					'Created'
				),
				...errors(401, 403, 404, 409)
			}
		}
	}
} as const;
