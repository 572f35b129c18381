/**
 * 004 P 14–16 over real HTTP, on PGlite and on PostgreSQL: a device-verification case is read only
 * by the officers who work it and by heads, each read audited; its device data are destroyed one
 * month after the decision (ADR-022) and never enter the append-only trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { deviceApplication } from '../helpers/import-application';
import { auditEvents, caseEvents, cases } from '../../src/lib/server/db/schema';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let app: TestApp;
const staff: Record<string, HttpClient> = {};
let portal = '';
let seq = 0;
const IMEIS = ['356938035643809', '490154203237518'];

async function signedIn(username: string, roles: Parameters<TestApp['createUser']>[1], agencyCode?: string) {
	await app.createUser(username, roles, agencyCode ? { agencyCode } : {});
	const c = new HttpClient(app.url, `10.17.0.${++seq}`);
	expect((await c.signIn(username, TEST_PASSWORD)).status).toBe(201);
	staff[username] = c;
}

async function deviceCase(): Promise<{ id: string; number: string }> {
	const res = await fetch(app.url + '/api/v1/applications', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}` },
		body: JSON.stringify(deviceApplication({ externalId: `DV-${++seq}`, receivedAt: app.clock.now(), devices: IMEIS }))
	});
	const body = (await res.json()) as Json;
	expect(res.status, JSON.stringify(body)).toBe(201);
	return { id: body.id, number: body.number };
}

const action = async (user: string, id: string, name: string, body: unknown) => {
	const res = await staff[user]!.postJson(`/api/v1/cases/${id}/actions/${name}`, body);
	return { status: res.status, body: (await res.json()) as Json };
};

beforeAll(async () => {
	app = await startTestApp({ MERZIM_CLOCK: 'simulated' });
	for (const [name, roles] of Object.entries({
		admin: ['admin'],
		officer: ['officer'],
		officer2: ['officer'],
		head: ['head'],
		supervisor: ['supervisor'],
		reviewer: ['complaint_reviewer'],
		registrar: ['registrar']
	} as const))
		await signedIn(name, [...roles]);
	await signedIn('liaison', ['agency_liaison'], 'nsc');
	const res = await staff.admin!.postJson('/api/v1/admin/tokens', { name: 'portal', kind: 'portal' });
	portal = ((await res.json()) as Json).token;
}, 60_000);
afterAll(() => app?.close());

describe('who reads a device-verification case (004 P 14–15)', () => {
	it('answers those who do not work it as if it did not exist, and audits every read', async () => {
		const c = await deviceCase();
		expect((await action('head', c.id, 'assign', { username: 'officer' })).status).toBe(200);
		for (const who of ['officer', 'head'])
			expect((await staff[who]!.get(`/api/v1/cases/${c.id}`)).status, who).toBe(200);
		for (const who of ['officer2', 'supervisor', 'reviewer', 'registrar', 'admin'])
			expect((await staff[who]!.get(`/api/v1/cases/${c.id}`)).status, who).toBe(404);
		expect((await staff.liaison!.get(`/api/v1/cases/${c.id}`)).status).toBe(403);
		expect((await staff.supervisor!.get(`/cases/${c.id}`)).status).toBe(404);
		expect((await staff.officer!.get(`/cases/${c.id}`)).status).toBe(200);
		// Not listed either: the queue and the case list of a supervisor, a registrar, another officer.
		for (const who of ['supervisor', 'registrar', 'officer2']) {
			expect(await (await staff[who]!.get('/queue?tab=all')).text(), who).not.toContain(c.number);
			expect(await (await staff[who]!.get('/cases')).text(), who).not.toContain(c.number);
		}
		expect(await (await staff.officer!.get('/queue?tab=all')).text()).toContain(c.number);
		const reads = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.stream, `case-access:${c.id}`));
		expect(reads.map((r) => [r.actorLabel, r.citation, (r.after as Json).via])).toEqual(
			expect.arrayContaining([
				['officer', '004 P 14–15', 'api'],
				['head', '004 P 14–15', 'api'],
				['officer', '004 P 14–15', 'page']
			])
		);
		expect(reads.some((r) => ['supervisor', 'officer2'].includes(r.actorLabel))).toBe(false);
	});
});

describe('the retention of device data (004 P 16; ADR-022)', () => {
	it('destroys the IMEIs a month after the decision, audited, and never wrote them to the trail', async () => {
		const c = await deviceCase();
		await action('head', c.id, 'assign', { username: 'officer' });
		for (const imei of IMEIS)
			expect((await action('officer', c.id, 'verify-device', { imei, result: 'confirmed' })).status).toBe(200);
		const trail = await app.ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
		for (const imei of IMEIS) expect(JSON.stringify(trail)).not.toContain(imei);
		expect(trail.filter((e) => e.type === 'device:verified').map((e) => (e.after as Json).device)).toEqual([1, 2]);

		// Still needed within the month: nothing is destroyed.
		expect(await app.ctx.deviceRetention.sweep()).not.toContain(c.id);
		app.clock.advance(40 * 86_400_000);
		expect(await app.ctx.deviceRetention.sweep()).toContain(c.id);
		expect(await app.ctx.deviceRetention.sweep()).not.toContain(c.id);

		const dump = async (table: string) =>
			JSON.stringify(await app.ctx.db.execute(`select * from ${table} where case_id = '${c.id}'` as never));
		for (const table of ['device_checks', 'clocks', 'case_events'])
			for (const imei of IMEIS) expect(await dump(table), table).not.toContain(imei);
		// The test's one clock also runs the sessions: the head signs in again after the month.
		staff.head!.cookies.clear();
		expect((await staff.head!.signIn('head', TEST_PASSWORD)).status).toBe(201);
		const res = await staff.head!.get(`/api/v1/cases/${c.id}`);
		expect(res.status).toBe(200);
		const head = (await res.json()) as Json;
		expect(JSON.stringify(head)).not.toContain(IMEIS[0]);
		const [row] = await app.ctx.db.select().from(cases).where(eq(cases.id, c.id));
		expect(row!.application).toMatchObject({ devicesDestroyed: 2 });
		expect(row!.application).not.toHaveProperty('devices');
		const [destroyed] = await app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, c.id), like(caseEvents.type, 'device:data-destroyed')));
		expect(destroyed).toMatchObject({ citation: '004 P 16', actorLabel: 'system', after: { devices: 2 } });
	});
});
