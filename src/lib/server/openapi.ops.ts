/**
 * OpenAPI paths of user administration and the user's own password (ADR-043), spread into openapi.ts.
 */
import { ROLES } from '../domain/access/roles';
import { errorResponses } from './openapi-parts';

const statusText: Record<number, string> = {
	401: 'Not signed in',
	403: 'Not an admin, a cross-site request, or (own password) the current password is wrong',
	404: 'No such user',
	409: 'A rule forbids it: the last active admin keeps the role and stays active; no second factor to reset',
	422: 'Body fails validation; `fields` names each field (a new password too short or on the breached list)'
};
const errors = errorResponses(statusText);
const userId = {
	name: 'id',
	in: 'path',
	required: true,
	schema: { type: 'integer' },
	description: 'The user'
} as const;
const user = {
	description: 'The user as admins see it',
	content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } }
};
const body = (properties: Record<string, object>, required: string[]) => ({
	required: true,
	content: { 'application/json': { schema: { type: 'object', properties, required, additionalProperties: false } } }
});
const adminAction = (summary: string, requestBody: object) => ({
	post: {
		tags: ['admin'],
		summary,
		parameters: [userId],
		requestBody,
		responses: { '200': user, ...errors(401, 403, 404, 409, 422) }
	}
});

export const opsPaths = {
	'/admin/users/{id}/deactivate': adminAction(
		'Deactivate a user: every session ends at once, history is kept',
		body({}, [])
	),
	'/admin/users/{id}/reactivate': adminAction('Reactivate a user', body({}, [])),
	'/admin/users/{id}/second-factor-reset': adminAction(
		'Reset a lost second factor, with the reason on record; the user enrols again at the next sign-in',
		body({ reason: { type: 'string', minLength: 10, maxLength: 500 } }, ['reason'])
	),
	'/admin/users/{id}/password-reset': {
		post: {
			tags: ['admin'],
			summary:
				'Reset a forgotten password: the temporary one is in this answer only; every session ends and the user must change it at the next sign-in (until then other calls answer 403 `password_change_required`)',
			parameters: [userId],
			requestBody: body({}, []),
			responses: {
				'200': {
					description: 'The temporary password, shown once',
					content: {
						'application/json': {
							schema: {
								type: 'object',
								properties: {
									id: { type: 'integer' },
									temporaryPassword: { type: 'string' },
									mustChangePassword: { type: 'boolean' }
								},
								required: ['id', 'temporaryPassword', 'mustChangePassword']
							}
						}
					}
				},
				...errors(401, 403, 404, 422)
			}
		}
	},
	'/admin/users/{id}/roles': {
		put: {
			tags: ['admin'],
			summary: "Replace a user's roles (the last active admin keeps the admin role)",
			parameters: [userId],
			requestBody: body({ roles: { type: 'array', items: { type: 'string' } } }, ['roles']),
			responses: { '200': user, ...errors(401, 403, 404, 409, 422) }
		}
	},
	'/users/{id}': {
		patch: {
			tags: ['admin'],
			summary:
				"Edit another user (admin only): name, unit, roles and active state, all applied in one audited change or none; the last active admin keeps the admin role and stays active (409); deactivating ends the user's sessions at once",
			parameters: [userId],
			requestBody: {
				required: true,
				content: {
					'application/json': {
						schema: {
							type: 'object',
							minProperties: 1,
							additionalProperties: false,
							properties: {
								displayName: { type: 'string', minLength: 1, maxLength: 120 },
								unit: { type: ['string', 'null'], maxLength: 80, description: 'null or empty clears the unit' },
								roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
								active: { type: 'boolean' }
							}
						}
					}
				}
			},
			responses: { '200': user, ...errors(401, 403, 404, 409, 422) }
		}
	},
	'/me/password': {
		put: {
			tags: ['session'],
			summary: 'Change your own password (12+ characters, not on the breached list); your other sessions end',
			requestBody: body({ current: { type: 'string' }, next: { type: 'string', minLength: 12, maxLength: 256 } }, [
				'current',
				'next'
			]),
			responses: { '204': { description: 'Changed' }, ...errors(401, 403, 422) }
		}
	}
} as const;
