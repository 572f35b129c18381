/**
 * Complaint compliance over real HTTP on a real database (PGlite, or PostgreSQL with DATABASE_URL):
 * complaints decided in April 2026 (no public holidays from 6 to 28 April), each counted by hand.
 * The Committee reviews in 5 WD (001 p.24(1)), the quality-control body in 15 WD (001 p.24(2)),
 * either extended once by at most 10 WD (001 p.25). Start day = day 0 (ADR-003).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { cases, clocks, organisations } from '../../src/lib/server/db/schema';

let app: TestApp;
let supervisor: HttpClient;
let dana: number;
let erlan: number;

const at = (iso: string) => new Date(iso);
/** 10:00 Almaty on an April 2026 day. */
const apr = (day: number) => at(`2026-04-${String(day).padStart(2, '0')}T05:00:00Z`);

interface Complaint {
	number: string;
	of: string | null;
	unit: string;
	decidedBy: number | null;
	decidedAt: Date | null;
	body: 'provider' | 'quality-body';
	events: { type: string; at: Date; [k: string]: unknown }[];
}

beforeAll(async () => {
	app = await startTestApp();
	app.clock.set(at('2026-05-04T06:00:00Z'));
	dana = await app.createUser('svc-dana', ['complaint_reviewer']);
	erlan = await app.createUser('svc-erlan', ['complaint_reviewer']);
	await app.createUser('svc-supervisor', ['supervisor']);
	supervisor = new HttpClient(app.url, '10.23.1.1');
	expect((await supervisor.signIn('svc-supervisor', TEST_PASSWORD)).status).toBe(201);
	const [org] = await app.ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Шағым»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const insertCase = async (number: string, service: string, extra: Partial<typeof cases.$inferInsert>) => {
		const [c] = await app.ctx.db
			.insert(cases)
			.values({
				number,
				service,
				stage: extra.decidedAt ? 'complaint-decided' : 'complaint-review',
				applicantId: org!.id,
				receivedAt: apr(1),
				registeredOn: '2026-04-01',
				application: {},
				createdAt: apr(1),
				updatedAt: apr(1),
				...extra
			})
			.returning();
		return c!.id;
	};
	const exportCase = await insertCase('SVC-EXP', 'export-licence', { decidedAt: at('2026-03-20T05:00:00Z') });
	const importCase = await insertCase('SVC-IMP', 'import-licence', { decidedAt: at('2026-03-20T05:00:00Z') });
	const started = (d: Date) => ({ type: 'started', at: d });
	const met = (d: Date) => ({ type: 'met', at: d });
	const complaints: Complaint[] = [
		// P1: Committee, 6 → 10 April: 4 WD of 5, in time.
		{
			number: 'SVC-P1',
			of: exportCase,
			unit: 'U1',
			decidedBy: dana,
			decidedAt: apr(10),
			body: 'provider',
			events: [started(apr(6)), met(apr(10))]
		},
		// P2: Committee, due 13 April, decided 14: late, 6 WD.
		{
			number: 'SVC-P2',
			of: exportCase,
			unit: 'U1',
			decidedBy: erlan,
			decidedAt: apr(14),
			body: 'provider',
			events: [started(apr(6)), met(apr(14))]
		},
		// P3: Committee, extended on 9 April by 10 WD → due 27; decided 22: in time, extended, 12 WD.
		{
			number: 'SVC-P3',
			of: importCase,
			unit: 'U2',
			decidedBy: dana,
			decidedAt: apr(22),
			body: 'provider',
			events: [started(apr(6)), { type: 'extended', at: apr(9), by: 10, citation: '001 p.25 para 1' }, met(apr(22))]
		},
		// Q1: quality body, registered 7 April, due 28; decided 24: in time, 13 WD.
		{
			number: 'SVC-Q1',
			of: importCase,
			unit: 'U2',
			decidedBy: erlan,
			decidedAt: apr(24),
			body: 'quality-body',
			events: [started(apr(7)), met(apr(24))]
		},
		// M: decided 4 May: outside April.
		{
			number: 'SVC-M',
			of: exportCase,
			unit: 'U1',
			decidedBy: dana,
			decidedAt: at('2026-05-04T04:00:00Z'),
			body: 'provider',
			events: [started(apr(28)), met(at('2026-05-04T04:00:00Z'))]
		},
		// O: still open: not decided, not counted.
		{
			number: 'SVC-O',
			of: exportCase,
			unit: 'U1',
			decidedBy: null,
			decidedAt: null,
			body: 'provider',
			events: [started(apr(27))]
		}
	];
	for (const c of complaints) {
		const id = await insertCase(c.number, 'complaint', {
			unit: c.unit,
			decidedBy: c.decidedBy,
			assigneeId: c.decidedBy,
			decidedAt: c.decidedAt,
			complaintOf: c.of
		});
		await app.ctx.db.insert(clocks).values({
			caseId: id,
			kind: 'complaint-review',
			subject: c.body,
			unit: 'working_days',
			length: c.body === 'provider' ? 5 : 15,
			citation: '001 p.24',
			events: c.events.map((e) => ({ ...e, at: e.at.toISOString() })),
			state: c.decidedAt ? 'met' : 'running'
		});
	}
});

afterAll(async () => {
	await app?.close();
});

type Row = Record<string, unknown>;
const pick = (r: Row) => [
	r.key,
	r.decided,
	r.inTime,
	r.late,
	r.inTimeShare,
	r.extended,
	r.medianWorkingDays,
	r.p90WorkingDays
];

async function complaints(query: string) {
	const res = await supervisor.get(`/api/v1/supervision/complaints?${query}`);
	expect(res.status, await res.clone().text()).toBe(200);
	return ((await res.json()) as { complaints: Record<string, Row[]> }).complaints;
}

describe('GET /api/v1/supervision/complaints', () => {
	it('April, by body, unit and reviewer, counted by hand', async () => {
		const t = await complaints('from=2026-04-01&to=2026-04-30');
		expect(t.bodies!.map(pick)).toEqual([
			['provider', 3, 2, 1, 2 / 3, 1, 6, 12],
			['quality-body', 1, 1, 0, 1, 0, 13, 13]
		]);
		expect(t.units!.map(pick)).toEqual([
			['U1', 2, 1, 1, 0.5, 0, 5, 6],
			['U2', 2, 2, 0, 1, 1, 12.5, 13]
		]);
		expect(t.reviewers!.map((r) => [r.label, ...pick(r).slice(1)])).toEqual([
			['svc-dana', 2, 2, 0, 1, 1, 8, 12],
			['svc-erlan', 2, 1, 1, 0.5, 0, 9.5, 13]
		]);
	});

	it('the service filter keeps complaints about cases of that service; the officer filter, a reviewer', async () => {
		const byService = await complaints('from=2026-04-01&to=2026-04-30&service=import-licence');
		expect(byService.bodies!.map(pick)).toEqual([
			['provider', 1, 1, 0, 1, 1, 12, 12],
			['quality-body', 1, 1, 0, 1, 0, 13, 13]
		]);
		const byReviewer = await complaints(`from=2026-04-01&to=2026-04-30&officer=${erlan}`);
		expect(byReviewer.bodies!.map((r) => [r.key, r.decided])).toEqual([
			['provider', 1],
			['quality-body', 1]
		]);
	});

	it('the XLSX carries the complaint sheets with the bodies named in Russian', async () => {
		const res = await supervisor.get('/api/v1/supervision/export?from=2026-04-01&to=2026-04-30&format=xlsx&lang=ru');
		expect(res.status).toBe(200);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const sheet = wb.getWorksheet('Жалобы — органы')!;
		expect(sheet.getRow(1).getCell(1).value).toBe('Рассматривающий орган');
		expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['Комитет (5 РД)', 3, 3, 2, 1, 2 / 3, 1, 6, 12]);
		expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
			'Орган контроля качества (15 РД)',
			1,
			1,
			1,
			0,
			1,
			0,
			13,
			13
		]);
	});
});
