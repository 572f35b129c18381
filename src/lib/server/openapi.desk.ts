/**
 * OpenAPI paths of the desk (ADR-040, ADR-042): the header's search and a case's internal notes,
 * both for staff sessions only (notes never reach the applicant, agencies or the portal token).
 */
import { errorResponses, ok, session, uuidParam } from './openapi-parts';
const statusText: Record<number, string> = {
	401: 'No session',
	403: 'The role may not search, or only the note’s author may edit it',
	404: 'No such case (or not visible to the caller) or note',
	409: 'The note is older than 5 minutes and can no longer be edited',
	415: 'Body is not JSON',
	422: 'Invalid text, or a mention of someone who cannot see the case (the reason per name in `fields`)',
	429: 'Too many searches (60 per 10 s per session)'
};
const errors = errorResponses(statusText);

const note = {
	type: 'object',
	properties: {
		id: { type: 'string', format: 'uuid' },
		text: { type: 'string' },
		author: { type: 'string', description: 'Username' },
		authorName: { type: 'string' },
		mentions: { type: 'array', items: { type: 'string' } },
		createdAt: { type: 'string', format: 'date-time' },
		editedAt: { type: ['string', 'null'], format: 'date-time' },
		editableUntil: { type: 'string', format: 'date-time' }
	}
} as const;
const noteBody = {
	required: true,
	content: {
		'application/json': {
			schema: {
				type: 'object',
				properties: {
					text: { type: 'string', minLength: 1, maxLength: 5000, description: 'Markdown-lite; @username mentions' }
				},
				required: ['text']
			}
		}
	}
} as const;

export const deskPaths = {
	'/search': {
		get: {
			summary: 'Search cases by number, BIN/IIN, IMEI, external id, HS or control code prefix, or name fragment',
			security: session,
			parameters: [{ name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 200 } }],
			responses: {
				'200': ok({
					type: 'object',
					properties: { q: { type: 'string' }, groups: { type: 'array', items: { type: 'object' } } }
				}),
				...errors(401, 403, 429)
			}
		}
	},
	'/cases/{id}/notes': {
		get: {
			summary: 'The internal notes of a case (staff only)',
			security: session,
			parameters: [uuidParam('id')],
			responses: {
				'200': ok({ type: 'object', properties: { notes: { type: 'array', items: note } } }),
				...errors(401, 404)
			}
		},
		post: {
			summary: 'Add an internal note; mentioned colleagues must be able to see the case',
			security: session,
			parameters: [uuidParam('id')],
			requestBody: noteBody,
			responses: { '201': ok(note, 'Added'), ...errors(401, 404, 415, 422) }
		}
	},
	'/cases/{id}/notes/{noteId}': {
		patch: {
			summary: 'Edit one’s own note within 5 minutes of writing it',
			security: session,
			parameters: [uuidParam('id'), uuidParam('noteId')],
			requestBody: noteBody,
			responses: { '200': ok(note), ...errors(401, 403, 404, 409, 415, 422) }
		}
	}
} as const;
