/**
 * The supervision PDF report (ADR-091) over real HTTP on the demo's history (PGlite, or PostgreSQL
 * with DATABASE_URL): for the same period, filters and `at`, every figure of the JSON API —
 * compliance, agencies, their months, complaints, workload — is in the PDF's text, row by row; the
 * PDF is tagged (poppler says so), titled in the reader's language, and refused to an officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { pdfinfo, pdftotext } from '../helpers/pdf-tools';
import { seedDemoIfWanted } from '../../src/lib/server/demo/seed';

let app: TestApp;
let supervisor: HttpClient;
const NOW = new Date('2026-11-23T06:00:00Z');
const QUERY = 'period=quarter&at=2026-11-20';

beforeAll(async () => {
	app = await startTestApp();
	app.clock.set(NOW);
	expect(await seedDemoIfWanted(app.ctx, { requested: true })).toMatchObject({ status: 'seeded' });
	await app.createUser('rp-supervisor', ['supervisor']);
	await app.createUser('rp-officer', ['officer']);
	supervisor = new HttpClient(app.url, '10.25.1.1');
	expect((await supervisor.signIn('rp-supervisor', TEST_PASSWORD)).status).toBe(201);
}, 600_000);

afterAll(async () => {
	await app?.close();
});

type Row = Record<string, number | string | null>;
const pct = (v: number | string | null | undefined) =>
	v === null || v === undefined ? '—' : `${Math.round(Number(v) * 1000) / 10}%`;
const num = (v: number | string | null | undefined) => (v === null || v === undefined ? '—' : String(v));
/** The cells of a row, in order, separated by the layout's spaces only. */
const line = (cells: string[]) => new RegExp(cells.map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s+'));

async function api<T>(path: string): Promise<T> {
	const res = await supervisor.get(`/api/v1/supervision/${path}?${QUERY.replace('&at=2026-11-20', '')}`);
	expect(res.status, await res.clone().text()).toBe(200);
	return (await res.json()) as T;
}

describe('GET /api/v1/supervision/report', () => {
	let text: string;
	let pdf: Uint8Array;

	beforeAll(async () => {
		const res = await supervisor.get(`/api/v1/supervision/report?${QUERY}`);
		expect(res.status, await res.clone().text()).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		pdf = new Uint8Array(await res.arrayBuffer());
		text = await pdftotext(pdf, true);
	}, 120_000);

	it('is a tagged PDF (PDF/UA structure, ADR-064)', async () => {
		expect((await pdfinfo(pdf)).tagged).toBe(true);
	});

	it('holds every compliance row of the JSON API, figure by figure', async () => {
		const c = await api<{ services: Row[]; units: Row[]; officers: Row[] }>('compliance');
		const rows = [...c.services, ...c.units, ...c.officers];
		expect(rows.length).toBeGreaterThan(3);
		expect(rows.reduce((a, r) => a + Number(r.decided), 0)).toBeGreaterThan(0);
		for (const r of rows)
			expect(text).toMatch(
				line([
					String(r.decided),
					`${r.withinTerm}/${r.withTerm}`,
					pct(r.withinTermShare),
					num(r.medianWorkingDays),
					num(r.p90WorkingDays),
					String(r.suspendedWorkingDays),
					String(r.breachTotal)
				])
			);
		for (const r of c.officers.filter((o) => o.key !== '')) expect(text).toContain(String(r.label));
	});

	it('holds the agencies, their months and the complaints as the API gives them', async () => {
		const { agencies } = await api<{ agencies: Row[] }>('agencies');
		const { months } = await api<{ months: Row[] }>('agency-trend');
		const cells = (r: Row) => [
			String(r.requests),
			String(r.answeredInTime),
			String(r.answeredLate),
			String(r.objections),
			String(r.deemedApprovals),
			String(r.pending),
			num(r.medianResponseWorkingDays)
		];
		expect(agencies.length).toBeGreaterThan(0);
		for (const a of agencies) expect(text).toMatch(line(cells(a)));
		for (const mo of months) expect(text).toMatch(line([String(mo.month), ...cells(mo)]));
		const { complaints } = await api<{ complaints: Record<string, Row[]> }>('complaints');
		const all = [...complaints.bodies!, ...complaints.units!, ...complaints.reviewers!];
		for (const r of all)
			expect(text).toMatch(
				line([
					String(r.decided),
					String(r.inTime),
					String(r.late),
					pct(r.inTimeShare),
					String(r.extended),
					num(r.medianWorkingDays),
					num(r.p90WorkingDays)
				])
			);
	});

	it('holds the workload as of the same instant', async () => {
		const res = await supervisor.get('/api/v1/supervision/workload?at=2026-11-20');
		const { workload } = (await res.json()) as {
			workload: { total: number; officers: { key: string; open: number }[]; officerNames: Record<string, string> };
		};
		expect(workload.total).toBeGreaterThan(0);
		expect(text).toContain(`: ${workload.total}`);
		for (const o of workload.officers.filter((x) => x.key !== ''))
			expect(text).toMatch(line([workload.officerNames[o.key]!, String(o.open)]));
	});

	it('is written in the reader language (kk, ru)', async () => {
		for (const [locale, title] of [
			['ru', 'Отчёт контроля'],
			['kk', 'Бақылау есебі']
		] as const) {
			supervisor.cookies.set('PARAGLIDE_LOCALE', locale);
			const res = await supervisor.get(`/api/v1/supervision/report?${QUERY}`);
			const bytes = new Uint8Array(await res.arrayBuffer());
			expect(await pdftotext(bytes)).toContain(title);
			expect((await pdfinfo(bytes)).out).toMatch(new RegExp(`Title:\\s+${title}`));
		}
		supervisor.cookies.delete('PARAGLIDE_LOCALE');
	});

	it('is refused to an officer', async () => {
		const officer = new HttpClient(app.url, '10.25.1.2');
		expect((await officer.signIn('rp-officer', TEST_PASSWORD)).status).toBe(201);
		expect((await officer.get(`/api/v1/supervision/report?${QUERY}`)).status).toBe(403);
	});
});
