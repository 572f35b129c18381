/**
 * Export-control rules of 001 for export and general licences over real HTTP, on PGlite and on
 * PostgreSQL, with the simulated clock: the original guarantee (p.18 para 2) and risk information
 * received after registration (p.18 para 1 sub.2). Dates are counted by hand from the act and the
 * 2026 calendar (Sunday 8 March → the holiday moves to Monday 9 March).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { annex1Application } from '../helpers/import-application';

let app: TestApp;
const staff: Record<string, HttpClient> = {};
const tokens: Record<string, string> = {};
let seq = 0;

// Monday 2 March 2026, 09:00 Almaty.
const START = '2026-03-02T04:00:00.000Z';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function signedIn(
	username: string,
	roles: Parameters<TestApp['createUser']>[1],
	extra: { agencyCode?: string } = {}
) {
	await app.createUser(username, roles, extra);
	const c = new HttpClient(app.url, `10.11.0.${++seq}`);
	expect((await c.signIn(username, TEST_PASSWORD)).status).toBe(201);
	staff[username] = c;
}

async function action(user: string, caseId: string, name: string, body: unknown = {}) {
	const res = await staff[user]!.postJson(`/api/v1/cases/${caseId}/actions/${name}`, body);
	return { status: res.status, body: (await res.json()) as Json };
}

const goods = (controlCode: string) => [
	{
		hsCode: '8526910000',
		controlCode,
		description: 'Thermal imaging module',
		quantity: 4,
		unit: 'pcs',
		value: 120000,
		currency: 'USD'
	}
];

const application = (over: Json = {}) => ({
	...annex1Application({
		service: (over.service as string | undefined) ?? 'export-licence',
		externalId: `EC-${++seq}`,
		receivedAt: app.ctx.clock.now(),
		applicant: { name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, пр. Мангилик Ел, 55' },
		goodsLine: goods('1С350')[0],
		party: { name: 'Horizon Trading FZE', country: 'AE' },
		firstExportToCounterparty: false
	}),
	...over
});

async function submit(over: Json = {}): Promise<Json> {
	const res = await fetch(app.url + '/api/v1/applications', {
		method: 'POST',
		body: JSON.stringify(application(over)),
		headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.portal}` }
	});
	const body = (await res.json()) as Json;
	expect(res.status, JSON.stringify(body)).toBe(201);
	// The portal gets the applicant's view (no clocks' internals); the case as the head reads it.
	const asStaff = await staff.head!.get(`/api/v1/cases/${body.id as string}`);
	expect(asStaff.status).toBe(200);
	return (await asStaff.json()) as Json;
}

/** Registered, assigned to `officer`, completeness confirmed. */
async function underReview(over: Json = {}): Promise<string> {
	const id = (await submit(over)).id as string;
	expect((await action('officer', id, 'assign', { username: 'officer' })).status).toBe(200);
	expect((await action('officer', id, 'complete-check', { complete: true })).status).toBe(200);
	return id;
}

/** Simulated time moves; the sessions it idles out sign in again. */
async function moveTo(iso: string) {
	app.clock.set(new Date(iso));
	for (const [u, c] of Object.entries(staff)) {
		c.cookies.clear();
		expect((await c.signIn(u, TEST_PASSWORD)).status).toBe(201);
	}
}

const clockOf = (c: Json, kind: string) => (c.clocks as Json[]).find((k) => k.kind === kind);
const bearer = (name: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${tokens[name]}` });
const post = (path: string, body: unknown, headers: Record<string, string>) =>
	fetch(app.url + path, { method: 'POST', body: JSON.stringify(body), headers });

/** Consulted (nsc approves), the control-system request answered by the nsc, risks assessed positive. */
async function readyForGrant(id: string) {
	const r = await action('officer', id, 'request-consultations', { agencies: ['nsc'] });
	expect(r.status, JSON.stringify(r.body)).toBe(200);
	const consultation = (r.body.consultations as Json[])[0]!;
	expect(
		(await post(`/api/v1/consultations/${consultation.id}/response`, { decision: 'approve' }, bearer('nsc'))).status
	).toBe(200);
	const request = (r.body.controlRequests as Json[])[0]!;
	const answer = { risks: false, information: 'No risks known.' };
	expect((await post(`/api/v1/control-requests/${request.id}/response`, answer, bearer('nsc'))).status).toBe(200);
	const a = await action('officer', id, 'record-risk-assessment', { result: 'positive', summary: 'No risks found.' });
	expect(a.status, JSON.stringify(a.body)).toBe(200);
}

beforeAll(async () => {
	app = await startTestApp({ MERZIM_CLOCK: 'simulated' });
	app.clock.set(new Date(START));
	await signedIn('admin', ['admin']);
	await signedIn('officer', ['officer']);
	await signedIn('head', ['head']);
	await signedIn('registrar', ['registrar']);
	await signedIn('liaison-nsc', ['agency_liaison'], { agencyCode: 'nsc' });
	for (const [name, body] of Object.entries({
		portal: { kind: 'portal' },
		nsc: { kind: 'agency', agencyCode: 'nsc' },
		mod: { kind: 'agency', agencyCode: 'mod' }
	})) {
		const res = await staff.admin!.postJson('/api/v1/admin/tokens', { name: `${name} integration`, ...body });
		expect(res.status).toBe(201);
		tokens[name] = ((await res.json()) as Json).token;
	}
}, 60_000);
afterAll(() => app?.close());

describe('original guarantee within 7 WD of submission (001 p.18 para 2)', () => {
	it.each([
		['export-licence', '10С906'],
		['general-export-licence', '10С907']
	])('%s with %s goods (no MFA codes) awaits the original by Thursday 12 March', async (service, code) => {
		const created = await submit({ service, goodsLines: goods(code) });
		// Submitted Monday 2 March: 3, 4, 5, 6, (9 March holiday), 10, 11, 12 March.
		expect(clockOf(created, 'original-guarantee')).toMatchObject({
			state: 'running',
			dueDate: '2026-03-12',
			citation: '001 p.18 para 2'
		});
		// The registrar takes the original at the office without being the case's officer.
		const r = await action('registrar', created.id, 'record-original-guarantee');
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(clockOf(r.body, 'original-guarantee')!.state).toBe('met');
		expect((r.body.events as Json[]).at(-1)).toMatchObject({
			type: 'guarantee:original-recorded',
			citation: '001 p.18 para 2'
		});
	});

	it('an import licence awaits no guarantee', async () => {
		const created = await submit({ service: 'import-licence', firstExportToCounterparty: undefined });
		expect(clockOf(created, 'original-guarantee')).toBeUndefined();
	});
});

describe('risk information received after registration (001 p.18 para 1 sub.2)', () => {
	const risk = { source: 'National Security Committee', summary: 'Possible diversion to a third country.' };

	it('is recorded, shown on the case, and makes the MFA check mandatory before a grant', async () => {
		const id = await underReview();
		expect((await action('officer', id, 'record-risk-information', { source: 'x' })).status).toBe(422);
		const r = await action('officer', id, 'record-risk-information', risk);
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body.decision.riskInformation).toMatchObject({ ...risk, receivedAt: app.ctx.clock.now().toISOString() });
		expect((r.body.events as Json[]).at(-1)).toMatchObject({
			type: 'risk:information-recorded',
			citation: '001 p.18 para 1 sub.2',
			after: { mfaMandatory: true }
		});
		await readyForGrant(id);
		const decide = await action('head', id, 'decide', { outcome: 'grant' });
		expect(decide.status).toBe(409);
		expect(decide.body.error).toContain('001 p.18');
		const mfa = await action('officer', id, 'request-mfa-check');
		expect(mfa.body.mfaCheck).toMatchObject({ mandatory: true });
		// The case page shows it with its legal basis.
		const page = await staff.officer!.get(`/cases/${id}`);
		const html = await page.text();
		expect(html).toContain('National Security Committee');
		expect(html).toContain('001 p.18 para 1 sub.2');
	});

	it('turns an optional MFA check already sent into a mandatory one', async () => {
		const id = await underReview();
		expect((await action('officer', id, 'request-mfa-check')).body.mfaCheck).toMatchObject({ mandatory: false });
		const r = await action('officer', id, 'record-risk-information', risk);
		expect(r.body.mfaCheck).toMatchObject({ mandatory: true });
	});

	it('without it, a repeat export of 1С350 goods is granted without the MFA check', async () => {
		const id = await underReview();
		await readyForGrant(id);
		expect((await action('head', id, 'decide', { outcome: 'grant' })).status).toBe(200);
	});
});

describe('control-system request and risk assessment (001 p.17 paras 1–2, p.20)', () => {
	it('goes out with the consultations; the body answers by token or liaison; the grant needs the assessment', async () => {
		const id = await underReview({ service: 'general-export-licence', goodsLines: goods('10С907') });
		const r = await action('officer', id, 'request-consultations', { agencies: ['nsc', 'mod'] });
		expect((r.body.controlRequests as Json[]).map((c) => c.agency).sort()).toEqual(['mod', 'nsc']);
		expect((r.body.events as Json[]).filter((e) => e.type === 'control-request:sent')).toHaveLength(2);
		for (const c of r.body.consultations as Json[])
			expect(
				(await post(`/api/v1/consultations/${c.id}/response`, { decision: 'approve' }, bearer(c.agency))).status
			).toBe(200);
		const nscRequest = (r.body.controlRequests as Json[]).find((c) => c.agency === 'nsc')!;
		const modRequest = (r.body.controlRequests as Json[]).find((c) => c.agency === 'mod')!;

		// The mod's token lists its own pending requests; it may not answer the nsc's.
		const list = (await (
			await fetch(app.url + '/api/v1/control-requests?status=pending', { headers: bearer('mod') })
		).json()) as Json;
		expect((list.controlRequests as Json[]).map((c) => c.id)).toContain(modRequest.id);
		expect((list.controlRequests as Json[]).map((c) => c.id)).not.toContain(nscRequest.id);
		const answer = { risks: false, information: 'No risks known.' };
		expect((await post(`/api/v1/control-requests/${nscRequest.id}/response`, answer, bearer('mod'))).status).toBe(403);
		expect(
			(await post(`/api/v1/control-requests/${modRequest.id}/response`, { risks: 'no' }, bearer('mod'))).status
		).toBe(422);
		expect((await post(`/api/v1/control-requests/${modRequest.id}/response`, answer, bearer('mod'))).status).toBe(200);
		expect((await post(`/api/v1/control-requests/${modRequest.id}/response`, answer, bearer('mod'))).status).toBe(409);

		// The assessment waits for every answer; the grant waits for the assessment (001 p.17 para 2, p.20).
		const early = await action('officer', id, 'record-risk-assessment', { result: 'positive', summary: 'x' });
		expect([early.status, early.body.error]).toEqual([409, expect.stringContaining('nsc')]);
		expect((await action('head', id, 'decide', { outcome: 'grant' })).body.error).toContain('control-system');

		// The nsc's liaison sees the request on the consultations page and answers in the browser session.
		const page = await (await staff['liaison-nsc']!.get('/consultations')).text();
		expect(page).toContain(r.body.number);
		const liaison = await staff['liaison-nsc']!.postJson(`/api/v1/control-requests/${nscRequest.id}/response`, {
			risks: true,
			information: 'The end user was named in a diversion case in 2025.'
		});
		expect(liaison.status).toBe(200);
		const negative = await action('officer', id, 'record-risk-assessment', {
			result: 'negative',
			summary: 'Diversion.'
		});
		expect((negative.body.events as Json[]).at(-1)).toMatchObject({
			type: 'risk:assessed',
			citation: '001 p.17 para 2',
			after: { result: 'negative', ground: 15 }
		});
		expect((await action('head', id, 'decide', { outcome: 'grant' })).body.error).toContain('ground 15');
		const html = await (await staff.officer!.get(`/cases/${id}`)).text();
		expect(html).toContain('diversion case in 2025');
	});
});

describe('information awaited from foreign competent bodies (001 Annex 1 row 3)', () => {
	it('suspends the term with its reason on the case page and in the API until the information arrives', async () => {
		await moveTo('2026-03-16T04:00:00.000Z'); // Monday 16 March, 09:00 Almaty
		const id = await underReview({ goodsLines: goods('2В001') });
		await moveTo('2026-03-17T05:00:00.000Z'); // Tuesday 17 March, 10:00 Almaty: day 1 of the term
		let view = (await (await staff.officer!.get(`/api/v1/cases/${id}`)).json()) as Json;
		const before = clockOf(view, 'service-term')!.dueDate as string;
		const ask = { body: 'BAFA', country: 'DE' };
		expect((await action('officer', id, 'request-foreign-information', { ...ask, country: 'Germany' })).status).toBe(
			422
		);
		const r = await action('officer', id, 'request-foreign-information', ask);
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(clockOf(r.body, 'service-term')).toMatchObject({
			state: 'suspended',
			suspensions: [{ reason: expect.stringContaining('foreign'), legalBasis: '001 Annex 1 row 3', to: null }]
		});
		expect(clockOf(r.body, 'hearing-notice')!.state).toBe('suspended');
		const html = await (await staff.officer!.get(`/cases/${id}`)).text();
		expect(html).toContain('BAFA, Germany (DE): requested');
		expect(html).toContain('001 Annex 1 row 3');
		const queue = await (await staff.officer!.get('/queue')).text();
		expect(queue).toContain('Information awaited from foreign competent bodies');

		// Two whole working days later (Tuesday 10:00 to Thursday 10:00: 2 × 480 working minutes) it arrives.
		await moveTo('2026-03-19T05:00:00.000Z');
		const got = await action('officer', id, 'record-foreign-information', { summary: 'End user confirmed.' });
		expect(got.status, JSON.stringify(got.body)).toBe(200);
		view = got.body;
		expect(clockOf(view, 'service-term')!.state).toBe('running');
		const { createCalendar } = await import('../../src/lib/domain/calendar');
		expect(clockOf(view, 'service-term')!.dueDate).toBe(createCalendar({}).addWorkingDays(before, 2));
	});
});
