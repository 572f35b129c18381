/**
 * Every procedure end to end over real HTTP, on PGlite and on PostgreSQL, with the simulated clock:
 * the portal submits, officers act, agencies and the MFA answer with their tokens, the scheduler
 * records deemed approvals and breaches. Points of the acts are cited where they are checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { annex1Application } from '../helpers/import-application';
import { caseEvents, cases, idempotencyKeys } from '../../src/lib/server/db/schema';
import { createCalendar } from '../../src/lib/domain/calendar';
import { thermalImagingModule } from '../helpers/goods-lines';

let app: TestApp;
const staff: Record<string, HttpClient> = {};
const tokens: Record<string, string> = {};
const calendar = createCalendar({});
let seq = 0;

// Monday 2 March 2026, 09:00 Almaty (the test app's clock starts there).
const START = '2026-03-02T04:00:00.000Z';

async function signedIn(
	username: string,
	roles: Parameters<TestApp['createUser']>[1],
	extra: { agencyCode?: string } = {}
) {
	if (roles.length) await app.createUser(username, roles, extra);
	const c = new HttpClient(app.url, `10.9.0.${++seq}`);
	expect((await c.signIn(username, TEST_PASSWORD)).status).toBe(201);
	staff[username] = c;
	return c;
}

const bearer = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });
const api = new (class {
	post(path: string, body: unknown, headers: Record<string, string>) {
		return fetch(app.url + path, {
			method: 'POST',
			body: JSON.stringify(body),
			headers: { 'content-type': 'application/json', ...headers }
		});
	}
	get(path: string, headers: Record<string, string>) {
		return fetch(app.url + path, { headers });
	}
})();

async function moveClock(iso: string) {
	const res = await staff.admin!.postJson('/api/v1/admin/clock', { now: iso });
	expect(res.status).toBe(200);
	// Weeks of simulated time expire the sessions (30 min idle): everyone signs in again.
	for (const [username, client] of Object.entries(staff)) {
		client.cookies.clear();
		expect((await client.signIn(username, TEST_PASSWORD)).status).toBe(201);
	}
	return (await res.json()) as { now: string; fired: number };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function action(
	user: string,
	caseId: string,
	name: string,
	body: unknown = {},
	headers: Record<string, string> = {}
) {
	const res = await staff[user]!.postJson(`/api/v1/cases/${caseId}/actions/${name}`, body, headers);
	return { status: res.status, body: (await res.json()) as Json };
}

const application = (over: Json = {}) => ({
	...annex1Application({
		service: (over.service as string | undefined) ?? 'export-licence',
		externalId: `EGOV-${++seq}`,
		receivedAt: app.ctx.clock.now(),
		applicant: { name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, пр. Мангилик Ел, 55', city: 'Astana' },
		goodsLine: thermalImagingModule,
		party: { name: 'Horizon Trading FZE', country: 'AE' },
		firstExportToCounterparty: true
	}),
	...over
});

/**
 * Files an application as the portal. The portal is answered with the applicant's view of the case
 * (`portal`); the tests then follow the case as the head sees it (`body`).
 */
async function submit(over: Json = {}, headers: Record<string, string> = {}) {
	const res = await api.post('/api/v1/applications', application(over), { ...bearer('portal'), ...headers });
	const portal = (await res.json()) as Json;
	const body = res.status < 300 ? await staffView(portal.id) : portal;
	return { status: res.status, body, portal };
}

async function staffView(id: string): Promise<Json> {
	return (await (await staff.head!.get(`/api/v1/cases/${id}`)).json()) as Json;
}

/** Every control-system body answers with its token and the officer records a positive risk assessment. */
async function controlSystemAnswered(caseId: string) {
	const view = (await (await staff.officer!.get(`/api/v1/cases/${caseId}`)).json()) as Json;
	for (const c of view.controlRequests as Json[]) {
		const res = await api.post(
			`/api/v1/control-requests/${c.id}/response`,
			{ risks: false, information: 'No risks known.' },
			bearer(c.agency)
		);
		expect(res.status).toBe(200);
	}
	const r = await action('officer', caseId, 'record-risk-assessment', { result: 'positive', summary: 'No risks.' });
	expect(r.status).toBe(200);
}

const clockOf = (c: Json, kind: string, subject: string | null = null) =>
	(c.clocks as Json[]).find((k) => k.kind === kind && k.subject === subject)!;

beforeAll(async () => {
	app = await startTestApp({ MERZIM_CLOCK: 'simulated' });
	app.clock.set(new Date(START));
	await signedIn('admin', ['admin']);
	await signedIn('officer', ['officer']);
	await signedIn('officer2', ['officer']);
	await signedIn('head', ['head']);
	await signedIn('reviewer', ['complaint_reviewer']);
	await signedIn('liaison', ['agency_liaison'], { agencyCode: 'mod' });
	for (const [name, body] of Object.entries({
		portal: { kind: 'portal' },
		mfa: { kind: 'mfa' },
		nsc: { kind: 'agency', agencyCode: 'nsc' },
		mod: { kind: 'agency', agencyCode: 'mod' }
	})) {
		const res = await staff.admin!.postJson('/api/v1/admin/tokens', { name: `${name} integration`, ...body });
		expect(res.status).toBe(201);
		tokens[name] = ((await res.json()) as Json).token;
	}
}, 60_000);
afterAll(() => app?.close());

describe('integration API: applications', () => {
	it('registers with its number, registration day and clocks; the same externalId returns the same case', async () => {
		const first = await submit({ externalId: 'EGOV-SAME' });
		expect(first.status).toBe(201);
		// The portal is told what the applicant may know: plain status, registration, the term's due.
		expect(first.portal).toMatchObject({ number: 'EL-2026-00001', registeredOn: '2026-03-02', status: 'registered' });
		expect(first.portal).not.toHaveProperty('events');
		expect((first.portal.terms as Json[]).map((t) => t.kind)).toEqual(['service-term']);
		expect(first.body).toMatchObject({
			number: 'EL-2026-00001',
			registeredOn: '2026-03-02',
			stage: 'completeness-check',
			service: 'export-licence'
		});
		expect((first.body.clocks as Json[]).map((c) => c.kind).sort()).toEqual([
			'completeness',
			'hearing-notice',
			'original-guarantee',
			'registration',
			'service-term'
		]);
		expect(clockOf(first.body, 'service-term')).toMatchObject({
			state: 'running',
			dueDate: calendar.addWorkingDays('2026-03-02', 30),
			citation: expect.stringContaining('001 Annex 1 row 3')
		});
		const again = await submit({ externalId: 'EGOV-SAME' });
		expect(again.status).toBe(200);
		expect(again.body.id).toBe(first.body.id);
		expect(await app.ctx.db.select().from(cases).where(eq(cases.externalId, 'EGOV-SAME'))).toHaveLength(1);
	});

	it('answers bad input field by field and writes nothing', async () => {
		const before = (await app.ctx.db.select().from(cases)).length;
		const bad = await submit({
			applicant: { bin: '000740001308', name: 'X', legalAddress: 'Y' },
			goodsLines: [
				{
					hsCode: '7712345678',
					controlCode: 'ZZ',
					description: 'x',
					quantity: 0,
					unit: 'pcs',
					value: 1,
					currency: 'usd'
				}
			],
			service: 'nope'
		});
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.body.fields as Json).sort()).toEqual(
			[
				'applicant.bin',
				'goodsLines.0.controlCode',
				'goodsLines.0.currency',
				'goodsLines.0.hsCode',
				'goodsLines.0.quantity',
				'service'
			].sort()
		);
		expect((await submit({ receivedAt: '2026-03-09T10:00:00+05:00' })).body.fields).toHaveProperty('receivedAt');
		expect(
			(await api.post('/api/v1/applications', application(), { authorization: 'Bearer mzt_nope.nope' })).status
		).toBe(401);
		expect((await api.post('/api/v1/applications', application(), bearer('nsc'))).status).toBe(403);
		expect((await app.ctx.db.select().from(cases)).length).toBe(before);
	});

	it('replays an Idempotency-Key with the first answer, and refuses the key for another body', async () => {
		const body = application({ externalId: 'EGOV-IDEM' });
		const send = (b: unknown) =>
			api.post('/api/v1/applications', b, { ...bearer('portal'), 'idempotency-key': 'key-1' });
		const a = await send(body);
		const b = await send(body);
		expect([a.status, b.status]).toEqual([201, 200]);
		expect(((await b.json()) as Json).id).toBe(((await a.json()) as Json).id);
		expect((await send({ ...body, externalId: 'EGOV-OTHER' })).status).toBe(422);
		expect(await app.ctx.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'key-1'))).toHaveLength(1);
	});
});

describe('export licence end to end (001)', () => {
	it('consultations deemed approved by the scheduler, MFA suspension and resume, a late answer kept with 409, then a grant', async () => {
		const { body: created } = await submit();
		const id = created.id as string;
		// not assigned yet
		expect((await action('officer', id, 'complete-check', { complete: true })).status).toBe(403);
		expect((await action('officer', id, 'assign', { username: 'officer' })).status).toBe(200);
		expect((await action('officer2', id, 'assign', { username: 'officer2' })).status).toBe(409);
		let r = await action('officer', id, 'complete-check', { complete: true });
		expect(r.body.availableActions).toEqual(
			expect.arrayContaining(['request-consultations', 'request-mfa-check', 'issue-preliminary-refusal'])
		);
		expect(r.body.availableActions).not.toContain('decide');
		r = await action('officer', id, 'request-consultations', { agencies: ['nsc', 'mod'] });
		expect(r.body.stage).toBe('consultation');
		const nsc = (r.body.consultations as Json[]).find((c) => c.agency === 'nsc')!;
		const mod = (r.body.consultations as Json[]).find((c) => c.agency === 'mod')!;
		expect(calendar.localDate(new Date(nsc.dueAt))).toBe(calendar.addWorkingDays('2026-03-02', 10));

		// The mod answers through its liaison in the browser session; the nsc's token may not answer for the mod.
		expect(
			(await api.post(`/api/v1/consultations/${mod.id}/response`, { decision: 'approve' }, bearer('nsc'))).status
		).toBe(403);
		const modAnswer = await staff.liaison!.postJson(`/api/v1/consultations/${mod.id}/response`, {
			decision: 'approve',
			reason: 'No objections'
		});
		expect(modAnswer.status).toBe(200);

		// The MFA check is mandatory here (1С350, first export: 001 p.18) and suspends the term (001 p.17).
		expect((await action('head', id, 'decide', { outcome: 'grant' })).status).toBe(409);
		r = await action('officer', id, 'request-mfa-check');
		expect(r.body.mfaCheck).toMatchObject({ mandatory: true, resultAt: null });
		expect(clockOf(r.body, 'service-term').state).toBe('suspended');

		// Ten working days of silence from the nsc: the scheduler records "deemed approved" at the due (001 p.16).
		const moved = await moveClock(new Date(new Date(nsc.dueAt).getTime() + 60_000).toISOString());
		expect(moved.fired).toBeGreaterThanOrEqual(1);
		let view = (await (await staff.officer!.get(`/api/v1/cases/${id}`)).json()) as Json;
		expect((view.consultations as Json[]).find((c) => c.agency === 'nsc')).toMatchObject({
			decision: 'deemed_approved',
			answeredAt: nsc.dueAt
		});
		const deemed = (view.events as Json[]).find((e) => e.type === 'consultation:deemed-approved')!;
		expect(deemed).toMatchObject({ actor: 'system', citation: '001 p.16', at: nsc.dueAt });

		// A late answer: 409, yet kept on the case.
		const late = await api.post(
			`/api/v1/consultations/${nsc.id}/response`,
			{ decision: 'object', reason: 'Late objection' },
			bearer('nsc')
		);
		expect(late.status).toBe(409);
		expect(((await late.json()) as Json).error).toContain('deemed approved');
		view = (await (await staff.officer!.get(`/api/v1/cases/${id}`)).json()) as Json;
		expect((view.consultations as Json[]).find((c) => c.agency === 'nsc')).toMatchObject({
			decision: 'deemed_approved',
			lateAnswer: { decision: 'object' }
		});

		// The MFA answers 23 working days after the request. It was sent on day 0 of the term, before any of
		// its 30 working days ran, so the term resumes with all 30 of them (001 p.17 para 3; ADR-005).
		const termBefore = (view.clocks as Json[]).find((c) => c.kind === 'service-term')!;
		expect(termBefore.state).toBe('suspended');
		const sentAt = new Date(view.mfaCheck.requestedAt);
		const answerAt = calendar.addWorkingMinutes(sentAt, 23 * 480);
		await moveClock(answerAt.toISOString());
		const mfaRes = await api.post(
			`/api/v1/mfa-checks/${view.mfaCheck.id}/result`,
			{ authentic: true, reference: 'MFA-2026-0042' },
			{ ...bearer('mfa'), 'idempotency-key': 'mfa-1' }
		);
		expect(mfaRes.status).toBe(200);
		// The MFA gets its own check back (001 p.17); the case as staff see it after the result:
		expect((await mfaRes.json()) as Json).toMatchObject({ id: view.mfaCheck.id, reference: 'MFA-2026-0042' });
		const afterMfa = await staffView(id);
		expect(afterMfa.stage).toBe('under-review');
		expect(clockOf(afterMfa, 'service-term').dueDate).toBe(calendar.addWorkingDays(calendar.localDate(answerAt), 30));
		expect(clockOf(afterMfa, 'service-term').suspensions).toEqual([
			{
				from: view.mfaCheck.requestedAt,
				to: answerAt.toISOString(),
				reason: expect.stringContaining('MFA'),
				legalBasis: '001 p.17 para 3',
				legalBasisCitations: [{ act: '001', points: '17', paragraphs: '3' }]
			}
		]);
		const replay = await api.post(
			`/api/v1/mfa-checks/${view.mfaCheck.id}/result`,
			{ authentic: true, reference: 'MFA-2026-0042' },
			{ ...bearer('mfa'), 'idempotency-key': 'mfa-1' }
		);
		expect([replay.status, replay.headers.get('idempotency-replayed')]).toEqual([200, 'true']);

		expect((await action('officer', id, 'decide', { outcome: 'grant' })).status).toBe(403);
		// 001 p.17 paras 1–2, p.20: the control-system bodies answer, then the officer assesses the risks.
		await controlSystemAnswered(id);
		const grant = await action('head', id, 'decide', { outcome: 'grant' });
		expect(grant.status).toBe(200);
		expect(grant.body).toMatchObject({
			stage: 'granted',
			decision: {
				outcome: 'granted',
				documentNumber: `${created.number}/L`,
				validUntil: calendar.addYears(calendar.localDate(answerAt), 1)
			}
		});
		expect((grant.body.clocks as Json[]).filter((c) => c.state === 'running')).toEqual([]);
		// Dual-use goods: no delivery confirmation is owed (001 p.22 is for military goods only).
		expect(grant.body.availableActions).toEqual([]);
		// Every step is in the hash-chained trail, in order.
		const types = (
			await app.ctx.db.select({ type: caseEvents.type }).from(caseEvents).where(eq(caseEvents.caseId, id))
		).map((e) => e.type);
		expect(types).toEqual(
			expect.arrayContaining([
				'case:created',
				'case:assigned',
				'completeness:confirmed',
				'consultation:requested',
				'consultation:answered',
				'mfa:requested',
				'consultation:deemed-approved',
				'consultation:late-answer-recorded',
				'mfa:result-received',
				'case:decided'
			])
		);
	});

	it('a refusal with a preliminary decision and a hearing; a too-late notice is refused', async () => {
		const { body: created } = await submit({ service: 'import-licence', firstExportToCounterparty: undefined });
		const id = created.id as string;
		await action('head', id, 'assign', { username: 'officer' });
		await action('officer', id, 'complete-check', { complete: true });
		const now = app.ctx.clock.now();
		const hearingAt = new Date(
			calendar.workingDaysDue(calendar.localDate(now), 1).getTime() - 3 * 3_600_000
		).toISOString();
		const notice = await action('officer', id, 'issue-preliminary-refusal', {
			grounds: [9, 12],
			confidential: [12],
			hearingAt,
			hearingPlace: 'Astana, Mangilik El 8, room 412',
			notice: { channel: 'registered-letter', sentAt: now.toISOString(), proof: 'Kazpost receipt RR123456789KZ' },
			basis: 'Information of the control-system bodies'
		});
		expect(notice.status).toBe(200);
		expect(notice.body.stage).toBe('hearing');
		const event = (notice.body.events as Json[]).find((e) => e.type === 'refusal:preliminary-issued')!;
		expect(event.after).toMatchObject({
			confidential: [9, 12],
			restricted: { basis: 'Information of the control-system bodies' }
		});
		// A complaint reviewer may read the case but not the confidential basis (ADR-009).
		const asReviewer = (await (await staff.reviewer!.get(`/api/v1/cases/${id}`)).json()) as Json;
		expect(
			(asReviewer.events as Json[]).find((e) => e.type === 'refusal:preliminary-issued')!.after
		).not.toHaveProperty('restricted');
		expect(
			(await action('head', id, 'decide', { outcome: 'refuse', grounds: [9], text: 'Reasoned refusal.' })).status
		).toBe(409);
		await action('officer', id, 'record-hearing', { applicantAttended: true });
		const refused = await action('head', id, 'decide', {
			outcome: 'refuse',
			grounds: [9, 12],
			text: 'The Committee, after considering your application, informs that …'
		});
		expect(refused.body).toMatchObject({
			stage: 'refused',
			decision: { outcome: 'refused', grounds: [9, 12], confidential: [9, 12] }
		});

		// Another case, near the end of its term: the notice can no longer be given (001 p.19 para 3).
		const { body: other } = await submit({ service: 'end-user-certificate', firstExportToCounterparty: false });
		await action('head', other.id, 'assign', { username: 'officer' });
		await action('officer', other.id, 'complete-check', { complete: true });
		const noticeDue = clockOf(other, 'hearing-notice').due as string;
		await moveClock(new Date(new Date(noticeDue).getTime() + 3_600_000).toISOString());
		const tooLate = await action('officer', other.id, 'issue-preliminary-refusal', {
			grounds: [1],
			hearingAt: new Date(app.ctx.clock.now().getTime() + 3_600_000).toISOString(),
			hearingPlace: 'By video link',
			notice: { channel: 'email', sentAt: app.ctx.clock.now().toISOString(), proof: 'Mail server receipt' }
		});
		expect(tooLate.status).toBe(409);
		expect(tooLate.body.error).toContain('000 p.13');
		const breaches = await app.ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, other.id));
		expect(breaches.filter((e) => e.type === 'clock:breached').map((e) => (e.after as Json).kind)).toContain(
			'hearing-notice'
		);
	});
});

describe('complaint with an extension (001 pp.23–25)', () => {
	it('opens against a decided case; forwarding 3 WD, review 15 WD, one extension ≤ 10 WD with its notice; the decider may not review', async () => {
		const decided = (await app.ctx.db.select().from(cases).where(eq(cases.stage, 'granted')))[0]!;
		expect(
			(
				await submit({
					service: 'complaint',
					complaintAgainst: 'EL-2099-00001',
					reviewBy: 'quality-body',
					complaintText: 'x',
					goodsLines: undefined,
					counterparty: undefined,
					endUser: undefined
				})
			).body.fields
		).toHaveProperty('complaintAgainst');
		// Another applicant has no standing against this case (001 p.23; 000 p.15).
		const stranger = await submit({
			service: 'complaint',
			applicant: { bin: '990340000272', name: 'ТОО «Бөгде»', legalAddress: 'Алматы, Абай 1', city: 'Almaty' },
			complaintAgainst: decided.number,
			reviewBy: 'provider',
			complaintText: 'Not our case.',
			goodsLines: undefined,
			counterparty: undefined,
			endUser: undefined
		});
		expect(stranger.status).toBe(422);
		expect(stranger.body.fields).toMatchObject({
			complaintAgainst: { code: 'complaint-target-not-found', message: expect.stringContaining('001 p.23') }
		});
		const { status, body: c } = await submit({
			service: 'complaint',
			complaintAgainst: decided.number,
			reviewBy: 'quality-body',
			complaintText: 'The licence conditions are wrong.',
			goodsLines: undefined,
			counterparty: undefined,
			endUser: undefined
		});
		expect(status).toBe(201);
		expect(c.stage).toBe('complaint-forwarding');
		expect(clockOf(c, 'complaint-forwarding').citation).toContain('001 p.23');
		// The quality-control body's 15 WD run from its own registration (001 p.24(2)): not yet.
		expect((c.clocks as Json[]).some((k) => k.kind === 'complaint-review')).toBe(false);
		const forwarded = await action('officer', c.id, 'forward-complaint', {});
		expect(clockOf(forwarded.body, 'complaint-review').state).toBe('running');
		expect(clockOf(forwarded.body, 'complaint-review').citation).toContain('001 p.24(2)');
		const ext = await action('reviewer', c.id, 'extend-complaint', {
			workingDays: 10,
			reason: 'Materials requested from the Ministry of Defence'
		});
		expect(ext.status).toBe(200);
		const registered = c.registeredOn as string;
		expect(clockOf(ext.body, 'complaint-review').dueDate).toBe(calendar.addWorkingDays(registered, 25));
		expect(clockOf(ext.body, 'complaint-extension-notice').state).toBe('running');
		expect((await action('reviewer', c.id, 'extend-complaint', { workingDays: 1, reason: 'again' })).status).toBe(409);
		await action('reviewer', c.id, 'record-extension-notice', {});
		// The head who decided the licence, made a reviewer too, may not review the complaint against it.
		const headId = decided.decidedBy!;
		await app.ctx.db.execute(
			`insert into user_roles (user_id, role) values (${headId}, 'complaint_reviewer')` as never
		);
		expect((await action('head', c.id, 'decide-complaint', { outcome: 'rejected', reason: 'x' })).status).toBe(403);
		const done = await action('reviewer', c.id, 'decide-complaint', {
			outcome: 'rejected',
			reason: 'The licence conditions follow the application.'
		});
		expect(done.body.stage).toBe('complaint-decided');
	});
});

describe('device verification (004) and a step-timed regulation (003)', () => {
	it('verifies each device within 1 WD; breaches fire once with their true time', async () => {
		const { body: d } = await submit({
			service: 'device-verification',
			devices: ['356938035643809', '490154203237518'],
			goodsLines: undefined,
			counterparty: undefined,
			endUser: undefined,
			firstExportToCounterparty: undefined
		});
		expect(d.stage).toBe('device-review');
		await action('head', d.id, 'assign', { username: 'officer' });
		await action('officer', d.id, 'verify-device', { imei: '356938035643809', result: 'confirmed' });
		const due = clockOf(d, 'service-term', '490154203237518').due as string;
		await moveClock(new Date(new Date(due).getTime() + 5 * 60_000).toISOString());
		await app.ctx.scheduler.tick();
		const events = await app.ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, d.id));
		const breached = events.filter((e) => e.type === 'clock:breached');
		// The trail names the device, never its IMEI (004 P 16: the trail is never destroyed).
		expect(breached.map((e) => [(e.after as Json).subject, e.at.toISOString()])).toEqual([['device', due]]);
		const last = await action('officer', d.id, 'verify-device', { imei: '490154203237518', result: 'rejected' });
		expect(last.body).toMatchObject({
			stage: 'devices-decided',
			devices: [
				{ imei: '356938035643809', result: 'confirmed' },
				{ imei: '490154203237518', result: 'rejected' }
			]
		});
	});

	it('walks the nine steps of 003 A3 with their hour and calendar-day limits', async () => {
		const { body: c } = await submit({
			service: 'customs-representative-register',
			goodsLines: undefined,
			counterparty: undefined,
			endUser: undefined,
			firstExportToCounterparty: undefined
		});
		await signedIn('registrar', ['registrar']);
		expect(clockOf(c, 'procedure-step', '1')).toMatchObject({ state: 'running', citation: '003 A3 p.5.1' });
		// The chief expert's instruction names the expert (003 A3 p.5.4): the case's assignee examines it.
		expect((await action('head', c.id, 'assign', { username: 'officer' })).status).toBe(200);
		const who: Record<string, string> = {
			'1': 'registrar',
			'2': 'head',
			'3': 'head',
			'4': 'officer',
			'5': 'officer',
			'6': 'head',
			'7': 'officer2',
			'8': 'head',
			'9': 'registrar'
		};
		let stage = c.stage as string;
		while (stage.startsWith('step:')) {
			const step = stage.slice(5);
			const r = await action(who[step]!, c.id, 'complete-step', {});
			expect(r.status).toBe(200);
			stage = r.body.stage;
		}
		expect(stage).toBe('included');
	});

	it("refuses another officer's completion of the assigned expert's examination step (003 A3 p.7)", async () => {
		const { body: c } = await submit({
			service: 'customs-representative-register',
			goodsLines: undefined,
			counterparty: undefined,
			endUser: undefined,
			firstExportToCounterparty: undefined
		});
		if (!staff.registrar) await signedIn('registrar', ['registrar']);
		for (const who of ['registrar', 'head', 'head', 'officer'])
			expect((await action(who, c.id, 'complete-step', {})).status).toBe(200);
		const refuse = { refuse: true, ground: 'documents-incomplete' };
		expect((await action('officer', c.id, 'complete-step', refuse)).status).toBe(409); // nobody assigned
		expect((await action('head', c.id, 'assign', { username: 'officer' })).status).toBe(200);
		const byOther = await action('officer2', c.id, 'complete-step', refuse);
		expect(byOther.status).toBe(403);
		expect(byOther.body.error).toMatch(/003 A3 p\.7/);
		const res = await staff.officer!.get(`/api/v1/cases/${c.id}`);
		expect(((await res.json()) as { stage: string }).stage).toBe('step:5');
		// The expert's refusal names its ground (003 A3 p.8.5): 422 without one.
		const bare = await action('officer', c.id, 'complete-step', { refuse: true });
		expect(bare.status).toBe(422);
		expect(bare.body.fields.ground.message).toContain('customs-code-art-26');
		const refusing = await action('officer', c.id, 'complete-step', refuse);
		expect(refusing.status).toBe(200);
		expect(refusing.body.decision.refusal).toMatchObject({ ground: 'documents-incomplete' });
	});
});

/** An import licence walked to its grant: its case id, licence number and validity (001 p.6). */
async function grantedImportLicence(): Promise<{ id: string; licenceNumber: string; validUntil: string }> {
	const { body: c } = await submit({ service: 'import-licence' });
	await action('head', c.id, 'assign', { username: 'officer' });
	await action('officer', c.id, 'complete-check', { complete: true });
	const granted = await action('head', c.id, 'decide', { outcome: 'grant' });
	expect(granted.status).toBe(200);
	return {
		id: c.id,
		licenceNumber: granted.body.decision.documentNumber,
		validUntil: granted.body.decision.validUntil
	};
}

describe('licence intake: scope, contract and reissue (001 pp.5, 7, 10; Annex 1 forms 1–3)', () => {
	it('answers 422 naming the field: a general licence outside its four codes, a form field missing', async () => {
		const general = await submit({
			service: 'general-export-licence',
			goodsLines: [
				{
					hsCode: '8471300000',
					controlCode: '4A003',
					description: 'Computer',
					quantity: 1,
					unit: 'pcs',
					value: 1,
					currency: 'USD'
				}
			]
		});
		expect(general.status).toBe(422);
		expect(general.body.fields['goodsLines.0.controlCode'].message).toMatch(
			/only 1С350, 10С905, 10С906 and 10С907 \(001 p\.5\)/
		);
		const unsigned = await submit({ contract: undefined, declaration: undefined });
		expect(unsigned.status).toBe(422);
		expect(unsigned.body.fields.contract).toMatchObject({
			code: 'required',
			message: expect.stringContaining('001 p.7')
		});
		expect(unsigned.body.fields.declaration.message).toContain('field 17');
	});

	it('holds one licence per contract: a second application under it is refused (001 p.7)', async () => {
		const contract = { number: `ONE-${++seq}`, date: '2026-01-20' };
		const first = await submit({ service: 'import-licence', contract });
		expect(first.status).toBe(201);
		const second = await submit({ service: 'import-licence', contract });
		expect(second.status).toBe(422);
		expect(second.body.fields['contract.number'].code).toBe('contract-applied');
		expect(second.body.fields['contract.number'].message).toContain(`Case ${first.body.number as string}`);
		expect(second.body.fields['contract.number'].message).toContain('001 p.7');
	});

	it('links a reissue only to a granted licence of the same applicant (001 p.10)', async () => {
		const original = await grantedImportLicence();
		const reissue = (licenceNumber: string, bin = '000740001307') =>
			submit({
				service: 'licence-reissue',
				applicant: { bin, name: 'ТОО «Дала Технологии»', legalAddress: 'Астана' },
				reissue: { licenceNumber, reason: 'address-changed', changes: 'Новый юридический адрес' }
			});
		const unknown = await reissue('IL-2026-99999/L');
		expect(unknown.status).toBe(422);
		expect(unknown.body.fields['reissue.licenceNumber'].message).toContain('001 p.10');
		// Another applicant's licence is answered as if it did not exist.
		const other = await reissue(original.licenceNumber, '990340000014');
		expect(other.status).toBe(422);
		expect(other.body.fields['reissue.licenceNumber']).toEqual(unknown.body.fields['reissue.licenceNumber']);
		const linked = await reissue(original.licenceNumber);
		expect(linked.status).toBe(201);
		expect(linked.body.decision.reissueOf).toMatchObject({ caseId: original.id, validUntil: original.validUntil });
	});
});

describe('the other permit procedures to their grant', () => {
	it.each([
		['general-export-licence', 'licence-general', 30, 'GL'],
		['licence-reissue', 'licence-reissue', 3, 'RI'],
		['licence-reissue-separation', 'licence-reissue-reorganised', 30, 'RS'],
		['import-certificate', 'certificate', 7, 'IIC']
	])(
		'%s: registered with its %s term (%i WD), checked, consulted where the act says, granted',
		async (service, _variant, days, prefix) => {
			const general = service === 'general-export-licence';
			const reissue = service.startsWith('licence-reissue');
			// A reissue names the licence it reissues (001 p.10): an import licence granted first.
			const original = reissue ? await grantedImportLicence() : null;
			const { body: c } = await submit({
				service,
				firstExportToCounterparty: false,
				...(original
					? {
							reissue: {
								licenceNumber: original.licenceNumber,
								reason: service === 'licence-reissue' ? 'name-changed' : 'reorganised-by-separation',
								changes: 'Новое наименование после перерегистрации'
							}
						}
					: {}),
				...(general
					? {
							goodsLines: [
								{
									hsCode: '2811198000',
									controlCode: '1С350',
									description: 'Precursor',
									quantity: 10,
									unit: 'kg',
									value: 100,
									currency: 'USD'
								}
							]
						}
					: {})
			});
			expect(c.number).toMatch(new RegExp(`^${prefix}-\\d{4}-\\d{5}$`));
			expect(calendar.workingDaysBetween(c.registeredOn, clockOf(c, 'service-term').dueDate)).toBe(days);
			await action('head', c.id, 'assign', { username: 'officer' });
			let r = await action('officer', c.id, 'complete-check', { complete: true });
			// Licences of 001 are sent to the state bodies (001 p.16); certificates of 000 are not.
			expect(r.body.availableActions.includes('request-consultations')).toBe(
				service !== 'import-certificate' && service !== 'licence-reissue' && service !== 'licence-reissue-separation'
			);
			if (general) {
				r = await action('officer', c.id, 'request-consultations', { agencies: ['mod'] });
				const mod = (r.body.consultations as Json[])[0]!;
				expect(
					(await api.post(`/api/v1/consultations/${mod.id}/response`, { decision: 'approve' }, bearer('mod'))).status
				).toBe(200);
				await controlSystemAnswered(c.id);
			}
			const grant = await action('head', c.id, 'decide', { outcome: 'grant' });
			expect(grant.body).toMatchObject({ stage: 'granted', decision: { outcome: 'granted' } });
			if (original) {
				// Linked to the licence it reissues, whose validity it keeps (001 p.6, p.10).
				expect(grant.body.decision).toMatchObject({
					reissueOf: { caseId: original.id, licenceNumber: original.licenceNumber },
					reissues: original.licenceNumber,
					validUntil: original.validUntil
				});
			}
			if (general) {
				// The general licence's execution report: 10 WD from the export (001 p.28).
				const shipped = await action('officer', c.id, 'record-shipment', {
					kind: 'general-export',
					at: app.ctx.clock.now().toISOString()
				});
				expect(clockOf(shipped.body, 'execution-report')).toMatchObject({ state: 'running', citation: '001 p.28' });
				const report = {
					kind: 'execution-report',
					exportDate: calendar.localDate(app.ctx.clock.now()),
					endUser: 'Horizon Trading FZE (AE)',
					goods: 'Thermal imaging module',
					quantity: 4,
					balance: 0
				};
				// 001 p.28, Annex 4: the report carries its content.
				expect((await action('officer', c.id, 'record-post-export-report', { kind: 'execution-report' })).status).toBe(
					422
				);
				const reported = await action('officer', c.id, 'record-post-export-report', report);
				expect(clockOf(reported.body, 'execution-report').state).toBe('met');
				expect(reported.body.decision.executionReports).toEqual([
					expect.objectContaining({ licence: `${c.number}/L`, quantity: 4, balance: 0 })
				]);
			}
		}
	);
});

describe('staff actions API: authorization and validation', () => {
	it('answers unknown actions 404, bad bodies 422, cross-site posts 403, the wall board 403', async () => {
		const { body: c } = await submit();
		expect((await action('officer', c.id, 'fly-away')).status).toBe(404);
		await action('head', c.id, 'assign', { username: 'officer' });
		const bad = await action('officer', c.id, 'complete-check', { complete: false, missing: [] });
		expect(bad.status).toBe(422);
		expect(bad.body.fields).toBeDefined();
		const evil = new HttpClient(app.url, '10.9.9.9', 'https://evil.example');
		evil.cookies.set(...([...staff.officer!.cookies][0]! as [string, string]));
		expect((await evil.postJson(`/api/v1/cases/${c.id}/actions/complete-check`, { complete: true })).status).toBe(403);
		const view = (await (await staff.officer!.get(`/api/v1/cases/${c.id}`)).json()) as Json;
		expect(view.stage).toBe('completeness-check');
		expect(
			(await action('officer', '00000000-0000-0000-0000-000000000000', 'complete-check', { complete: true })).status
		).toBe(404);
	});
});
