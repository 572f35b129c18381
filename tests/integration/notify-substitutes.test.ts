/**
 * Out of office over real HTTP (ADR-061, ADR-087), on PGlite and on PostgreSQL: an officer declares
 * an absence on the account page (each wrong field named), a head assigns her a device-verification
 * case meanwhile — still hers, the event naming who stands in, the notification going to the
 * substitute — and the substitute opens the case, page and API, as she could (004 P 14–15), until
 * the absence is cancelled. A colleague of another unit may neither stand in nor open it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { deviceApplication } from '../helpers/import-application';
import { absences, auditEvents, caseEvents, cases, notifications, users } from '../../src/lib/server/db/schema';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let app: TestApp;
const staff: Record<string, HttpClient> = {};
const ids: Record<string, number> = {};
let portal = '';
let seq = 0;
let caseId = '';

beforeAll(async () => {
	app = await startTestApp();
	for (const [name, roles, unit] of [
		['admin', ['admin'], null],
		['head', ['head'], 'U1'],
		['olga', ['officer'], 'U1'],
		['sub', ['officer'], 'U1'],
		['registrar', ['registrar'], 'U1'],
		['erlan', ['officer'], 'U2']
	] as const) {
		ids[name] = await app.createUser(name, [...roles]);
		if (unit) await app.ctx.db.update(users).set({ unit }).where(eq(users.id, ids[name]!));
		const c = new HttpClient(app.url, `10.23.0.${++seq}`);
		expect((await c.signIn(name, TEST_PASSWORD)).status).toBe(201);
		staff[name] = c;
	}
	const res = await staff.admin!.postJson('/api/v1/admin/tokens', { name: 'portal', kind: 'portal' });
	portal = ((await res.json()) as Json).token;
}, 120_000);
afterAll(() => app?.close());

const setAbsence = async (who: string, fields: Record<string, string>) =>
	actionResult(await staff[who]!.postForm('/account?/setAbsence', fields));

async function deviceCase(): Promise<string> {
	const res = await fetch(app.url + '/api/v1/applications', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}` },
		body: JSON.stringify(
			deviceApplication({ externalId: `DV-SUB-${++seq}`, receivedAt: app.clock.now(), devices: ['356938035643809'] })
		)
	});
	const body = (await res.json()) as Json;
	expect(res.status, JSON.stringify(body)).toBe(201);
	return body.id as string;
}

// The test clock stands at 2026-03-02 09:00 in Almaty.
const valid = { from: '2026-03-02', to: '2026-03-06', substitute: 'sub', reason: 'business-trip' };

describe('the account page’s absence form (ADR-087)', () => {
	it('offers only the colleagues who may stand in, and names each wrong field', async () => {
		const page = await (await staff.olga!.get('/account')).text();
		expect(page).toContain('<option value="sub">');
		// A head of the same unit works cases too, so maySubstitute lets her stand in (ADR-061).
		expect(page).toContain('<option value="head">');
		for (const not of ['erlan', 'registrar', 'olga']) expect(page).not.toContain(`<option value="${not}`);
		for (const [fields, field, code] of [
			[{ from: '2026-03-01' }, 'from', 'from-past'],
			[{ to: '2026-03-01' }, 'to', 'to-before-from'],
			[{ from: '2026-02-30' }, 'from', 'from-invalid'],
			[{ substitute: '' }, 'substitute', 'substitute-missing'],
			[{ substitute: 'erlan' }, 'substitute', 'substitute-not-eligible'],
			[{ substitute: 'registrar' }, 'substitute', 'substitute-not-eligible'],
			[{ reason: 'holiday' }, 'reason', 'reason']
		] as const) {
			const r = await setAbsence('olga', { ...valid, ...fields });
			expect(r.status, JSON.stringify(fields)).toBe(400);
			expect((r.data as Json).absenceErrors, JSON.stringify(fields)).toEqual({ [field]: code });
			// What was typed comes back, to be corrected rather than typed again.
			expect((r.data as Json).absenceValues.substitute).toBe({ ...valid, ...fields }.substitute);
		}
		expect(await app.ctx.db.select().from(absences)).toEqual([]);
		// A registrar does not work cases: no form, and the action refuses.
		expect(await (await staff.registrar!.get('/account')).text()).not.toContain('action="?/setAbsence"');
		expect((await setAbsence('registrar', valid)).status).toBe(403);
	});

	it('declares an absence, lists it, refuses an overlapping one, audited', async () => {
		const r = await setAbsence('olga', valid);
		expect(r, JSON.stringify(r)).toMatchObject({ type: 'success', data: { absenceCode: 'saved' } });
		const [row] = await app.ctx.db.select().from(absences).where(eq(absences.userId, ids.olga!));
		expect(row).toMatchObject({
			substituteId: ids.sub,
			reason: 'business-trip',
			startsAt: new Date('2026-03-01T19:00:00Z'),
			endsAt: new Date('2026-03-06T19:00:00Z')
		});
		const page = await (await staff.olga!.get('/account')).text();
		expect(page).toContain(`name="id" value="${row!.id}"`);
		const overlap = await setAbsence('olga', { ...valid, from: '2026-03-06', to: '2026-03-09' });
		expect((overlap.data as Json).absenceErrors).toEqual({ from: 'overlap' });
		const audited = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `user:${ids.olga}`), eq(auditEvents.type, 'absence-set')));
		expect(audited).toHaveLength(1);
	});
});

describe('while she is away (ADR-061, ADR-087)', () => {
	it('an assignment stays hers, names the substitute, and notifies the substitute', async () => {
		caseId = await deviceCase();
		const res = await staff.head!.postJson(`/api/v1/cases/${caseId}/actions/assign`, { username: 'olga' });
		expect(res.status).toBe(200);
		const [c] = await app.ctx.db.select({ assigneeId: cases.assigneeId }).from(cases).where(eq(cases.id, caseId));
		expect(c!.assigneeId).toBe(ids.olga);
		const [event] = await app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'case:assigned')));
		expect(event!.after).toMatchObject({
			assignee: 'olga',
			standIn: { substitute: 'sub', until: '2026-03-06T19:00:00.000Z' }
		});
		const notes = await app.ctx.db
			.select()
			.from(notifications)
			.where(and(eq(notifications.caseId, caseId), inArray(notifications.userId, [ids.olga!, ids.sub!])));
		expect(notes.map((n) => [n.userId, n.kind, n.onBehalfOf])).toEqual([[ids.sub, 'assigned', ids.olga]]);
	});

	it('the substitute opens her device case, page and API; another unit’s officer does not', async () => {
		expect((await staff.sub!.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
		expect((await staff.sub!.get(`/cases/${caseId}`)).status).toBe(200);
		expect(await (await staff.sub!.get('/queue?tab=mine')).text()).toContain(caseId);
		for (const who of ['erlan', 'registrar']) {
			expect((await staff[who]!.get(`/api/v1/cases/${caseId}`)).status, who).toBe(404);
			expect((await staff[who]!.get(`/cases/${caseId}`)).status, who).toBe(404);
		}
		// Each read is audited as the device rule asks (004 P 14–15), the substitute's too.
		const reads = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `case-access:${caseId}`), eq(auditEvents.actorId, ids.sub!)));
		expect(reads.length).toBeGreaterThanOrEqual(2);
	});

	it('cancelled, the absence ends: the substitute no longer opens the case', async () => {
		const [row] = await app.ctx.db.select().from(absences).where(eq(absences.userId, ids.olga!));
		// Only one's own absences are cancelled.
		const foreign = await actionResult(await staff.sub!.postForm('/account?/cancelAbsence', { id: row!.id }));
		expect(foreign).toMatchObject({ status: 404, data: { absenceCode: 'not-found' } });
		const r = await actionResult(await staff.olga!.postForm('/account?/cancelAbsence', { id: row!.id }));
		expect(r).toMatchObject({ type: 'success', data: { absenceCode: 'cancelled' } });
		expect(await (await staff.olga!.get('/account')).text()).not.toContain(`value="${row!.id}"`);
		expect((await staff.sub!.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
		expect((await staff.sub!.get(`/cases/${caseId}`)).status).toBe(404);
		expect((await staff.olga!.get(`/cases/${caseId}`)).status).toBe(200);
	});
});
