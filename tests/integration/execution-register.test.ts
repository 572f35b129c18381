/**
 * The register of general-licence execution reports (001 pp.27–28, Annex 4) over real HTTP on a real
 * database (PGlite, or PostgreSQL with DATABASE_URL), on a history counted by hand (no holidays 2–30
 * April 2026; 1 May is one). The report is due 10 WD after the export, the export day being day 0:
 * export 1 April → due 15 April; 6 April → 20 April; 13 April → 27 April; 20 April → 5 May.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { auditEvents, cases, clocks, organisations } from '../../src/lib/server/db/schema';

let app: TestApp;
let supervisor: HttpClient;
/** 10:00 Almaty on a day of a month of 2026. */
const day = (month: number, d: number) =>
	new Date(`2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T05:00:00Z`);
const apr = (d: number) => day(4, d);

beforeAll(async () => {
	app = await startTestApp();
	app.clock.set(apr(29));
	await app.createUser('er-supervisor', ['supervisor']);
	await app.createUser('er-officer', ['officer']);
	supervisor = new HttpClient(app.url, '10.26.1.1');
	expect((await supervisor.signIn('er-supervisor', TEST_PASSWORD)).status).toBe(201);
	const [org] = await app.ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Экспорт»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const report = (exportDate: string, balance: number, at: Date) => ({
		exportDate,
		endUser: 'End user',
		goods: 'Goods',
		quantity: 5,
		balance,
		at: at.toISOString()
	});
	const licence = async (number: string, reports: unknown[], exports: { at: Date; met?: Date }[]) => {
		const [c] = await app.ctx.db
			.insert(cases)
			.values({
				number,
				service: 'general-export-licence',
				stage: 'granted',
				applicantId: org!.id,
				receivedAt: day(2, 2),
				registeredOn: '2026-02-02',
				application: {},
				decidedAt: day(3, 2),
				decision: { outcome: 'granted', documentNumber: `${number}/L`, executionReports: reports },
				createdAt: day(2, 2),
				updatedAt: apr(28)
			})
			.returning();
		for (const e of exports)
			await app.ctx.db.insert(clocks).values({
				caseId: c!.id,
				kind: 'execution-report',
				unit: 'working_days',
				length: 10,
				citation: '001 p.28',
				events: [
					{ type: 'started', at: e.at.toISOString() },
					...(e.met ? [{ type: 'met', at: e.met.toISOString() }] : [])
				],
				state: e.met ? 'met' : 'running'
			});
	};
	await licence(
		'GL-1',
		[report('2026-04-06', 40, apr(17)), report('2026-04-13', 10, apr(28))],
		[
			{ at: apr(6), met: apr(17) },
			{ at: apr(13), met: apr(28) }
		]
	);
	// 25 March is outside April: not in the register of April.
	await licence('GL-2', [], [{ at: apr(1) }, { at: apr(20) }, { at: day(3, 25) }]);
});

afterAll(async () => {
	await app?.close();
});

const PERIOD = 'from=2026-04-01&to=2026-04-30';

describe('GET /api/v1/supervision/execution-reports', () => {
	it('lists each export of the period with its due, state and days left, the open ones first', async () => {
		const res = await supervisor.get(`/api/v1/supervision/execution-reports?${PERIOD}`);
		expect(res.status, await res.clone().text()).toBe(200);
		const body = (await res.json()) as { exports: Record<string, unknown>[]; licences: Record<string, unknown>[] };
		expect(
			body.exports.map((r) => [r.caseNumber, r.licence, r.exportDate, r.dueDate, r.state, r.workingDaysLeft])
		).toEqual([
			['GL-2', 'GL-2/L', '2026-04-01', '2026-04-15', 'missing', -9],
			['GL-2', 'GL-2/L', '2026-04-20', '2026-05-05', 'awaited', 3],
			['GL-1', 'GL-1/L', '2026-04-06', '2026-04-20', 'received', null],
			['GL-1', 'GL-1/L', '2026-04-13', '2026-04-27', 'received-late', null]
		]);
		expect(
			body.licences.map((l) => [l.caseNumber, l.exports, l.received, l.late, l.missing, l.awaited, l.balance])
		).toEqual([
			['GL-2', 2, 0, 0, 1, 1, null],
			['GL-1', 2, 1, 1, 0, 0, 10]
		]);
	});

	it('shows the same rows on the supervisor page, a table each for licences and exports', async () => {
		const html = await (await supervisor.get(`/supervisor/execution-reports?${PERIOD}`)).text();
		const cells = (testid: string) => {
			const table = html.match(new RegExp(`<table[^>]*data-testid="${testid}"[^>]*>([\\s\\S]*?)</table>`))![1]!;
			return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
				[...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]*>/g, '').trim())
			);
		};
		const licences = cells('report-reg-licences');
		expect(licences[0]).toHaveLength(9);
		// Case, then exports, received, late, missing, awaited, balance.
		expect(licences.slice(1).map((r) => [r[0], ...r.slice(3)])).toEqual([
			['GL-2', '2', '0', '0', '1', '1', '—'],
			['GL-1', '2', '1', '1', '0', '0', '10']
		]);
		const exports = cells('report-reg-exports');
		expect(exports[0]).toHaveLength(8);
		// Case, export date, due, and the working days left.
		expect(exports.slice(1).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
			['GL-2', '2026-04-01', '2026-04-15', '-9'],
			['GL-2', '2026-04-20', '2026-05-05', '3'],
			['GL-1', '2026-04-06', '2026-04-20', '—'],
			['GL-1', '2026-04-13', '2026-04-27', '—']
		]);
	});

	it('exports XLSX with real dates and numbers, and CSV with ";", each audited (001 pp.27–28)', async () => {
		const res = await supervisor.get(`/api/v1/supervision/execution-reports/export?${PERIOD}&format=xlsx&lang=ru`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toBe(
			'attachment; filename="merzim-execution-reports-2026-04-01_2026-04-30.xlsx"'
		);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const sheet = wb.getWorksheet('По экспортам')!;
		expect(sheet.getRow(1).getCell(4).value).toBe('Дата экспорта');
		const first = sheet.getRow(2).values as unknown[];
		expect(first.slice(1, 7)).toEqual([
			'GL-2',
			'GL-2/L',
			'ТОО «Экспорт»',
			new Date('2026-04-01T00:00:00Z'),
			new Date('2026-04-15T00:00:00Z'),
			'Не представлен (срок истёк)'
		]);
		expect(first[7]).toBe(-9);
		expect((wb.getWorksheet('По лицензиям')!.getRow(3).values as unknown[]).slice(1, 10)).toEqual([
			'GL-1',
			'GL-1/L',
			'ТОО «Экспорт»',
			2,
			1,
			1,
			0,
			0,
			10
		]);
		const csv = await supervisor.get(
			`/api/v1/supervision/execution-reports/export?${PERIOD}&format=csv&table=licences&sep=;&lang=en`
		);
		// The BOM is kept for Excel: read the bytes, not `text()`, which drops it.
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
		expect(text.startsWith('\uFEFFCase;Licence;Exporter;Exports;')).toBe(true);
		expect(text).toContain('GL-1;GL-1/L;ТОО «Экспорт»;2;1;1;0;0;10;2026-04-28 10:00\r\n');
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toContain('-2026-04-01_2026-04-30-licences.csv"');
		// A table the register has not: refused naming it, and not audited.
		const wrong = await supervisor.get(`/api/v1/supervision/execution-reports/export?${PERIOD}&format=csv&table=units`);
		expect(wrong.status).toBe(400);
		expect(((await wrong.json()) as { fields: object }).fields).toEqual({
			table: { code: 'not-in-list', message: expect.any(String) }
		});
		const audits = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.stream, 'supervision-export'));
		expect(audits.map((a) => (a.after as { format: string }).format)).toEqual(['xlsx', 'csv']);
		expect(audits.map((a) => [(a.after as { report: string }).report, (a.after as { table: string }).table])).toEqual([
			['execution-register', 'all'],
			['execution-register', 'licences']
		]);
		expect(audits.every((a) => a.citation === '001 pp.27–28')).toBe(true);
	});

	it('is refused to an officer (supervision:analyse)', async () => {
		const officer = new HttpClient(app.url, '10.26.1.2');
		expect((await officer.signIn('er-officer', TEST_PASSWORD)).status).toBe(201);
		expect((await officer.get(`/api/v1/supervision/execution-reports?${PERIOD}`)).status).toBe(403);
	});
});
