/**
 * The monthly device list of 004 P 11 over real HTTP on a real database (PGlite, or PostgreSQL with
 * DATABASE_URL): a malformed file is refused with each row and column at fault and nothing is
 * written; a good one is stored whole; only officers and heads (004 P 14–15); and the reminder for
 * a list missing past its due (end of the 5th, the next working day when the 5th is off) is
 * recorded once — not again on a second sweep, nor by a new process (a fresh reminder job).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { auditEvents, deviceListReminders, deviceListRows, deviceLists } from '../../src/lib/server/db/schema';
import { createDeviceListReminder } from '../../src/lib/server/devices/device-list-reminder';

let app: TestApp;
let officer: HttpClient;
let supervisor: HttpClient;

// Luhn-valid IMEIs.
const A = '490154203237518';
const B = '356938035643809';
const C = '352099001761481';

async function xlsx(rows: (string | number | null)[][]): Promise<Blob> {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet('Тізім');
	for (const r of rows) sheet.addRow(r);
	const buf = await wb.xlsx.writeBuffer();
	return new Blob([buf]);
}

function upload(client: HttpClient, file: Blob, fields: Record<string, string>) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	form.set('file', file, 'list.xlsx');
	return client.request('/api/v1/device-lists', { method: 'POST', body: form });
}

const HEADER = ['ID өтінімдер', 'Кеден рәсімінің коды', 'IMEI'];
const fields = (month: string) => ({
	reportingMonth: month,
	receivedAt: '2026-05-04T10:00',
	coverLetter: '№ 12-ҚПҮ, 04.05.2026'
});

beforeAll(async () => {
	app = await startTestApp();
	app.clock.set(new Date('2026-05-06T05:00:00Z')); // Wednesday 6 May 2026, 10:00 Almaty
	await app.createUser('dl-officer', ['officer']);
	await app.createUser('dl-supervisor', ['supervisor']);
	officer = new HttpClient(app.url, '10.24.1.1');
	supervisor = new HttpClient(app.url, '10.24.1.2');
	expect((await officer.signIn('dl-officer', TEST_PASSWORD)).status).toBe(201);
	expect((await supervisor.signIn('dl-supervisor', TEST_PASSWORD)).status).toBe(201);
});

afterAll(async () => {
	await app?.close();
});

const stored = async () => ({
	lists: Number((await app.ctx.db.select({ n: count() }).from(deviceLists))[0]!.n),
	rows: Number((await app.ctx.db.select({ n: count() }).from(deviceListRows))[0]!.n)
});

describe('POST /api/v1/device-lists (004 P 11, App. 2)', () => {
	it('refuses a malformed file with every row and column at fault, and writes nothing', async () => {
		const file = await xlsx([
			HEADER,
			['APP-1', '40', A],
			['APP-2', '41', B],
			['APP-3', '60', '49015420323751'],
			['APP-4', '53', A]
		]);
		const res = await upload(officer, file, fields('2026-04'));
		expect(res.status).toBe(422);
		const body = (await res.json()) as { faults: unknown[]; faultCount: number };
		expect(body.faultCount).toBe(3);
		expect(body.faults).toEqual([
			{ row: 3, column: 'B', code: 'procedure', value: '41' },
			{ row: 4, column: 'C', code: 'imei-format', value: '…3751' },
			{ row: 5, column: 'C', code: 'imei-duplicate', value: '…7518', firstRow: 2 }
		]);
		expect(await stored()).toEqual({ lists: 0, rows: 0 });
	});

	it('refuses a file that is not a workbook, and a wrong header, by row and column', async () => {
		const notXlsx = await upload(officer, new Blob(['IMEI;40\n']), fields('2026-04'));
		expect(notXlsx.status).toBe(422);
		expect(((await notXlsx.json()) as { faults: unknown[] }).faults).toEqual([
			{ row: 0, column: null, code: 'not-xlsx', value: null }
		]);
		const header = await upload(
			officer,
			await xlsx([
				['ID', 'Код', 'IMEI'],
				['APP-1', '40', A]
			]),
			fields('2026-04')
		);
		expect(((await header.json()) as { faults: unknown[] }).faults).toEqual([
			{ row: 1, column: 'A', code: 'header', value: 'id' },
			{ row: 1, column: 'B', code: 'header', value: 'код' }
		]);
		expect(await stored()).toEqual({ lists: 0, rows: 0 });
	});

	it('stores a good list whole, audited without IMEIs; a second list for the month is 409', async () => {
		const file = await xlsx([
			HEADER,
			['APP-1', '40', A],
			['APP-2', 53, Number(B)],
			[null, null, null],
			['APP-3', '94', C]
		]);
		const res = await upload(officer, file, fields('2026-04'));
		expect(res.status, await res.clone().text()).toBe(201);
		expect(await res.json()).toMatchObject({ reportingMonth: '2026-04', rows: 3, state: 'received-on-time' });
		expect(await stored()).toEqual({ lists: 1, rows: 3 });
		const rows = await app.ctx.db.select().from(deviceListRows).orderBy(deviceListRows.rowNo);
		expect(rows.map((r) => [r.rowNo, r.applicationId, r.procedureCode, r.imei])).toEqual([
			[2, 'APP-1', '40', A],
			[3, 'APP-2', '53', B],
			[5, 'APP-3', '94', C]
		]);
		const [audit] = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.type, 'device-list.imported'));
		expect(audit!.citation).toBe('004 P 11');
		expect(JSON.stringify(audit!.after)).not.toContain(A);
		expect((await upload(officer, file, fields('2026-04'))).status).toBe(409);
	});

	it('refuses a month not yet ended, and a supervisor altogether (004 P 14–15)', async () => {
		const file = await xlsx([HEADER, ['APP-1', '40', A]]);
		expect((await upload(officer, file, fields('2026-05'))).status).toBe(422);
		expect((await upload(supervisor, file, fields('2026-03'))).status).toBe(403);
		expect((await supervisor.get('/api/v1/device-lists')).status).toBe(403);
	});
});

describe('the monthly reminder (004 P 11, ADR-093)', () => {
	it('lists each month with its due and state; April received, March overdue', async () => {
		const res = await officer.get('/api/v1/device-lists');
		const months = ((await res.json()) as { months: { reportingMonth: string; dueDate: string; state: string }[] })
			.months;
		expect(months.slice(0, 2).map((m) => [m.reportingMonth, m.dueDate, m.state])).toEqual([
			['2026-04', '2026-05-05', 'received-on-time'],
			// 5 April 2026 is a Sunday: due Monday 6 April.
			['2026-03', '2026-04-06', 'overdue']
		]);
	});

	it('records one reminder per missing month, not again on a second sweep or from a new process', async () => {
		// The server's job swept at start; sweep again here, then as a second process would.
		await app.ctx.deviceListReminder.sweep();
		await app.ctx.deviceListReminder.sweep();
		const other = createDeviceListReminder({ db: app.ctx.db, clock: app.clock, calendar: app.ctx.calendar });
		expect(await other.sweep()).toEqual([]);
		// The job's first sweep may have run on the test's starting clock (2 March): older months too.
		const recent = (m: string) => m >= '2026-02';
		const reminders = await app.ctx.db.select().from(deviceListReminders).orderBy(deviceListReminders.reportingMonth);
		// February (due 5 March) and March (due 6 April) are missing; April arrived.
		expect(reminders.map((r) => r.reportingMonth).filter(recent)).toEqual(['2026-02', '2026-03']);
		const audits = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.type, 'device-list.reminder'));
		const months = audits.map((a) => (a.after as { reportingMonth: string }).reportingMonth);
		expect(months.filter(recent).sort()).toEqual(['2026-02', '2026-03']);
		expect(new Set(months).size).toBe(months.length);
	});
});
