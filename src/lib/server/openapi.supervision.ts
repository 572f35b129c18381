/** OpenAPI paths of the supervision analyses (ADR-046), spread into openapi.ts. Supervisors and heads only. */
import { errorResponses, errorSchema as error } from './openapi-parts';
const errors = errorResponses({
	400: 'A bad or unknown parameter; `fields` names it',
	401: 'Not signed in',
	403: 'Not a supervisor or head'
})(400, 401, 403);
const date = { type: 'string', format: 'date' } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
	name,
	in: 'query',
	required: false,
	schema,
	description
});
const periodAndFilters = [
	query('period', 'week, month, quarter or year containing today (Almaty); default month', {
		type: 'string',
		enum: ['week', 'month', 'quarter', 'year', 'custom']
	}),
	query('from', 'First day of a custom period (with `to`)', date),
	query('to', 'Last day of a custom period, inclusive', date),
	query('service', 'Service code'),
	query('unit', 'Unit'),
	query('officer', 'Responsible executor (user id)', { type: 'integer' }),
	query('agency', 'Agency code; for compliance: cases consulted with it')
];
const period = {
	type: 'object',
	properties: { kind: { type: 'string' }, from: date, to: date }
} as const;
const complianceRow = {
	type: 'object',
	properties: {
		key: { type: 'string', description: "'' for none (no unit, unassigned)" },
		label: { type: 'string' },
		decided: { type: 'integer' },
		withTerm: { type: 'integer' },
		withinTerm: { type: 'integer' },
		withinTermShare: nullableNumber,
		medianWorkingDays: nullableNumber,
		p90WorkingDays: nullableNumber,
		suspendedWorkingDays: { type: 'integer' },
		breaches: { type: 'object', additionalProperties: { type: 'integer' }, description: 'By clock kind' },
		breachTotal: { type: 'integer' }
	}
} as const;
const agencyRow = {
	type: 'object',
	properties: {
		agency: { type: 'string' },
		requests: { type: 'integer' },
		answeredInTime: { type: 'integer' },
		answeredLate: { type: 'integer' },
		objections: { type: 'integer' },
		deemedApprovals: { type: 'integer' },
		pending: { type: 'integer' },
		medianResponseWorkingDays: nullableNumber
	}
} as const;
const json = (properties: object) => ({
	description: 'OK',
	content: { 'application/json': { schema: { type: 'object', properties } } }
});

const file = {
	description: 'The file',
	content: {
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
			schema: { type: 'string', format: 'binary' }
		},
		'text/csv': { schema: { type: 'string' } },
		'application/pdf': { schema: { type: 'string', format: 'binary' } }
	}
} as const;

export const supervisionPaths = {
	'/supervision/compliance': {
		get: {
			security: [{ session: [] }],
			summary: 'Cases decided in the period by service, unit and officer',
			parameters: periodAndFilters,
			responses: {
				'200': json({
					period,
					services: { type: 'array', items: complianceRow },
					units: { type: 'array', items: complianceRow },
					officers: { type: 'array', items: complianceRow }
				}),
				...errors
			}
		}
	},
	'/supervision/agencies': {
		get: {
			security: [{ session: [] }],
			summary: 'Consultations requested in the period, per agency (001 p.16)',
			parameters: periodAndFilters,
			responses: { '200': json({ period, agencies: { type: 'array', items: agencyRow } }), ...errors }
		}
	},
	'/supervision/complaints': {
		get: {
			security: [{ session: [] }],
			summary:
				'Complaints answered in the period: 5 working days for the Committee, 15 for the oversight body, +10 once (001 pp.24–25; 000 pp.16–17)',
			parameters: periodAndFilters,
			responses: {
				'200': json({
					period,
					filters: { type: 'object' },
					complaints: {
						type: 'object',
						properties: {
							bodies: { type: 'array', items: { type: 'object' } },
							units: { type: 'array', items: { type: 'object' } },
							reviewers: { type: 'array', items: { type: 'object' } }
						}
					}
				}),
				...errors
			}
		}
	},
	'/supervision/agency-trend': {
		get: {
			security: [{ session: [] }],
			summary:
				'Consultations per agency and month of the period: in time, late, objections, deemed approvals (001 p.16)',
			parameters: periodAndFilters,
			responses: {
				'200': json({ period, filters: { type: 'object' }, months: { type: 'array', items: { type: 'object' } } }),
				...errors
			}
		}
	},
	'/supervision/workload': {
		get: {
			security: [{ session: [] }],
			summary: 'Open cases per officer, unit and stage as they stood at `at`, replayed from the case events',
			parameters: [
				...periodAndFilters.slice(3),
				query('at', 'A date (its end, Almaty) or an instant; not in the future; default now', { type: 'string' })
			],
			responses: { '200': json({ filters: { type: 'object' }, workload: { type: 'object' } }), ...errors }
		}
	},
	'/supervision/execution-reports': {
		get: {
			security: [{ session: [] }],
			summary:
				'The register of general-licence execution reports (001 pp.27–28, Annex 4): each export in the period with its 10-WD clock, and per licence the reports received, late, missing and the remaining balance',
			parameters: periodAndFilters,
			responses: {
				'200': json({
					period,
					filters: { type: 'object' },
					licences: { type: 'array', items: { type: 'object' } },
					exports: { type: 'array', items: { type: 'object' } }
				}),
				...errors
			}
		}
	},
	'/supervision/execution-reports/export': {
		get: {
			security: [{ session: [] }],
			summary: 'The register of execution reports as XLSX (both tables) or CSV (one table); streamed and audited',
			parameters: [
				...periodAndFilters,
				{ name: 'format', in: 'query', required: true, schema: { type: 'string', enum: ['xlsx', 'csv'] } },
				query('table', 'CSV: licences or exports', { type: 'string', enum: ['licences', 'exports'] }),
				query('sep', 'CSV separator; with ";" decimals take a comma', { type: 'string', enum: [',', ';'] }),
				query('lang', 'Language of the headers', { type: 'string', enum: ['kk', 'ru', 'en'] })
			],
			responses: { '200': file, ...errors }
		}
	},
	'/device-lists': {
		get: {
			security: [{ session: [] }],
			summary:
				"The last twelve reporting months of the State Revenue Committee's device list, each with its due (the 5th of the next month), state and reminder (004 P 11); officers and heads",
			responses: {
				'200': json({ months: { type: 'array', items: { type: 'object' } } }),
				'401': errors['401'],
				'403': errors['403']
			}
		},
		post: {
			security: [{ session: [] }],
			summary:
				"Imports a month's device list (004 P 11, App. 2: application ID, customs procedure code, IMEI); every row is checked and a list with any fault is refused whole",
			requestBody: {
				required: true,
				content: {
					'multipart/form-data': {
						schema: {
							type: 'object',
							required: ['file', 'reportingMonth', 'receivedAt', 'coverLetter'],
							properties: {
								file: { type: 'string', format: 'binary', description: 'XLSX; row 1 the header' },
								reportingMonth: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
								receivedAt: { type: 'string', description: 'An instant, or a local date-time (Almaty)' },
								coverLetter: { type: 'string', maxLength: 200 }
							}
						}
					}
				}
			},
			responses: {
				'201': json({ id: { type: 'string' }, reportingMonth: { type: 'string' }, rows: { type: 'integer' } }),
				'409': { description: 'The month has a list already', content: { 'application/json': { schema: error } } },
				'413': { description: 'The file is too large', content: { 'application/json': { schema: error } } },
				'422': {
					description:
						'A form field is invalid (`fields`), or the list has faults: `faults` lists each row and column (row 1 is the header); nothing was written',
					content: {
						'application/json': {
							schema: {
								oneOf: [
									error,
									{
										type: 'object',
										required: ['faults', 'faultCount'],
										properties: {
											error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
											faults: { type: 'array', items: { type: 'object' } },
											faultCount: { type: 'integer' }
										}
									}
								]
							}
						}
					}
				},
				...errors
			}
		}
	},
	'/supervision/report': {
		get: {
			security: [{ session: [] }],
			summary:
				"The supervision page for the period as a tagged PDF in the reader's language: compliance, breaches, agencies and their months, complaints, workload as of `at`, each table with its chart; audited",
			parameters: [
				...periodAndFilters,
				query('at', 'The workload as of: a date (its end, Almaty) or an instant; default now', { type: 'string' })
			],
			responses: { '200': file, ...errors }
		}
	},
	'/supervision/export': {
		get: {
			security: [{ session: [] }],
			summary: 'The analyses as XLSX (every table) or CSV (one table); streamed and audited',
			parameters: [
				...periodAndFilters,
				{ name: 'format', in: 'query', required: true, schema: { type: 'string', enum: ['xlsx', 'csv'] } },
				query('table', 'CSV: services, units, officers or agencies', {
					type: 'string',
					enum: ['services', 'units', 'officers', 'agencies']
				}),
				query('sep', 'CSV separator; with ";" decimals take a comma', { type: 'string', enum: [',', ';'] }),
				query('lang', 'Language of the headers', { type: 'string', enum: ['kk', 'ru', 'en'] })
			],
			responses: {
				'200': {
					description: 'The file',
					content: {
						'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
							schema: { type: 'string', format: 'binary' }
						},
						'text/csv': { schema: { type: 'string' } }
					}
				},
				...errors
			}
		}
	}
};
