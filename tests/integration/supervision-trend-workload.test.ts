/**
 * The agency trend per month and the workload "as of" a past instant over real HTTP on a real
 * database (PGlite, or PostgreSQL with DATABASE_URL). The workload is replayed from the case events
 * (assignments and stages) written through the same audit chain the desk uses; every answer is
 * counted by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { cases, consultations, organisations } from '../../src/lib/server/db/schema';
import { appendCaseEvents } from '../../src/lib/server/audit/audit.repository';

let app: TestApp;
let supervisor: HttpClient;
let officer: HttpClient;
let aida: number;
let bek: number;

/** 10:00 Almaty on a 2026 date. */
const on = (date: string) => new Date(`${date}T05:00:00Z`);
const due = (date: string) => new Date(`${date}T13:30:00Z`);

beforeAll(async () => {
	app = await startTestApp();
	app.clock.set(on('2026-05-20'));
	aida = await app.createUser('tw-aida', ['officer']);
	bek = await app.createUser('tw-bek', ['officer']);
	await app.createUser('tw-supervisor', ['supervisor']);
	supervisor = new HttpClient(app.url, '10.23.2.1');
	expect((await supervisor.signIn('tw-supervisor', TEST_PASSWORD)).status).toBe(201);
	officer = new HttpClient(app.url, '10.23.2.2');
	expect((await officer.signIn('tw-aida', TEST_PASSWORD)).status).toBe(201);
	const [org] = await app.ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Жүктеме»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const insert = async (
		number: string,
		created: string,
		decided: string | null,
		unit: string,
		assigneeId: number | null
	) => {
		const [c] = await app.ctx.db
			.insert(cases)
			.values({
				number,
				service: 'export-licence',
				stage: decided ? 'decided' : 'review',
				applicantId: org!.id,
				assigneeId,
				unit,
				receivedAt: on(created),
				registeredOn: created,
				application: {},
				decidedAt: decided ? on(decided) : null,
				createdAt: on(created),
				updatedAt: on(created)
			})
			.returning();
		return c!.id;
	};
	const ev = (type: string, date: string, after: Record<string, unknown>) => ({
		type,
		actor: { userId: null, label: 'test' },
		at: on(date),
		after
	});
	// W1: registered 1 April, Aida on 2 April, review from 3 April, Bek from 10 April, decided 20 April.
	const w1 = await insert('TW-1', '2026-04-01', '2026-04-20', 'U1', bek);
	await appendCaseEvents(app.ctx.db, w1, [
		ev('case:created', '2026-04-01', { stage: 'completeness' }),
		ev('case:assigned', '2026-04-02', { assigneeId: aida }),
		ev('completeness:confirmed', '2026-04-03', { stage: 'review' }),
		ev('case:assigned', '2026-04-10', { assigneeId: bek }),
		ev('case:decided', '2026-04-20', { stage: 'decided' })
	]);
	// W2: registered 5 April with no events (an import): Aida's, in review, throughout.
	await insert('TW-2', '2026-04-05', null, 'U2', aida);
	// W3: registered 12 April, never assigned, completeness.
	const w3 = await insert('TW-3', '2026-04-12', null, 'U1', null);
	await appendCaseEvents(app.ctx.db, w3, [ev('case:created', '2026-04-12', { stage: 'completeness' })]);
	// Consultations of W1: two in April (approved day 2, in time; silence), one in May (objected late).
	await app.ctx.db.insert(consultations).values([
		{
			caseId: w1,
			agencyCode: 'nsc',
			requestedAt: on('2026-04-06'),
			dueAt: due('2026-04-20'),
			answeredAt: on('2026-04-08'),
			decision: 'approve'
		},
		{
			caseId: w1,
			agencyCode: 'mod',
			requestedAt: on('2026-04-07'),
			dueAt: due('2026-04-21'),
			answeredAt: null,
			decision: 'deemed_approved'
		},
		// 4 May → 20 May: 10 WD (7 May a holiday; Victory Day, Sat 9 May, carried to Mon 11: 5, 6, 8, 12–15, 18–20).
		{
			caseId: w1,
			agencyCode: 'nsc',
			requestedAt: on('2026-05-04'),
			dueAt: due('2026-05-19'),
			answeredAt: on('2026-05-20'),
			decision: 'object'
		}
	]);
});

afterAll(async () => {
	await app?.close();
});

async function get(path: string, client = supervisor) {
	const res = await client.get(path);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/v1/supervision/agency-trend', () => {
	it('one row per month of the quarter, counted by hand', async () => {
		const { status, body } = await get('/api/v1/supervision/agency-trend?period=quarter');
		expect(status).toBe(200);
		const months = body.months as Record<string, unknown>[];
		expect(
			months.map((r) => [
				r.month,
				r.requests,
				r.answeredInTime,
				r.answeredLate,
				r.objections,
				r.deemedApprovals,
				r.medianResponseWorkingDays
			])
		).toEqual([
			['2026-04', 2, 1, 0, 0, 1, 2],
			['2026-05', 1, 0, 1, 1, 0, 10],
			['2026-06', 0, 0, 0, 0, 0, null]
		]);
	});

	it('the agency filter narrows every month', async () => {
		const { body } = await get('/api/v1/supervision/agency-trend?period=quarter&agency=mod');
		expect((body.months as Record<string, unknown>[]).map((r) => [r.month, r.requests])).toEqual([
			['2026-04', 1],
			['2026-05', 0],
			['2026-06', 0]
		]);
	});
});

describe('GET /api/v1/supervision/workload', () => {
	const counts = (rows: unknown) => (rows as { key: string; open: number }[]).map((r) => [r.key, r.open]);

	it.each([
		// End of 8 April: W1 Aida's in review, W2 Aida's (import) — 2 open, both Aida's.
		['2026-04-08', 2, () => [[String(aida), 2]], [['review', 2]]],
		// End of 15 April: W1 Bek's, W2 Aida's, W3 unassigned in completeness.
		[
			'2026-04-15',
			3,
			() => [
				[String(aida), 1],
				[String(bek), 1],
				['', 1]
			],
			[
				['review', 2],
				['completeness', 1]
			]
		],
		// End of 20 April: W1 decided at 10:00.
		[
			'2026-04-20',
			2,
			() => [
				[String(aida), 1],
				['', 1]
			],
			[
				['completeness', 1],
				['review', 1]
			]
		],
		// 09:00 on 2 April (an instant): W1 registered, not yet assigned.
		['2026-04-02T09:00+05:00', 1, () => [['', 1]], [['completeness', 1]]]
	])('as of %s: %s open', async (at, total, officers, stages) => {
		const { status, body } = await get(`/api/v1/supervision/workload?at=${encodeURIComponent(at)}`);
		expect(status, JSON.stringify(body)).toBe(200);
		const w = body.workload as Record<string, unknown>;
		expect([w.total, counts(w.officers), counts(w.stages)]).toEqual([total, officers(), stages]);
	});

	it('the officer filter is the officer as of then', async () => {
		const { body } = await get(`/api/v1/supervision/workload?at=2026-04-08&officer=${bek}`);
		expect((body.workload as Record<string, unknown>).total).toBe(0);
	});

	it('refuses the future and a malformed date, naming "at"; officers may not ask', async () => {
		expect((await get('/api/v1/supervision/workload?at=2026-06-01')).body).toMatchObject({
			fields: { at: { code: 'in-the-future' } }
		});
		expect((await get('/api/v1/supervision/workload?at=tomorrow')).status).toBe(400);
		expect((await get('/api/v1/supervision/workload', officer)).status).toBe(403);
	});
});
