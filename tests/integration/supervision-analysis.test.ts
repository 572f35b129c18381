/**
 * The supervision analyses over real HTTP on a real database (PGlite, or PostgreSQL with
 * DATABASE_URL): a seeded April 2026 history whose answers were counted by hand (no public holidays
 * from 6 to 21 April; 1 May is one), the Almaty day boundary of the period, the filters, who may ask,
 * and the exports opened with exceljs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { auditEvents, cases, clocks, consultations, organisations } from '../../src/lib/server/db/schema';

let app: TestApp;
const client: Record<string, HttpClient> = {};
let aida: number;
let bek: number;

const at = (iso: string) => new Date(iso);
/** 10:00 Almaty on an April 2026 day. */
const apr = (day: number) => at(`2026-04-${String(day).padStart(2, '0')}T05:00:00Z`);
const dueApr = (day: number) => at(`2026-04-${day}T13:30:00Z`);

interface Seed {
	number: string;
	service: string;
	unit: string;
	assignee: number | null;
	decidedAt: Date | null;
	term?: { length: number; events: { type: string; at: Date; [k: string]: unknown }[] };
	consult?: {
		agency: string;
		requestedAt: Date;
		dueAt: Date;
		answeredAt: Date | null;
		decision: 'approve' | 'object' | 'deemed_approved' | null;
	}[];
}

async function seed(orgId: number, s: Seed) {
	const received = s.term?.events[0]?.at ?? apr(1);
	const [c] = await app.ctx.db
		.insert(cases)
		.values({
			number: s.number,
			service: s.service,
			stage: s.decidedAt ? 'decided' : 'review',
			applicantId: orgId,
			assigneeId: s.assignee,
			unit: s.unit,
			receivedAt: received,
			registeredOn: '2026-04-01',
			application: {},
			decidedAt: s.decidedAt,
			createdAt: received,
			updatedAt: received
		})
		.returning();
	if (s.term)
		await app.ctx.db.insert(clocks).values({
			caseId: c!.id,
			kind: 'service-term',
			unit: 'working_days',
			length: s.term.length,
			citation: '001 Annex 1',
			events: s.term.events.map((e) => ({ ...e, at: e.at.toISOString() })),
			state: 'met'
		});
	for (const k of s.consult ?? [])
		await app.ctx.db.insert(consultations).values({ caseId: c!.id, agencyCode: k.agency, ...k });
}

beforeAll(async () => {
	app = await startTestApp();
	app.clock.set(at('2026-05-04T06:00:00Z'));
	aida = await app.createUser('sv-aida', ['officer']);
	bek = await app.createUser('sv-bek', ['officer']);
	for (const [name, roles] of [
		['sv-supervisor', ['supervisor']],
		['sv-head', ['head']],
		['sv-admin', ['admin']]
	] as const) {
		await app.createUser(name, [...roles]);
		client[name] = new HttpClient(app.url, '10.23.0.1');
		expect((await client[name].signIn(name, TEST_PASSWORD)).status).toBe(201);
	}
	client.officer = new HttpClient(app.url, '10.23.0.2');
	expect((await client.officer.signIn('sv-aida', TEST_PASSWORD)).status).toBe(201);
	const [org] = await app.ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Бақылау»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const met = (d: Date) => ({ type: 'met', at: d });
	const started = (d: Date) => ({ type: 'started', at: d });
	const seeds: Seed[] = [
		// A: 30 WD, 6 → 10 April: 4 WD, in term. nsc approved on day 2.
		{
			number: 'SV-A',
			service: 'export-licence',
			unit: 'U1',
			assignee: aida,
			decidedAt: apr(10),
			term: { length: 30, events: [started(apr(6)), met(apr(10))] },
			consult: [{ agency: 'nsc', requestedAt: apr(6), dueAt: dueApr(20), answeredAt: apr(8), decision: 'approve' }]
		},
		// B: 3 WD due 9 April, met 13 April: late, 5 WD. mod objected on day 3 (in time).
		{
			number: 'SV-B',
			service: 'export-licence',
			unit: 'U1',
			assignee: bek,
			decidedAt: apr(13),
			term: { length: 3, events: [started(apr(6)), met(apr(13))] },
			consult: [{ agency: 'mod', requestedAt: apr(7), dueAt: dueApr(21), answeredAt: apr(10), decision: 'object' }]
		},
		// C: 10 WD, suspended 7 → 9 April (2 WD), met 20 April: 10 − 2 = 8 WD, in term (due moved by the suspension).
		// nsc objected on 21 April (late, 11 WD); mod stayed silent: deemed approved.
		{
			number: 'SV-C',
			service: 'import-licence',
			unit: 'U2',
			assignee: aida,
			decidedAt: apr(20),
			term: {
				length: 10,
				events: [
					started(apr(6)),
					{ type: 'suspended', at: apr(7), reason: 'MFA check', legalBasis: '001 p.18' },
					{ type: 'resumed', at: apr(9) },
					met(apr(20))
				]
			},
			consult: [
				{
					agency: 'nsc',
					requestedAt: apr(6),
					dueAt: dueApr(20),
					answeredAt: at('2026-04-21T05:00:00Z'),
					decision: 'object'
				},
				{ agency: 'mod', requestedAt: apr(7), dueAt: dueApr(21), answeredAt: null, decision: 'deemed_approved' }
			]
		},
		// D: decided at 00:10 Almaty on 1 April (19:10 UTC on 31 March): in April. No clocks, unassigned.
		{ number: 'SV-D', service: 'export-licence', unit: 'U2', assignee: null, decidedAt: at('2026-03-31T19:10:00Z') },
		// E: decided at 23:30 Almaty on 31 March: not in April; its March consultation neither.
		{
			number: 'SV-E',
			service: 'export-licence',
			unit: 'U1',
			assignee: aida,
			decidedAt: at('2026-03-31T18:30:00Z'),
			term: { length: 30, events: [started(at('2026-03-20T05:00:00Z')), met(at('2026-03-31T18:30:00Z'))] },
			consult: [
				{
					agency: 'nsc',
					requestedAt: at('2026-03-20T05:00:00Z'),
					dueAt: at('2026-04-03T13:30:00Z'),
					answeredAt: at('2026-03-23T05:00:00Z'),
					decision: 'approve'
				}
			]
		},
		// F: 27 April → 4 May (1 May a holiday, 2–3 May a weekend): 4 WD, in term; in the quarter, not in April.
		{
			number: 'SV-F',
			service: 'export-licence',
			unit: 'U1',
			assignee: bek,
			decidedAt: at('2026-05-04T04:00:00Z'),
			term: { length: 30, events: [started(at('2026-04-27T05:00:00Z')), met(at('2026-05-04T04:00:00Z'))] }
		},
		// G: still open; only its pending mod consultation counts.
		{
			number: 'SV-G',
			service: 'export-licence',
			unit: 'U1',
			assignee: aida,
			decidedAt: null,
			consult: [{ agency: 'mod', requestedAt: apr(8), dueAt: dueApr(22), answeredAt: null, decision: null }]
		}
	];
	for (const s of seeds) await seed(org!.id, s);
});

afterAll(async () => {
	await app?.close();
});

type Row = Record<string, unknown>;
const pick = (r: Row) => [
	r.label,
	r.decided,
	r.withTerm,
	r.withinTerm,
	r.withinTermShare,
	r.medianWorkingDays,
	r.p90WorkingDays,
	r.suspendedWorkingDays,
	r.breaches
];

async function getJson(who: string, path: string) {
	const res = await client[who]!.get(path);
	expect(res.status, await res.clone().text()).toBe(200);
	return (await res.json()) as Record<string, Row[]> & { period: Row };
}

describe('GET /api/v1/supervision/compliance', () => {
	it('April: by service, unit and officer, counted by hand', async () => {
		const body = await getJson('sv-supervisor', '/api/v1/supervision/compliance?from=2026-04-01&to=2026-04-30');
		expect(body.period).toEqual({ kind: 'custom', from: '2026-04-01', to: '2026-04-30' });
		expect(body.services!.map(pick)).toEqual([
			['export-licence', 3, 2, 1, 0.5, 4.5, 5, 0, { 'service-term': 1 }],
			['import-licence', 1, 1, 1, 1, 8, 8, 2, {}]
		]);
		expect(body.units!.map(pick)).toEqual([
			['U1', 2, 2, 1, 0.5, 4.5, 5, 0, { 'service-term': 1 }],
			['U2', 2, 1, 1, 1, 8, 8, 2, {}]
		]);
		expect(body.officers!.map(pick)).toEqual([
			['sv-aida', 2, 2, 2, 1, 6, 8, 2, {}],
			['sv-bek', 1, 1, 0, 0, 5, 5, 0, { 'service-term': 1 }],
			['', 1, 0, 0, null, null, null, 0, {}]
		]);
	});

	it('this quarter (today 4 May): April plus F', async () => {
		const body = await getJson('sv-head', '/api/v1/supervision/compliance?period=quarter');
		expect(body.period).toEqual({ kind: 'quarter', from: '2026-04-01', to: '2026-06-30' });
		expect(body.services!.map(pick)[0]).toEqual(['export-licence', 4, 3, 2, 2 / 3, 4, 5, 0, { 'service-term': 1 }]);
	});

	it.each([
		[
			`officer`,
			() => `officer=${aida}`,
			[
				['export-licence', 1, 1, 1, 1, 4, 4, 0, {}],
				['import-licence', 1, 1, 1, 1, 8, 8, 2, {}]
			]
		],
		['service', () => 'service=import-licence', [['import-licence', 1, 1, 1, 1, 8, 8, 2, {}]]],
		[
			'unit',
			() => 'unit=U2',
			[
				['export-licence', 1, 0, 0, null, null, null, 0, {}],
				['import-licence', 1, 1, 1, 1, 8, 8, 2, {}]
			]
		],
		[
			'agency (cases consulted with mod)',
			() => 'agency=mod',
			[
				['export-licence', 1, 1, 0, 0, 5, 5, 0, { 'service-term': 1 }],
				['import-licence', 1, 1, 1, 1, 8, 8, 2, {}]
			]
		]
	])('filtered by %s', async (_name, q, expected) => {
		const body = await getJson('sv-supervisor', `/api/v1/supervision/compliance?from=2026-04-01&to=2026-04-30&${q()}`);
		expect(body.services!.map(pick)).toEqual(expected);
	});
});

describe('GET /api/v1/supervision/agencies', () => {
	const agency = (r: Row) => [
		r.agency,
		r.requests,
		r.answeredInTime,
		r.answeredLate,
		r.objections,
		r.deemedApprovals,
		r.pending,
		r.medianResponseWorkingDays
	];
	it('consultations requested in April, per agency', async () => {
		const body = await getJson('sv-supervisor', '/api/v1/supervision/agencies?from=2026-04-01&to=2026-04-30');
		expect(body.agencies!.map(agency)).toEqual([
			['mod', 3, 1, 0, 1, 1, 1, 3],
			['nsc', 2, 1, 1, 1, 0, 0, 6.5]
		]);
	});
	it("one officer's cases and one agency", async () => {
		const body = await getJson(
			'sv-head',
			`/api/v1/supervision/agencies?from=2026-04-01&to=2026-04-30&officer=${aida}&agency=mod`
		);
		expect(body.agencies!.map(agency)).toEqual([['mod', 2, 0, 0, 0, 1, 1, null]]);
	});
});

describe('who may ask, and what is refused', () => {
	it.each([
		['sv-admin', 403],
		['officer', 403]
	])('%s gets %i', async (who, status) => {
		for (const path of ['compliance', 'agencies', 'export?format=csv'])
			expect((await client[who]!.get(`/api/v1/supervision/${path}`)).status).toBe(status);
	});
	it('anonymous gets 401', async () => {
		expect((await new HttpClient(app.url, '10.23.0.3').get('/api/v1/supervision/compliance')).status).toBe(401);
	});
	it.each([
		['from=2026-04-01', 'to'],
		['from=2026-04-30&to=2026-04-01', 'to'],
		['period=fortnight', 'period'],
		['from=2026-02-30&to=2026-03-01', 'from'],
		['officer=abc', 'officer'],
		['colour=red', 'colour'],
		['period=month&period=year', 'period'],
		['period=year&from=2026-01-01&to=2026-01-31', 'period']
	])('%s → 400 naming %s', async (q, field) => {
		const res = await client['sv-supervisor']!.get(`/api/v1/supervision/compliance?${q}`);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { fields: Record<string, string> }).fields).toHaveProperty(field);
	});
});

describe('exports', () => {
	it('XLSX: the period as dates, one sheet per table with Russian headers, numbers as numbers, a frozen header', async () => {
		const res = await client['sv-supervisor']!.get(
			'/api/v1/supervision/export?from=2026-04-01&to=2026-04-30&format=xlsx&lang=ru'
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('spreadsheetml');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		expect(wb.worksheets.map((s) => s.name)).toEqual([
			'Отчёт',
			'Услуги',
			'Подразделения',
			'Исполнители',
			'Органы',
			'Жалобы — органы',
			'Жалобы — подразделения',
			'Жалобы — рассматривающие'
		]);
		const report = wb.getWorksheet('Отчёт')!;
		expect(report.getCell('B1').value).toEqual(new Date('2026-04-01T00:00:00Z'));
		expect(report.getCell('B2').value).toEqual(new Date('2026-04-30T00:00:00Z'));
		// Generated at 06:00 UTC = 11:00 Almaty.
		expect(report.getCell('B3').value).toEqual(new Date('2026-05-04T11:00:00Z'));
		const services = wb.getWorksheet('Услуги')!;
		expect(services.getRow(1).getCell(1).value).toBe('Услуга');
		expect((services.getRow(2).values as unknown[]).slice(1, 10)).toEqual([
			'export-licence',
			3,
			2,
			1,
			0.5,
			4.5,
			5,
			0,
			1
		]);
		expect(services.getRow(2).getCell(5).numFmt).toBe('0.0%');
		expect(services.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(services.getColumn(1).width).toBe(28);
		const officers = wb.getWorksheet('Исполнители')!;
		expect(officers.getRow(4).getCell(1).value).toBe('(нет)');
		const agencies = wb.getWorksheet('Органы')!;
		expect((agencies.getRow(3).values as unknown[]).slice(1)).toEqual(['nsc', 2, 1, 1, 1, 0, 0, 6.5]);
	});

	it('CSV: BOM, ";" with decimal commas, Kazakh headers; each export audited with its period', async () => {
		const res = await client['sv-head']!.get(
			'/api/v1/supervision/export?from=2026-04-01&to=2026-04-30&format=csv&table=units&sep=%3B&lang=kk'
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toBe(
			'attachment; filename="merzim-supervision-2026-04-01_2026-04-30-units.csv"'
		);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
		expect(lines[0]!.split(';')[0]).toBe('Бөлімше');
		expect(lines[1]).toBe('U1;2;2;1;0,5;4,5;5;0;1;service-term: 1');
		const audit = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.stream, 'supervision-export'));
		const after = audit.map((a) => [
			a.actorLabel,
			(a.after as { format: string; table: string; period: Row }).format,
			(a.after as { table: string }).table,
			(a.after as { period: Row }).period.from
		]);
		expect(after).toContainEqual(['sv-head', 'csv', 'units', '2026-04-01']);
		expect(after).toContainEqual(['sv-supervisor', 'xlsx', 'all', '2026-04-01']);
		// The analyses cite no act point and name no report; the register's rows do (ADR-092).
		expect(audit.filter((a) => a.citation !== null || 'report' in (a.after as Row))).toEqual([]);
	});
});
