/**
 * Realistic traffic through the public integration API, as the portal, the MFA and the agencies
 * would send it: new applications of every service (valid BINs, goods of the control list, Latin
 * and Cyrillic codes mixed as people type them), agency answers (most in time, some late, some
 * never — silence is approval, 001 p.16), MFA results, and complaints against decided cases.
 * Deterministic for a seed. Used by `npm run simulate`, the demo and the load benchmark.
 */
import { createRng, type Rng } from '../../src/lib/domain/reference/prng';
import {
	generateCounterparty,
	generateGoodsLines,
	generateOrganisation
} from '../../src/lib/domain/reference/demo-names';

export interface SimulatorTokens {
	portal: string;
	mfa: string;
	agencies: Record<string, string>;
}

export interface SimulatorOptions {
	baseUrl: string;
	tokens: SimulatorTokens;
	seed?: string;
	/** Applications per minute; answers and complaints follow in proportion. */
	ratePerMinute: number;
	/** Share of consultations an agency never answers (deemed approval), and answers late. */
	silence?: number;
	log?: (line: string) => void;
	/** The portal's clock (a server on simulated time needs receipts in its own time). */
	now?: () => Date;
}

export interface SimulatorStats {
	applications: number;
	duplicates: number;
	answers: number;
	lateAnswers: number;
	mfaResults: number;
	/** Answers of the control-system bodies (001 p.17 para 1), apart from the consultation answers. */
	controlAnswers: number;
	complaints: number;
	errors: number;
}

const SERVICES: [string, number][] = [
	['export-licence', 30],
	['import-licence', 14],
	['general-export-licence', 6],
	['licence-reissue', 6],
	['licence-reissue-separation', 3],
	['end-user-certificate', 14],
	['import-certificate', 8],
	['device-verification', 6],
	['customs-representative-register', 6]
];

function weighted<T>(rng: Rng, items: [T, number][]): T {
	const total = items.reduce((s, [, w]) => s + w, 0);
	let x = rng.next() * total;
	for (const [item, w] of items) if ((x -= w) < 0) return item;
	return items[0]![0];
}

/** Some people type control codes with Latin letters (ADR-010: normalised by the server). */
const latinise = (code: string) => code.replace(/С/g, 'C').replace(/А/g, 'A').replace(/В/g, 'B');

function imei(rng: Rng): string {
	const body = Array.from({ length: 14 }, () => rng.int(0, 9));
	const sum = body.reduce((s, d, i) => s + (i % 2 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d]! : d), 0);
	return [...body, (10 - (sum % 10)) % 10].join('');
}

export function createSimulator(o: SimulatorOptions) {
	const rng = createRng(o.seed ?? 'merzim-simulator');
	const silence = o.silence ?? 0.15;
	const stats: SimulatorStats = {
		applications: 0,
		duplicates: 0,
		answers: 0,
		lateAnswers: 0,
		mfaResults: 0,
		controlAnswers: 0,
		complaints: 0,
		errors: 0
	};
	const created: { id: string; number: string }[] = [];
	const ignored = new Set<string>();
	const licences: { licenceNumber: string; bin: string; name: string }[] = [];
	let n = 0;
	let timer: ReturnType<typeof setInterval> | null = null;

	async function call(
		path: string,
		token: string,
		body?: unknown,
		key?: string
	): Promise<{ status: number; body: Record<string, unknown> }> {
		const res = await fetch(o.baseUrl + path, {
			method: body === undefined ? 'GET' : 'POST',
			headers: {
				authorization: `Bearer ${token}`,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(key ? { 'idempotency-key': key } : {})
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
		if (res.status >= 400 && res.status !== 409) {
			stats.errors++;
			o.log?.(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
		}
		return { status: res.status, body: json };
	}

	function application(now: Date) {
		let service = weighted(rng, SERVICES);
		// A reissue names a granted licence of its applicant (001 p.10): one the simulator has seen granted.
		const reissued = service.startsWith('licence-reissue') && licences.length ? rng.pick(licences) : null;
		if (service.startsWith('licence-reissue') && !reissued) service = 'export-licence';
		const org = generateOrganisation(rng);
		const cp = generateCounterparty(rng);
		const goods = generateGoodsLines(
			rng,
			rng.int(1, 3),
			service === 'general-export-licence' ? { controlCodes: ['1С350', '10С905', '10С906', '10С907'] } : {}
		);
		const base = {
			service,
			externalId: `SIM-${o.seed ?? 'x'}-${++n}-${rng.int(0, 1e9)}`,
			receivedAt: now.toISOString(),
			applicant: reissued
				? { bin: reissued.bin, name: reissued.name, legalAddress: '—' }
				: { bin: org.bin, name: org.nameRu, legalAddress: org.legalAddressRu, city: org.city.ru }
		};
		if (service === 'device-verification')
			return { ...base, devices: Array.from({ length: rng.int(1, 4) }, () => imei(rng)) };
		if (service === 'customs-representative-register') return base;
		return {
			...base,
			goodsLines: goods.map((g) => ({
				hsCode: g.hsCode,
				controlCode: rng.chance(0.3) ? latinise(g.controlCode) : g.controlCode,
				description: g.descriptionRu,
				quantity: g.quantity,
				unit: g.unit.en,
				value: Number(g.value),
				currency: g.currency
			})),
			counterparty: { name: cp.name, country: cp.country.iso2 },
			endUser: { name: cp.name, country: cp.country.iso2 },
			firstExportToCounterparty: rng.chance(0.4),
			riskInformation: rng.chance(0.05),
			...licenceFormFields(service, org, cp),
			...(reissued
				? {
						reissue: {
							licenceNumber: reissued.licenceNumber,
							reason:
								service === 'licence-reissue'
									? rng.pick(['name-changed', 'address-changed'])
									: 'reorganised-by-separation',
							changes: 'Изменение наименования и адреса по справке о перерегистрации'
						}
					}
				: {})
		};
	}

	/** The fields of 001 Annex 1 forms 1–3 (form 2 for the import licence); one contract per application (p.7). */
	function licenceFormFields(service: string, org: ReturnType<typeof generateOrganisation>, cp: { name: string }) {
		if (!['export-licence', 'import-licence', 'general-export-licence'].includes(service)) return {};
		const common = {
			contract: { number: `${org.shortNameRu.slice(0, 3).toUpperCase()}-${++n}/${rng.int(1, 99)}`, date: '2026-01-15' },
			stateRevenueBody: `Департамент государственных доходов по ${org.city.ru}`,
			settlement: { accounts: `KZ${rng.int(10, 99)}125KZT${rng.int(1e9, 9e9)}`, bank: 'АО «Народный банк Казахстана»' },
			declaration: true as const,
			signatory: { name: `Директор ${org.shortNameRu}`, position: 'директор' }
		};
		if (service === 'import-licence')
			return { ...common, countryOfOrigin: 'DE', intendedUse: `Для собственных нужд; поставщик ${cp.name}` };
		return {
			...common,
			manufacturer: { name: org.nameRu, country: 'KZ', address: org.legalAddressRu, bin: org.bin }
		};
	}

	async function submitOne() {
		const body = application((o.now ?? (() => new Date()))());
		const key = `sim-${body.externalId}`;
		const r = await call('/api/v1/applications', o.tokens.portal, body, key);
		if (r.status === 201) {
			stats.applications++;
			created.push({ id: r.body.id as string, number: r.body.number as string });
			// Portals retry: now and then the same submission arrives twice and must not duplicate.
			if (rng.chance(0.05) && (await call('/api/v1/applications', o.tokens.portal, body, key)).status === 200)
				stats.duplicates++;
		}
	}

	async function answerAgencies() {
		for (const [agency, token] of Object.entries(o.tokens.agencies)) {
			const { body } = await call('/api/v1/consultations?status=pending', token);
			for (const c of (body.consultations as { id: string; dueAt: string }[] | undefined) ?? []) {
				if (ignored.has(c.id)) continue;
				if (rng.chance(silence)) {
					ignored.add(c.id); // never answers: deemed approved at the due (001 p.16)
					continue;
				}
				if (!rng.chance(0.3)) continue; // answers some time later
				const r = await call(
					`/api/v1/consultations/${c.id}/response`,
					token,
					{ decision: rng.chance(0.93) ? 'approve' : 'object', reason: `${agency.toUpperCase()} opinion` },
					`sim-answer-${c.id}`
				);
				if (r.status === 200) stats.answers++;
				if (r.status === 409) stats.lateAnswers++;
			}
		}
	}

	/** The control-system bodies answer the p.17 requests (no term): most know of no risks. */
	async function answerControlRequests() {
		for (const [agency, token] of Object.entries(o.tokens.agencies)) {
			const { body } = await call('/api/v1/control-requests?status=pending', token);
			for (const c of (body.controlRequests as { id: string }[] | undefined) ?? []) {
				if (!rng.chance(0.3)) continue;
				const risks = rng.chance(0.05);
				const r = await call(
					`/api/v1/control-requests/${c.id}/response`,
					token,
					{ risks, information: risks ? `${agency.toUpperCase()}: possible diversion` : 'No risks known' },
					`sim-control-${c.id}`
				);
				if (r.status === 200) stats.controlAnswers++;
			}
		}
	}

	async function answerMfa() {
		const { body } = await call('/api/v1/mfa-checks?status=pending', o.tokens.mfa);
		for (const c of (body.checks as { id: string }[] | undefined) ?? []) {
			if (!rng.chance(0.25)) continue;
			const r = await call(
				`/api/v1/mfa-checks/${c.id}/result`,
				o.tokens.mfa,
				{ authentic: rng.chance(0.95), reference: `MFA-${rng.int(10000, 99999)}` },
				`sim-mfa-${c.id}`
			);
			if (r.status === 200) stats.mfaResults++;
		}
	}

	/** A granted licence the portal was told of: a later reissue may name it. */
	function noteLicence(body: Record<string, unknown>) {
		const d = body.decision as { documentNumber?: string; document?: string } | null | undefined;
		const a = body.applicant as { bin: string; name: string } | undefined;
		if (d?.document !== 'licence' || !d.documentNumber || !a) return;
		if (!licences.some((l) => l.licenceNumber === d.documentNumber))
			licences.push({ licenceNumber: d.documentNumber, bin: a.bin, name: a.name });
	}

	async function complain() {
		for (const c of created.slice(-50)) {
			const { body } = await call(`/api/v1/cases/${c.id}`, o.tokens.portal);
			noteLicence(body);
			if (body.status !== 'refused' || !rng.chance(0.5)) continue;
			const r = await call('/api/v1/applications', o.tokens.portal, {
				service: 'complaint',
				externalId: `SIM-CMP-${c.number}`,
				receivedAt: (o.now ?? (() => new Date()))().toISOString(),
				applicant: {
					bin: (body.applicant as { bin: string }).bin,
					name: (body.applicant as { name: string }).name,
					legalAddress: '—'
				},
				complaintAgainst: c.number,
				reviewBy: rng.chance(0.5) ? 'provider' : 'quality-body',
				complaintText: 'We disagree with the refusal and ask for a review.'
			});
			if (r.status === 201) stats.complaints++;
		}
	}

	/** One round: applications for `seconds` of the rate, then the other bodies' answers. */
	async function round(seconds: number) {
		const due = (o.ratePerMinute * seconds) / 60;
		const count = Math.floor(due) + (rng.next() < due % 1 ? 1 : 0);
		for (let i = 0; i < count; i++) await submitOne();
		await answerAgencies();
		await answerControlRequests();
		await answerMfa();
		if (rng.chance(0.2)) await complain();
	}

	return {
		stats,
		round,
		start(everySeconds = 10) {
			const run = () => void round(everySeconds).catch((e) => o.log?.(`round failed: ${String(e)}`));
			run();
			timer = setInterval(run, everySeconds * 1000);
		},
		stop() {
			if (timer) clearInterval(timer);
		}
	};
}
