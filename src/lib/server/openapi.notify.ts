/** OpenAPI paths of the signed-in user's own settings, notifications and absences (ADR-059–061). */
import { z } from 'zod';
import { OwnSettingsSchema } from './users/user.schemas';
import { absenceReasons } from './db/schema.notify';
import { MarkReadSchema, PreferenceChangesSchema } from './notifications/notification.schemas';
import { errorResponses, ok as json, schemaOf, session } from './openapi-parts';

const errors = errorResponses('See `code`');
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schemaOf(schema) } } });
const ok = (description = 'OK') => json({ type: 'object' }, description);

/** `PATCH /me` is merged into the `/me` entry of openapi.ts. */
export const ownSettingsPatch = {
	summary: "The user's own language and notification e-mail address (audited)",
	security: session,
	requestBody: body(OwnSettingsSchema),
	responses: { '200': ok(), ...errors(401, 403, 413, 415, 422) }
};

export const notifyPaths = {
	'/me/notifications': {
		get: {
			summary: "The user's notifications, newest first, in the page language",
			security: session,
			parameters: [
				{
					name: 'before',
					in: 'query',
					required: false,
					schema: { type: 'integer' },
					description: 'Older than this id'
				},
				{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } }
			],
			responses: { '200': ok(), ...errors(401, 422) }
		},
		patch: {
			summary: 'Mark the given notifications, or all, read; answers the unread count',
			security: session,
			requestBody: body(MarkReadSchema),
			responses: { '200': ok(), ...errors(401, 413, 415, 422) }
		}
	},
	'/me/notifications/preferences': {
		get: {
			summary: 'Per kind and channel (in-app, e-mail, browser): on or off',
			security: session,
			responses: { '200': ok(), ...errors(401) }
		},
		patch: {
			summary: 'Change the given preferences, keep the others',
			security: session,
			requestBody: body(PreferenceChangesSchema),
			responses: { '200': ok(), ...errors(401, 413, 415, 422) }
		}
	},
	'/me/absences': {
		post: {
			summary: 'An absence with a substitute of the same unit who may act (ADR-061; audited)',
			security: session,
			requestBody: {
				required: true,
				content: {
					'application/json': {
						schema: {
							type: 'object',
							additionalProperties: false,
							required: ['substitute', 'startsAt', 'endsAt'],
							properties: {
								substitute: { type: 'string', description: "The substitute's login" },
								startsAt: { type: 'string', format: 'date-time' },
								endsAt: { type: 'string', format: 'date-time' },
								reason: {
									type: 'string',
									enum: [...absenceReasons],
									description: 'Why away (ADR-087); `leave` when left out'
								}
							}
						}
					}
				}
			},
			responses: { '201': ok('Created'), ...errors(401, 403, 413, 415, 422) }
		}
	}
};
