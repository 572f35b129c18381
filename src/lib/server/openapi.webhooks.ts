/**
 * OpenAPI of the webhooks (ADR-037), spread into openapi.ts: the admin's subscription API under
 * `paths`, and what Merzim sends to a subscriber under OpenAPI 3.1's top-level `webhooks`.
 */
import { WEBHOOK_TYPES } from '../domain/webhooks';
import { errorResponses, ok } from './openapi-parts';

const statusText: Record<number, string> = {
	401: 'Not signed in',
	403: 'Signed in, but not an admin (or a cross-site request)',
	404: 'No such subscription (or delivery)',
	413: 'Body too large',
	415: 'Body is not JSON',
	422: "Body fails validation; `fields` names each field — a URL that is not http(s) or is this server's own address, an unknown or revoked token, an event its kind may not receive"
};
const errors = errorResponses(statusText);
const id = (description: string) =>
	({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description }) as const;
const instant = { type: 'string', format: 'date-time' } as const;
const eventType = { type: 'string', enum: WEBHOOK_TYPES } as const;

const subscription = {
	type: 'object',
	properties: {
		id: { type: 'string', example: 'wh_k3m…' },
		tokenId: { type: 'string' },
		tokenName: { type: 'string' },
		tokenKind: { type: 'string', enum: ['portal', 'agency', 'mfa'] },
		url: { type: 'string', format: 'uri' },
		events: { type: 'array', items: eventType },
		createdAt: instant,
		pausedAt: { type: ['string', 'null'], format: 'date-time' },
		pending: { type: 'integer', description: 'Deliveries waiting to be sent or retried' },
		failed: { type: 'integer', description: 'Deliveries failed after 24 h of retries' }
	}
} as const;

const failedDelivery = {
	type: 'object',
	properties: {
		id: { type: 'string', format: 'uuid' },
		subscriptionId: { type: 'string' },
		url: { type: 'string' },
		type: eventType,
		caseId: { type: 'string', format: 'uuid' },
		caseNumber: { type: 'string' },
		attempts: { type: 'integer' },
		lastStatusCode: { type: ['integer', 'null'] },
		lastError: { type: ['string', 'null'] },
		failedAt: instant
	}
} as const;

export const webhookPaths = {
	'/admin/webhooks': {
		get: {
			summary: 'Webhook subscriptions, and the deliveries that failed (admin)',
			security: [{ session: [] }],
			responses: {
				'200': ok({
					type: 'object',
					properties: {
						webhooks: { type: 'array', items: subscription },
						failed: { type: 'array', items: failedDelivery }
					}
				}),
				...errors(401, 403)
			}
		},
		post: {
			summary: 'Subscribe an integration token to events (admin); the signing secret is shown in this answer only',
			description:
				'A portal token may receive the case and complaint events and `document.*`, an agency token ' +
				'`consultation.requested` (only for requests addressed to its agency), the MFA token ' +
				'`mfa-check.requested`. Private and loopback addresses are allowed. Audited.',
			security: [{ session: [] }],
			requestBody: {
				required: true,
				content: {
					'application/json': {
						schema: {
							type: 'object',
							required: ['tokenId', 'url', 'events'],
							additionalProperties: false,
							properties: {
								tokenId: { type: 'string' },
								url: { type: 'string', format: 'uri', example: 'https://portal.egov.kz/merzim/hooks' },
								events: { type: 'array', items: eventType, minItems: 1 }
							}
						}
					}
				}
			},
			responses: {
				'201': ok(
					{
						type: 'object',
						properties: {
							id: { type: 'string' },
							tokenId: { type: 'string' },
							url: { type: 'string' },
							events: { type: 'array', items: eventType },
							secret: { type: 'string', example: 'whsec_…', description: 'Shown once; the HMAC key' },
							createdAt: instant
						}
					},
					'Subscribed'
				),
				...errors(401, 403, 413, 415, 422)
			}
		}
	},
	'/admin/webhooks/{id}': {
		patch: {
			summary: 'Pause or resume a subscription (admin, audited)',
			description: 'Paused: no deliveries are written for it, and those queued wait until it is resumed.',
			security: [{ session: [] }],
			parameters: [id('The subscription')],
			requestBody: {
				required: true,
				content: {
					'application/json': {
						schema: {
							type: 'object',
							required: ['paused'],
							additionalProperties: false,
							properties: { paused: { type: 'boolean' } }
						}
					}
				}
			},
			responses: {
				'200': ok({ type: 'object', properties: { id: { type: 'string' }, paused: { type: 'boolean' } } }),
				...errors(401, 403, 404, 415, 422)
			}
		},
		delete: {
			summary: 'Delete a subscription (admin, audited); its queued deliveries are cancelled, its log kept',
			security: [{ session: [] }],
			parameters: [id('The subscription')],
			responses: { '204': { description: 'Deleted' }, ...errors(401, 403, 404) }
		}
	},
	'/admin/webhooks/deliveries/{id}/resend': {
		post: {
			summary: 'Send a failed delivery again (admin, audited): same id and body, a new 24-hour window',
			security: [{ session: [] }],
			parameters: [id('The delivery (`Merzim-Delivery`)')],
			responses: {
				'202': ok(
					{ type: 'object', properties: { id: { type: 'string' }, status: { const: 'pending' } } },
					'Queued again'
				),
				...errors(401, 403, 404)
			}
		}
	},
	'/cases/{id}/webhook-deliveries': {
		get: {
			summary: "A case's webhook deliveries with every attempt (staff)",
			security: [{ session: [] }],
			parameters: [id('The case')],
			responses: {
				'200': ok({
					type: 'object',
					properties: {
						deliveries: {
							type: 'array',
							items: {
								type: 'object',
								properties: {
									id: { type: 'string', format: 'uuid' },
									type: eventType,
									status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'cancelled'] },
									attempts: { type: 'integer' },
									createdAt: instant,
									nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
									deliveredAt: { type: ['string', 'null'], format: 'date-time' },
									failedAt: { type: ['string', 'null'], format: 'date-time' },
									lastStatusCode: { type: ['integer', 'null'] },
									lastError: { type: ['string', 'null'] },
									receiver: { type: 'string', description: "The integration token's name" },
									url: { type: 'string' },
									attemptLog: {
										type: 'array',
										items: {
											type: 'object',
											properties: {
												attempt: { type: 'integer' },
												at: instant,
												statusCode: { type: ['integer', 'null'] },
												error: { type: ['string', 'null'] },
												durationMs: { type: 'integer' }
											}
										}
									}
								}
							}
						}
					}
				}),
				...errors(401, 403, 404)
			}
		}
	}
} as const;

const deliveryHeaders = {
	'Merzim-Delivery': {
		required: true,
		schema: { type: 'string', format: 'uuid' },
		description: 'The delivery id, the same on every attempt: deduplicate by it (delivery is at least once)'
	},
	'Merzim-Signature': {
		required: true,
		schema: { type: 'string', example: 't=1772424000,v1=5f2b…' },
		description:
			'`t` = Unix seconds of the attempt; `v1` = lowercase hex HMAC-SHA256 with the subscription secret over ' +
			'`t + "." + body` (the raw body bytes). Recompute, compare in constant time, refuse a `t` more than 5 minutes off.'
	}
} as const;

const envelope = (type: string, data: object, summary: string) => ({
	post: {
		summary,
		parameters: Object.entries(deliveryHeaders).map(([name, h]) => ({ name, in: 'header', ...h })),
		requestBody: {
			required: true,
			content: {
				'application/json': {
					schema: {
						type: 'object',
						required: ['id', 'type', 'createdAt', 'data'],
						properties: { id: { type: 'string', format: 'uuid' }, type: { const: type }, createdAt: instant, data }
					}
				}
			}
		},
		responses: {
			'2XX': { description: 'Accepted. Anything else, a timeout (5 s) or a closed connection is retried for 24 h' }
		}
	}
});

const portalData = {
	type: 'object',
	description:
		"The case as the applicant knows it (GET /cases/{id} with the portal token gives the whole view) and the event's public details",
	properties: {
		caseId: { type: 'string', format: 'uuid' },
		caseNumber: { type: 'string' },
		externalId: { type: ['string', 'null'] },
		service: { type: 'string' },
		status: { type: 'string', description: "The applicant's status (registered, under-review, hearing, granted …)" },
		at: instant,
		citation: { type: ['string', 'null'] },
		details: { type: 'object', description: 'Per event: e.g. missing documents, hearing time and place, outcome' }
	}
} as const;

/** What Merzim POSTs to a subscriber (OpenAPI 3.1 `webhooks`). */
export const webhookEvents = Object.fromEntries(
	WEBHOOK_TYPES.map((t) => [
		t,
		envelope(
			t,
			t === 'consultation.requested'
				? {
						type: 'object',
						description: 'The consultation as GET /consultations shows it to the addressed agency'
					}
				: t === 'mfa-check.requested'
					? { type: 'object', description: 'The check as GET /mfa-checks shows it to the MFA' }
					: portalData,
			`${t} — sent to subscribers of this event`
		)
	])
);
