/**
 * OpenAPI paths of the case procedures (ADR-019): the integration API (bearer tokens) and the staff
 * actions. Request bodies are generated from the zod schemas the server validates with, so the
 * document cannot drift from the code.
 */
import { z } from 'zod';
import { ApplicationSchema } from './cases/application.schema';
import { NewTokenSchema } from './integration/tokens.service';
import {
	ACTION_INPUTS,
	ConsultationAnswerSchema,
	ControlAnswerSchema,
	MfaResultSchema,
	STAFF_ACTIONS
} from '../domain/procedures';
import { bearer, schemaOf, session } from './openapi-parts';

const body = (s: z.ZodType) => ({ content: { 'application/json': { schema: schemaOf(s) } } });
const json = (description: string) => ({
	description,
	content: { 'application/json': { schema: { type: 'object' } } }
});
const err = (...codes: number[]) =>
	Object.fromEntries(codes.map((c) => [String(c), { $ref: '#/components/responses/Error' }]));
const idempotencyKey = {
	name: 'Idempotency-Key',
	in: 'header',
	required: false,
	schema: { type: 'string', maxLength: 200 },
	description: 'A retry with the same key and body gets the first answer and changes nothing'
};
const id = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });

export const procedureSecuritySchemes = {
	bearer: {
		type: 'http',
		scheme: 'bearer',
		description: 'Integration token `mzt_<id>.<secret>` issued by an admin (portal, mfa or one agency)'
	}
};

export const procedurePaths = {
	'/applications': {
		post: {
			summary: 'Submit an application (portal token). Same externalId again → the same case (200)',
			description:
				'Which fields a service needs is checked after the schema, each problem answered 422 under `fields` with ' +
				'its path: the export, import and general licences carry the fields of 001 Annex 1 forms 1–3 (contract, ' +
				'with its date on forms 2–3; manufacturer with BIN/IIN when resident on forms 1 and 3; end user; state ' +
				'revenue body; settlement accounts; declaration; signatory; form 2 the country of origin and intended ' +
				'use). A general licence takes goods under 1С350, 10С905, 10С906, 10С907 only, no military goods, and ' +
				'may name several counterparties and end users (001 p.5). One licence per contract: a second ' +
				'application under a contract whose licence is pending or in force is refused (001 p.7). A reissue ' +
				'names a granted licence of the same applicant in force, the reason (Law on permits and notifications ' +
				'art. 33) and the changes (001 p.10); the reissued licence keeps its validity.',
			security: bearer,
			parameters: [idempotencyKey],
			requestBody: body(ApplicationSchema),
			responses: {
				201: json("Registered: the applicant's view (id, number, status, registeredOn, the term's due)"),
				200: json('Already registered under this externalId'),
				...err(400, 401, 403, 413, 415, 422)
			}
		}
	},
	'/consultations': {
		get: {
			summary: "The agency's consultations awaiting its answer (agency token or liaison session), by due",
			security: [...bearer, ...session],
			parameters: [{ name: 'status', in: 'query', required: false, schema: { enum: ['pending'] } }],
			responses: { 200: json('agency and consultations'), ...err(400, 401, 403) }
		}
	},
	'/mfa-checks': {
		get: {
			summary: 'Authenticity checks awaiting the MFA result (MFA token), oldest first',
			security: bearer,
			parameters: [{ name: 'status', in: 'query', required: false, schema: { enum: ['pending'] } }],
			responses: { 200: json('checks'), ...err(400, 401, 403) }
		}
	},
	'/consultations/{id}/response': {
		post: {
			summary:
				"An approving body's answer (its agency token, or its liaison's session); 409 after a deemed approval (kept on the case)",
			security: [...bearer, ...session],
			parameters: [id('id'), idempotencyKey],
			requestBody: body(ConsultationAnswerSchema),
			responses: {
				200: json('The consultation after the answer (the agency sees its own consultation only)'),
				...err(400, 401, 403, 404, 409, 415, 422)
			}
		}
	},
	'/control-requests': {
		get: {
			summary:
				"The export-control-system requests awaiting the body's answer (001 p.17 para 1; agency token or liaison session)",
			security: [...bearer, ...session],
			parameters: [{ name: 'status', in: 'query', required: false, schema: { enum: ['pending'] } }],
			responses: { 200: json('agency and controlRequests'), ...err(400, 401, 403) }
		}
	},
	'/control-requests/{id}/response': {
		post: {
			summary: "A control-system body's answer on the export's risks (001 p.17 para 2; its agency token or liaison)",
			security: [...bearer, ...session],
			parameters: [id('id'), idempotencyKey],
			requestBody: body(ControlAnswerSchema),
			responses: {
				200: json('The request after the answer (the body sees its own request only)'),
				...err(400, 401, 403, 404, 409, 415, 422)
			}
		}
	},
	'/mfa-checks/{id}/result': {
		post: {
			summary: 'The MFA authenticity result (MFA token); the suspended term resumes (001 p.17)',
			security: bearer,
			parameters: [id('id'), idempotencyKey],
			requestBody: body(MfaResultSchema),
			responses: {
				200: json('The check after the result (the MFA sees its own check only)'),
				...err(400, 401, 403, 404, 409, 415, 422)
			}
		}
	},
	'/cases/{id}': {
		get: {
			summary:
				"A case. Staff: stage, clocks (kind, due, state, remaining working minutes, citation), consultations, MFA check, events, availableActions. Portal: the applicant's view (status, registration, the term's due and suspensions, the decision and its letter, complaints)",
			security: [...session, ...bearer],
			parameters: [id('id')],
			responses: { 200: json('The case'), ...err(401, 403, 404) }
		}
	},
	'/cases/{id}/actions/{action}': {
		post: {
			summary: `A staff action: ${STAFF_ACTIONS.join(', ')}. Same checks as the case page (role, stage, assignee)`,
			security: session,
			parameters: [
				id('id'),
				{ name: 'action', in: 'path', required: true, schema: { enum: [...STAFF_ACTIONS] } },
				idempotencyKey
			],
			requestBody: {
				content: {
					'application/json': {
						schema: { oneOf: STAFF_ACTIONS.map((a) => ({ title: a, ...schemaOf(ACTION_INPUTS[a]) })) }
					}
				}
			},
			responses: { 200: json('The case after the action'), ...err(400, 401, 403, 404, 409, 415, 422) }
		}
	},
	'/admin/clock': {
		get: {
			summary: 'The clock mode and time (admin)',
			security: session,
			responses: { 200: json('mode and now'), ...err(401, 403) }
		},
		post: {
			summary:
				'Move the simulated clock forward (admin; only with MERZIM_CLOCK=simulated); due timers fire before the answer',
			security: session,
			requestBody: {
				content: {
					'application/json': {
						schema: { type: 'object', required: ['now'], properties: { now: { type: 'string', format: 'date-time' } } }
					}
				}
			},
			responses: { 200: json('now and how many timers fired'), ...err(401, 403, 404, 409, 422) }
		}
	},
	'/admin/tokens': {
		get: {
			summary: 'Integration tokens (admin); secrets are never shown again',
			security: session,
			responses: { 200: json('tokens'), ...err(401, 403) }
		},
		post: {
			summary: 'Issue an integration token (admin; audited); the secret is in this answer only',
			security: session,
			requestBody: body(NewTokenSchema),
			responses: { 201: json('token and principal'), ...err(401, 403, 415, 422) }
		}
	},
	'/admin/tokens/{id}': {
		delete: {
			summary: 'Revoke an integration token (admin; audited)',
			security: session,
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
			responses: { 204: { description: 'Revoked' }, ...err(401, 403, 404) }
		}
	}
};
