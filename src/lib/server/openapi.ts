/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. A test checks that every
 * `+server.ts` under src/routes/api is described here, so the file cannot silently fall behind.
 */
import { procedurePaths, procedureSecuritySchemes } from './openapi.procedures';
import { draftingPaths } from './openapi.drafting';
import { webhookEvents, webhookPaths } from './openapi.webhooks';
import { ROLES } from '../domain/access/roles';
import { documentPaths } from './openapi.documents';
import { deskPaths } from './openapi.desk';
import { attachmentPaths } from './openapi.attachments';
import { opsPaths } from './openapi.ops';
import { supervisionPaths } from './openapi.supervision';
import { notifyPaths, ownSettingsPatch } from './openapi.notify';
import { errorResponses, errorSchema as error, ok } from './openapi-parts';

const date = { type: 'string', format: 'date', example: '2026-03-20' } as const;
const statusText: Record<number, string> = {
	400: 'Malformed request; the message names the parameter',
	401: 'Not signed in',
	403: 'Signed in, but the role does not allow it (or a cross-site request)',
	409: 'Conflict',
	413: 'Body too large',
	415: 'Body is not JSON',
	422: 'Body fails validation; `fields` names each field',
	429: 'Too many failed sign-ins; see Retry-After'
};
const errors = errorResponses(statusText);
const query = (name: string, schema: object, description: string, required = true) => ({
	name,
	in: 'query',
	required,
	schema,
	description
});

export const openApiDocument = {
	openapi: '3.1.0',
	info: {
		title: 'Merzim API',
		version: '1.0.0',
		description:
			'Case desk of the Industry Committee. Times are instants with offsets; calendar dates are Asia/Almaty local dates.'
	},
	servers: [{ url: '/api/v1' }],
	components: {
		securitySchemes: {
			session: {
				type: 'apiKey',
				in: 'cookie',
				name: 'merzim_session',
				description: '`__Host-merzim_session` under TLS'
			},
			...procedureSecuritySchemes
		},
		responses: {
			Error: {
				description: 'An error; `fields` names each invalid field with its code and message',
				content: { 'application/json': { schema: error } }
			}
		},
		schemas: {
			Error: {
				type: 'object',
				required: ['error'],
				properties: {
					code: { type: 'string', description: 'Stable machine code of the error' },
					message: { type: 'string', description: "In the caller's language (kk, ru, en)" },
					error: { type: 'string', description: 'The same message, for clients written before `message`' },
					fields: {
						type: 'object',
						description:
							"Per invalid field (its path): a stable `code` (required, too-long, invalid-format, not-in-list… or the domain's own) and a `message` in the caller's language",
						additionalProperties: {
							type: 'object',
							required: ['code', 'message'],
							properties: {
								code: { type: 'string' },
								message: { type: 'string' },
								citations: {
									type: 'array',
									description: 'The act points the rule comes from, parsed (ADR-106), when it names any',
									items: { type: 'object', required: ['act'], properties: { act: { type: 'string' } } }
								}
							}
						}
					}
				}
			},
			NewUser: {
				type: 'object',
				additionalProperties: false,
				required: ['username', 'displayName', 'password', 'roles'],
				properties: {
					username: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]{1,39}$' },
					displayName: { type: 'string', maxLength: 120 },
					password: { type: 'string', minLength: 10, maxLength: 256 },
					roles: {
						type: 'array',
						items: { enum: [...ROLES] }
					},
					agencyCode: { type: ['string', 'null'] },
					unit: { type: ['string', 'null'] }
				}
			}
		}
	},
	paths: {
		'/health': { get: { summary: 'Liveness and database reachability', responses: { 200: ok({ type: 'object' }) } } },
		'/openapi.json': { get: { summary: 'This document', responses: { 200: ok({ type: 'object' }) } } },
		'/session': {
			post: {
				summary: 'Sign in (sets the session cookie)',
				requestBody: {
					content: {
						'application/json': {
							schema: {
								type: 'object',
								additionalProperties: false,
								required: ['username', 'password'],
								properties: { username: { type: 'string' }, password: { type: 'string' } }
							}
						}
					}
				},
				responses: {
					201: ok(
						{
							type: 'object',
							properties: {
								expiresAt: { type: 'string' },
								secondFactor: { enum: ['none', 'verify', 'setup'] },
								kiosk: { type: 'boolean' }
							}
						},
						'Signed in'
					),
					...errors(400, 401, 403, 413, 415, 422, 429)
				}
			},
			delete: {
				summary: 'Sign out (the session is deleted on the server)',
				security: [{ session: [] }],
				responses: { 204: { description: 'Signed out' }, ...errors(401, 403) }
			}
		},
		'/me': {
			get: {
				summary: 'The signed-in user',
				security: [{ session: [] }],
				responses: { 200: ok({ type: 'object' }), ...errors(401) }
			},
			patch: ownSettingsPatch
		},
		'/admin/users': {
			get: {
				summary: 'List users (admin)',
				security: [{ session: [] }],
				responses: { 200: ok({ type: 'object' }), ...errors(401, 403) }
			},
			post: {
				summary: 'Create a user (admin; audited)',
				security: [{ session: [] }],
				requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/NewUser' } } } },
				responses: { 201: ok({ type: 'object' }, 'Created'), ...errors(400, 401, 403, 409, 413, 415, 422) }
			}
		},
		'/admin/audit-verify': {
			get: {
				summary: 'Verify the audit trail hash chains (admin, supervisor)',
				security: [{ session: [] }],
				responses: {
					200: ok({
						type: 'object',
						properties: { ok: { type: 'boolean' }, rows: { type: 'integer' }, breaks: { type: 'array' } }
					}),
					...errors(401, 403)
				}
			}
		},
		'/calendar/registration': {
			get: {
				summary:
					'Registration day of an application received at an instant (17:00 cut-off; 001 p.14, Annex 1 row 7(2))',
				parameters: [query('received', { type: 'string', format: 'date-time' }, 'ISO 8601 instant with offset')],
				responses: { 200: ok({ type: 'object', properties: { registeredOn: date } }), ...errors(400) }
			}
		},
		'/calendar/deadline': {
			get: {
				summary: 'End of a term counted from a start day (day 0); give workingDays or calendarDays',
				parameters: [
					query('start', date, 'start day (day 0)'),
					query(
						'workingDays',
						{ type: 'integer', minimum: 0, maximum: 3650 },
						'term in working days; ends 18:30 local',
						false
					),
					query(
						'calendarDays',
						{ type: 'integer', minimum: 0, maximum: 3650 },
						'term in calendar days; ends 23:59:59 local, on the next working day if the N-th day is not one',
						false
					)
				],
				responses: {
					200: ok({
						type: 'object',
						properties: { dueDate: date, due: { type: 'string', example: '2026-04-03T18:30:00+05:00' } }
					}),
					...errors(400)
				}
			}
		},
		'/calendar/working-days': {
			get: {
				summary: 'Working days after `from` up to and including `to`',
				parameters: [query('from', date, 'exclusive'), query('to', date, 'inclusive')],
				responses: { 200: ok({ type: 'object', properties: { workingDays: { type: 'integer' } } }), ...errors(400) }
			}
		},
		'/calendar/{year}': {
			get: {
				summary: 'Non-working days of a year (weekends, public holidays, overrides) and working weekend days',
				parameters: [
					{ name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100 } }
				],
				responses: { 200: ok({ type: 'object' }), ...errors(400) }
			}
		},
		'/calendar/overrides/{date}': {
			put: {
				summary: 'Set a calendar override (admin; audited; open deadlines recomputed)',
				security: [{ session: [] }],
				parameters: [{ name: 'date', in: 'path', required: true, schema: date }],
				requestBody: {
					content: {
						'application/json': {
							schema: {
								type: 'object',
								additionalProperties: false,
								required: ['kind', 'reason'],
								properties: {
									kind: { enum: ['day_off', 'working_day'] },
									reason: { type: 'string', minLength: 3, maxLength: 300 }
								}
							}
						}
					}
				},
				responses: { 200: ok({ type: 'object' }), ...errors(400, 401, 403, 413, 415, 422) }
			},
			delete: {
				summary: 'Remove a calendar override (admin; audited; open deadlines recomputed)',
				security: [{ session: [] }],
				parameters: [{ name: 'date', in: 'path', required: true, schema: date }],
				responses: { 200: ok({ type: 'object' }), ...errors(400, 401, 403) }
			}
		},
		...procedurePaths,
		...draftingPaths,
		...webhookPaths,
		...documentPaths,
		...deskPaths,
		...attachmentPaths,
		...opsPaths,
		...supervisionPaths,
		...notifyPaths
	},
	/** What Merzim sends to webhook subscribers (ADR-037; README "Webhooks for integrators"). */
	webhooks: webhookEvents
} as const;
