/**
 * The public calendar API and the admin's calendar overrides, over real HTTP on a real database:
 * answers from the act's rules, 400s naming the parameter, and overrides that are audited and
 * recompute the open deadlines they touch (ADR-002 to ADR-004).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { auditEvents, cases, clocks, organisations } from '../../src/lib/server/db/schema';
import { listCases } from '../../src/lib/server/cases/cases.repository';

let app: TestApp;
let admin: HttpClient;
let anon: HttpClient;
let caseId: string;

beforeAll(async () => {
	app = await startTestApp();
	app.clock.set(new Date('2026-04-07T04:00:00Z'));
	await app.createUser('cal-admin', ['admin']);
	await app.createUser('cal-officer', ['officer']);
	admin = new HttpClient(app.url, '10.4.0.1');
	expect((await admin.signIn('cal-admin', TEST_PASSWORD)).status).toBe(201);
	anon = new HttpClient(app.url, '10.4.0.2');
	// An open export-licence case whose 10-WD consultation clock started on Monday 6 April 2026.
	const [org] = await app.ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Календарь»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const at = new Date('2026-04-06T05:00:00Z');
	const [c] = await app.ctx.db
		.insert(cases)
		.values({
			number: 'EL-2026-CAL',
			service: 'export-licence',
			stage: 'consultation',
			applicantId: org!.id,
			receivedAt: at,
			registeredOn: '2026-04-06',
			application: {},
			createdAt: at,
			updatedAt: at
		})
		.returning();
	caseId = c!.id;
	await app.ctx.db.insert(clocks).values({
		caseId,
		kind: 'consultation',
		subject: 'nsc',
		unit: 'working_days',
		length: 10,
		citation: '001 p.16',
		events: [{ type: 'started', at: at.toISOString() }],
		state: 'running',
		dueAt: new Date('2026-04-20T13:30:00Z')
	});
});
afterAll(() => app.close());

const getJson = async (path: string) => {
	const res = await anon.get(path);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const staffJson = async (path: string) => {
	const res = await admin.get(path);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('public calendar API (no sign-in)', () => {
	it.each([
		// ADR-002 (001 p.14, Annex 1 row 7): before 17:00 on a working day → that day.
		['2026-04-03T16:59:00+05:00', '2026-04-03'],
		// At or after 17:00 → next working day; Friday → Monday.
		['2026-04-03T17:00:00+05:00', '2026-04-06'],
		['2026-04-03T17:30:00+05:00', '2026-04-06'],
		// Saturday, any hour → Monday. The instant may come in UTC.
		['2026-04-04T05:00:00Z', '2026-04-06']
	])('registers an application received at %s on %s', async (received, registeredOn) => {
		expect(await getJson(`/api/v1/calendar/registration?received=${encodeURIComponent(received)}`)).toEqual({
			status: 200,
			body: { registeredOn }
		});
	});

	it('ends a 10-working-day term at 18:30 of the 10th working day after the start day (ADR-003)', async () => {
		expect(await getJson('/api/v1/calendar/deadline?start=2026-04-06&workingDays=10')).toEqual({
			status: 200,
			body: { dueDate: '2026-04-20', due: '2026-04-20T18:30:00+05:00' }
		});
	});

	it('ends a calendar-day term at 23:59:59 of the N-th day', async () => {
		expect(await getJson('/api/v1/calendar/deadline?start=2026-04-06&calendarDays=14')).toEqual({
			status: 200,
			body: { dueDate: '2026-04-20', due: '2026-04-20T23:59:59+05:00' }
		});
	});

	it.each([
		// 6 April 2026 + 12 = Saturday 18 April → Monday 20 April.
		['2026-04-06', 12, '2026-04-20'],
		// 20 March 2026 + 1 = Saturday 21 March, Nauryz rests 21–25 March → Thursday 26 March.
		['2026-03-20', 1, '2026-03-26'],
		// 19 March 2027 + 5 = Wednesday 24 March, carried from Nauryz on Sunday 21 March → Thursday 25 March.
		['2027-03-19', 5, '2027-03-25']
	])(
		'a calendar-day term from %s + %i ending on a non-working day ends on the next working day, %s',
		async (start, n, due) => {
			expect(await getJson(`/api/v1/calendar/deadline?start=${start}&calendarDays=${n}`)).toEqual({
				status: 200,
				body: { dueDate: due, due: `${due}T23:59:59+05:00` }
			});
		}
	);

	it('lists the carried days with the holiday they replace (Labour Code art. 85)', async () => {
		const { body } = await getJson('/api/v1/calendar/2027');
		const days = body.nonWorkingDays as { date: string; kind: string; name: string; carriedFrom?: string }[];
		expect(days.find((d) => d.date === '2027-03-24')).toEqual({
			date: '2027-03-24',
			kind: 'holiday',
			name: 'Nauryz: day off carried over from 21.03.2027 (Labour Code art. 85)',
			carriedFrom: '2027-03-21'
		});
		// Monday 22 and Tuesday 23 March are Nauryz itself, so the application of Tuesday waits for Thursday.
		expect(
			await getJson(`/api/v1/calendar/registration?received=${encodeURIComponent('2027-03-23T10:00:00+05:00')}`)
		).toEqual({
			status: 200,
			body: { registeredOn: '2027-03-25' }
		});
	});

	it('counts working days after `from` up to and including `to`', async () => {
		expect(await getJson('/api/v1/calendar/working-days?from=2026-04-06&to=2026-04-20')).toEqual({
			status: 200,
			body: { workingDays: 10 }
		});
	});

	it('lists a year: weekends and public holidays with names', async () => {
		const { status, body } = await getJson('/api/v1/calendar/2026');
		expect(status).toBe(200);
		const days = body.nonWorkingDays as { date: string; kind: string; name: string }[];
		expect(days).toContainEqual(expect.objectContaining({ date: '2026-04-04', kind: 'weekend' }));
		expect(days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toContain('2026-01-01');
		expect(days.some((d) => d.date === '2026-04-07')).toBe(false);
	});

	it.each([
		['/api/v1/calendar/deadline?start=2026-02-30&workingDays=3', 'start'],
		['/api/v1/calendar/deadline?start=06.04.2026&workingDays=3', 'start'],
		['/api/v1/calendar/deadline?start=2026-04-06&workingDays=-1', 'workingDays'],
		['/api/v1/calendar/deadline?start=2026-04-06&workingDays=3651', 'workingDays'],
		['/api/v1/calendar/deadline?start=2026-04-06&workingDays=2.5', 'workingDays'],
		['/api/v1/calendar/deadline?start=2026-04-06&workingDays=3&calendarDays=3', 'workingDays'],
		['/api/v1/calendar/deadline?start=2026-04-06', 'workingDays'],
		['/api/v1/calendar/deadline?start=2026-04-06&workingdays=3', 'workingdays'],
		['/api/v1/calendar/registration?received=2026-04-03T17:30', 'received'],
		['/api/v1/calendar/registration?received=yesterday', 'received'],
		['/api/v1/calendar/working-days?from=2026-04-06', 'to'],
		['/api/v1/calendar/working-days?from=1999-12-31&to=2026-01-01', 'from'],
		['/api/v1/calendar/1999', 'year'],
		['/api/v1/calendar/2101', 'year'],
		['/api/v1/calendar/2026?x=1', 'x']
	])('answers %s with 400 naming "%s"', async (path, param) => {
		const { status, body } = await getJson(path);
		expect(status).toBe(400);
		expect(body.error).toContain(`"${param}"`);
	});
});

describe('calendar overrides (admin)', () => {
	it('refuses anonymous users with 401 and other roles with 403', async () => {
		const body = { kind: 'day_off', reason: 'Decree 123' };
		expect(
			(
				await anon.request('/api/v1/calendar/overrides/2026-04-10', {
					method: 'PUT',
					body: JSON.stringify(body),
					headers: { 'content-type': 'application/json' }
				})
			).status
		).toBe(401);
		const officer = new HttpClient(app.url, '10.4.0.3');
		await officer.signIn('cal-officer', TEST_PASSWORD);
		expect(
			(
				await officer.request('/api/v1/calendar/overrides/2026-04-10', {
					method: 'PUT',
					body: JSON.stringify(body),
					headers: { 'content-type': 'application/json' }
				})
			).status
		).toBe(403);
	});

	it('validates the body (422) and the date (400)', async () => {
		const put = (date: string, body: unknown) =>
			admin.request(`/api/v1/calendar/overrides/${date}`, {
				method: 'PUT',
				body: JSON.stringify(body),
				headers: { 'content-type': 'application/json' }
			});
		expect((await put('2026-04-10', { kind: 'holiday', reason: 'x y z' })).status).toBe(422);
		expect((await put('2026-04-10', { kind: 'day_off' })).status).toBe(422);
		expect((await put('2026-04-31', { kind: 'day_off', reason: 'Decree 1' })).status).toBe(400);
	});

	it('a day off inside a running term moves its deadline by a day, recomputed from the clock history, and is audited', async () => {
		const put = await admin.request('/api/v1/calendar/overrides/2026-04-10', {
			method: 'PUT',
			body: JSON.stringify({ kind: 'day_off', reason: 'Government decree on a day transfer' }),
			headers: { 'content-type': 'application/json' }
		});
		expect(put.status).toBe(200);
		expect(await put.json()).toMatchObject({ recomputed: { moved: 1, intoBreach: 0, cases: 1 } });
		expect(await getJson('/api/v1/calendar/deadline?start=2026-04-06&workingDays=10')).toMatchObject({
			body: { dueDate: '2026-04-21' }
		});
		const [clock] = await app.ctx.db.select().from(clocks).where(eq(clocks.caseId, caseId));
		expect(clock!.dueAt!.toISOString()).toBe('2026-04-21T13:30:00.000Z');
		const listed = await listCases(app.ctx.db, { limit: 10, offset: 0 });
		expect(listed.rows.find((r) => r.id === caseId)?.nextDueAt?.toISOString()).toBe('2026-04-21T13:30:00.000Z');
		// The override's reason is shown to staff; anonymous callers see only that the day moved.
		const year = await staffJson('/api/v1/calendar/2026');
		expect(year.body.nonWorkingDays).toContainEqual({
			date: '2026-04-10',
			kind: 'override',
			name: 'Government decree on a day transfer'
		});
		const audit = await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.stream, 'calendar'));
		expect(audit.at(-1)).toMatchObject({
			type: 'calendar-override-set',
			actorLabel: 'cal-admin',
			citation: 'LC art. 85',
			after: { moved: 1, override: { date: '2026-04-10', kind: 'day_off' } }
		});
	});

	it('a decreed working Saturday moves the deadline earlier; removing overrides restores it', async () => {
		const put = await admin.request('/api/v1/calendar/overrides/2026-04-11', {
			method: 'PUT',
			body: JSON.stringify({ kind: 'working_day', reason: 'Working Saturday by decree' }),
			headers: { 'content-type': 'application/json' }
		});
		expect(put.status).toBe(200);
		expect(await getJson('/api/v1/calendar/deadline?start=2026-04-06&workingDays=10')).toMatchObject({
			body: { dueDate: '2026-04-20' }
		});
		expect((await staffJson('/api/v1/calendar/2026')).body.workingWeekendDays).toContainEqual({
			date: '2026-04-11',
			reason: 'Working Saturday by decree'
		});
		expect((await admin.request('/api/v1/calendar/overrides/2026-04-10', { method: 'DELETE' })).status).toBe(200);
		expect((await admin.request('/api/v1/calendar/overrides/2026-04-11', { method: 'DELETE' })).status).toBe(200);
		expect(await getJson('/api/v1/calendar/deadline?start=2026-04-06&workingDays=10')).toMatchObject({
			body: { dueDate: '2026-04-20' }
		});
		const [clock] = await app.ctx.db.select().from(clocks).where(eq(clocks.caseId, caseId));
		expect(clock!.dueAt!.toISOString()).toBe('2026-04-20T13:30:00.000Z');
		const types = (await app.ctx.db.select().from(auditEvents).where(eq(auditEvents.stream, 'calendar'))).map(
			(r) => r.type
		);
		expect(types).toEqual([
			'calendar-override-set',
			'calendar-override-set',
			'calendar-override-removed',
			'calendar-override-removed'
		]);
	});

	it('previews a change without making it, counting deadlines moved into breach', async () => {
		// Saturday 18 April, 10:00: a decreed working Saturday on 11 April would make the term end on
		// Friday 17 April, already past — the preview must say so before anyone applies it.
		app.clock.set(new Date('2026-04-18T05:00:00Z'));
		const breach = await app.ctx.calendar.preview({
			date: '2026-04-11',
			override: { kind: 'working_day', reason: 'hypothetical' }
		});
		expect(breach).toEqual({ moved: 1, intoBreach: 1, cases: 1, skipped: 0 });
		app.clock.set(new Date('2026-04-20T10:00:00Z')); // 15:00 on the due day
		const preview = await app.ctx.calendar.preview({
			date: '2026-04-13',
			override: { kind: 'working_day', reason: 'hypothetical' }
		});
		expect(preview).toEqual({ moved: 0, intoBreach: 0, cases: 0, skipped: 0 });
		const closure = await app.ctx.calendar.preview({
			date: '2026-04-20',
			override: { kind: 'day_off', reason: 'hypothetical closure' }
		});
		expect(closure).toEqual({ moved: 1, intoBreach: 0, cases: 1, skipped: 0 });
		const [clock] = await app.ctx.db.select().from(clocks).where(eq(clocks.caseId, caseId));
		expect(clock!.dueAt!.toISOString()).toBe('2026-04-20T13:30:00.000Z');
	});

	it('skips and counts a clock whose stored history is inconsistent, without failing the change', async () => {
		await app.ctx.db.insert(clocks).values({
			caseId,
			kind: 'consultation',
			subject: 'mod',
			unit: 'working_days',
			length: 10,
			citation: '001 p.16',
			events: [{ type: 'resumed', at: '2026-04-08T05:00:00.000Z' }],
			state: 'running',
			dueAt: new Date('2026-04-22T13:30:00Z')
		});
		const summary = await app.ctx.calendar.change(
			{ date: '2026-04-20', override: { kind: 'day_off', reason: 'Closure' } },
			{ userId: null, label: 'test' }
		);
		expect(summary).toEqual({ moved: 1, intoBreach: 0, cases: 1, skipped: 1 });
	});
});
