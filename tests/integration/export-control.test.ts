/**
 * Export-control rules of 001 for export and general licences over real HTTP, on PGlite and on
 * PostgreSQL, with the simulated clock: the original guarantee (p.18 para 2) and risk information
 * received after registration (p.18 para 1 sub.2). Dates are counted by hand from the act and the
 * 2026 calendar (Sunday 8 March → the holiday moves to Monday 9 March).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';

let app: TestApp;
const staff: Record<string, HttpClient> = {};
const tokens: Record<string, string> = {};
let seq = 0;

// Monday 2 March 2026, 09:00 Almaty.
const START = '2026-03-02T04:00:00.000Z';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function signedIn(username: string, roles: Parameters<TestApp['createUser']>[1]) {
	await app.createUser(username, roles);
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
	service: 'export-licence',
	externalId: `EC-${++seq}`,
	receivedAt: app.ctx.clock.now().toISOString(),
	applicant: { bin: '000740001307', name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, пр. Мангилик Ел, 55' },
	goodsLines: goods('1С350'),
	counterparty: { name: 'Horizon Trading FZE', country: 'AE' },
	endUser: { name: 'Horizon Trading FZE', country: 'AE' },
	firstExportToCounterparty: false,
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
	return body;
}

/** Registered, assigned to `officer`, completeness confirmed. */
async function underReview(over: Json = {}): Promise<string> {
	const id = (await submit(over)).id as string;
	expect((await action('officer', id, 'assign', { username: 'officer' })).status).toBe(200);
	expect((await action('officer', id, 'complete-check', { complete: true })).status).toBe(200);
	return id;
}

const clockOf = (c: Json, kind: string) => (c.clocks as Json[]).find((k) => k.kind === kind);

beforeAll(async () => {
	app = await startTestApp({ MERZIM_CLOCK: 'simulated' });
	app.clock.set(new Date(START));
	await signedIn('admin', ['admin']);
	await signedIn('officer', ['officer']);
	await signedIn('head', ['head']);
	await signedIn('registrar', ['registrar']);
	const res = await staff.admin!.postJson('/api/v1/admin/tokens', { name: 'portal integration', kind: 'portal' });
	expect(res.status).toBe(201);
	tokens.portal = ((await res.json()) as Json).token;
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
		expect(clockOf(r.body, 'original-guarantee').state).toBe('met');
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
		expect((await action('head', id, 'decide', { outcome: 'grant' })).status).toBe(200);
	});
});
