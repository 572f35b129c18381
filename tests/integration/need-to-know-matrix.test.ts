/**
 * Need to know, as a matrix: every route (found from the file tree: each page, its `__data.json`,
 * each API endpoint) and the socket's case events and replay, as every audience — each staff role,
 * officers in and outside the case's unit, the wall board, the portal, an agency and the MFA with
 * their tokens, an anonymous visitor, a disabled and a demoted user — against a case carrying
 * unique markers (tests/helpers/marked-case.ts). No audience may receive a marker it must not
 * know: the confidential ground's basis only the officers with the case in hand, heads and
 * supervisors (001 p.19 para 5); what other bodies and the Committee's staff wrote only staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { annex1Application } from '../helpers/import-application';
import { thermalImagingModule } from '../helpers/goods-lines';
import {
	forbiddenFor,
	markersIn,
	MARKERS,
	seedMarkedCase,
	type Clearance,
	type MarkedCase,
	type MarkerName
} from '../helpers/marked-case';
import { walkRoutes } from '../helpers/route-walk';
import { appendCaseEvents } from '../../src/lib/server/audit/audit.repository';
import type { AgencyCode } from '../../src/lib/domain/reference/agencies';
import {
	CASE_EVENT_TYPES,
	type CaseEventEnvelope,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/realtime/contract';
import type { Role } from '../../src/lib/domain/access/roles';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Audience {
	name: string;
	clearance: Clearance;
	/** A signed-in user (roles, unit), a bearer token, or nobody. */
	user?: { roles: Role[]; unit?: string; agencyCode?: string; then?: 'disable' | 'demote' };
	token?: { kind: 'portal' | 'mfa' | 'agency'; agencyCode?: AgencyCode };
	socket?: boolean;
}

/** Who is asked, and the most each may know. The case is of unit U1, assigned to `assignee`. */
const AUDIENCES: Audience[] = [
	{ name: 'assignee', clearance: 'staff-full', user: { roles: ['officer'], unit: 'U1' }, socket: true },
	{ name: 'officer-of-unit', clearance: 'staff-full', user: { roles: ['officer'], unit: 'U1' }, socket: true },
	{ name: 'officer-other-unit', clearance: 'staff', user: { roles: ['officer'], unit: 'U2' }, socket: true },
	{ name: 'registrar', clearance: 'staff', user: { roles: ['registrar'], unit: 'U1' }, socket: true },
	{ name: 'head', clearance: 'staff-full', user: { roles: ['head'] }, socket: true },
	{ name: 'supervisor', clearance: 'staff-full', user: { roles: ['supervisor'] }, socket: true },
	{ name: 'complaint-reviewer', clearance: 'staff', user: { roles: ['complaint_reviewer'] }, socket: true },
	{ name: 'admin', clearance: 'staff', user: { roles: ['admin'] }, socket: true },
	{ name: 'agency-liaison', clearance: 'none', user: { roles: ['agency_liaison'], agencyCode: 'mod' }, socket: true },
	{ name: 'board-kiosk', clearance: 'none', user: { roles: ['wallboard'] }, socket: true },
	{ name: 'portal-token', clearance: 'none', token: { kind: 'portal' } },
	{ name: 'agency-token', clearance: 'none', token: { kind: 'agency', agencyCode: 'moh' } },
	{ name: 'mfa-token', clearance: 'none', token: { kind: 'mfa' } },
	{ name: 'anonymous', clearance: 'none' },
	{ name: 'disabled-user', clearance: 'none', user: { roles: ['officer'], unit: 'U1', then: 'disable' }, socket: true },
	// An officer of the unit made a registrar after signing in: from then on, without the basis.
	{ name: 'demoted-user', clearance: 'staff', user: { roles: ['officer'], unit: 'U1', then: 'demote' }, socket: true }
];

let app: TestApp;
let caseA: MarkedCase;
let caseB: MarkedCase;
const ids: Record<string, number> = {};
const clients: Record<string, HttpClient> = {};
const bearers: Record<string, string> = {};
const extraTokens: Record<string, string> = {};
const sockets: ClientSocket[] = [];

beforeAll(async () => {
	app = await startTestApp();
	const admin = { userId: null, label: 'test' };
	for (const a of AUDIENCES.filter((x) => x.user)) {
		ids[a.name] = await app.ctx.users.create(
			{
				username: a.name,
				// The assignee's name is one of the markers (the applicant must not learn who works the case).
				displayName: a.name === 'assignee' ? MARKERS.assignee.text : a.name,
				password: TEST_PASSWORD,
				roles: a.user!.roles,
				unit: a.user!.unit ?? null,
				agencyCode: a.user!.agencyCode
			},
			admin
		);
	}
	caseA = await seedMarkedCase(app, {
		number: 'EL-NTK-1',
		unit: 'U1',
		assigneeId: ids.assignee!,
		pendingAgencies: ['mod', 'moh'],
		deemedAgencies: ['afm']
	});
	caseB = await seedMarkedCase(app, { number: 'EL-NTK-2', unit: 'U1', assigneeId: ids.assignee!, mfaPending: true });
	for (const a of AUDIENCES.filter((x) => x.token)) {
		const t = a.token!;
		bearers[a.name] = (await app.ctx.tokens.issue({ name: `${a.name}-t`, ...t }, admin)).token;
	}
	extraTokens.afm = (await app.ctx.tokens.issue({ name: 'afm-t', kind: 'agency', agencyCode: 'afm' }, admin)).token;
	let n = 0;
	for (const a of AUDIENCES) {
		const http = new HttpClient(app.url, `10.77.${++n}.1`);
		clients[a.name] = http;
		if (!a.user) continue;
		expect((await http.signIn(a.name, TEST_PASSWORD)).status).toBe(201);
		if (a.user.then === 'disable') await app.ctx.users.setDisabled(ids[a.name]!, true, admin);
		if (a.user.then === 'demote') await app.ctx.users.setRoles(ids[a.name]!, ['registrar'], admin);
	}
}, 120_000);

afterAll(async () => {
	for (const s of sockets) s.disconnect();
	await app?.close();
});

async function get(a: Audience, url: string): Promise<{ status: number; text: string }> {
	const headers: Record<string, string> = {
		accept: url.endsWith('__data.json') ? '*/*' : 'text/html,application/json'
	};
	if (bearers[a.name]) headers.authorization = `Bearer ${bearers[a.name]}`;
	const res = await clients[a.name]!.request(url, { headers });
	return { status: res.status, text: await res.text() };
}

/** "url: marker, marker" for each response that carries a marker this audience must not know. */
function leaks(a: Audience, responses: { url: string; text: string }[]): string[] {
	const forbidden = forbiddenFor(a.clearance);
	return responses.flatMap((r) => {
		const found = markersIn(r.text, forbidden);
		return found.length ? [`${r.url}: ${found.join(', ')}`] : [];
	});
}

describe('every route, as every audience', () => {
	const params = () => ({ id: caseA.id, action: 'decide', year: '2026', date: '2026-03-02' });

	it('finds the routes from the file tree', () => {
		const urls = walkRoutes(params());
		expect(urls.some((u) => u.url === `/cases/${caseA.id}/__data.json`)).toBe(true);
		expect(urls.some((u) => u.url === `/api/v1/cases/${caseA.id}`)).toBe(true);
		expect(urls.filter((u) => u.kind === 'api').length).toBeGreaterThan(20);
	});

	it.each(AUDIENCES.map((a) => [a.name, a] as const))('%s receives no marker it must not know', async (_n, a) => {
		const urls = [
			...walkRoutes(params()),
			{ url: `/queue/__data.json?tab=all`, kind: 'page-data' },
			{ url: `/api/v1/cases/${caseB.id}`, kind: 'api' }
		];
		const responses: { url: string; text: string }[] = [];
		for (const u of urls) responses.push({ url: u.url, ...(await get(a, u.url)) });
		expect(leaks(a, responses)).toEqual([]);
	});

	it('is not vacuous: staff with the case in hand do read the basis, other staff the rest', async () => {
		const head = AUDIENCES.find((a) => a.name === 'head')!;
		const page = await get(head, `/cases/${caseA.id}/__data.json`);
		expect(markersIn(page.text, ['basis', 'objection', 'staffActor'])).toEqual(['basis', 'objection', 'staffActor']);
		const registrar = AUDIENCES.find((a) => a.name === 'registrar')!;
		const api = await get(registrar, `/api/v1/cases/${caseA.id}`);
		expect(markersIn(api.text, ['objection', 'mfaReference', 'hearingNote', 'decisionNote', 'assignee'])).toHaveLength(
			5
		);
	});
});

describe('the liaison sees what it is asked (001 p.16), and nothing outside it', () => {
	const audience = (name: string) => AUDIENCES.find((a) => a.name === name)!;
	/** Of the application: the goods with both codes, description, quantity; the parties and their countries. */
	const ASKED = ['8526910000', '1С350', 'Thermal imaging module', 'Horizon Trading FZE', '"AE"', '"quantity"'];
	/** Of the case, nothing an agency is not asked about: the applicant, the goods' value, MFA-decisive flags. */
	const NOT_ASKED = ['000740001307', 'Маркер', '"value"', '"currency"', '120000', 'firstExportToCounterparty'];

	it.each([
		['agency-liaison', '/consultations/__data.json', 'EL-NTK-1'],
		['agency-liaison', '/api/v1/consultations', 'EL-NTK-1'],
		['agency-token', '/api/v1/consultations?status=pending', 'EL-NTK-1']
	])('%s at %s: the goods, codes, quantities, parties and countries of %s', async (name, url, number) => {
		const r = await get(audience(name), url);
		expect(r.status).toBe(200);
		expect(r.text).toContain(number);
		for (const s of ASKED) expect(r.text).toContain(s);
		for (const s of NOT_ASKED) expect(r.text).not.toContain(s);
		expect(leaks(audience(name), [{ url, ...r }])).toEqual([]);
	});

	it('the page shows them to the liaison', async () => {
		const r = await get(audience('agency-liaison'), '/consultations');
		for (const s of ['8526910000', '1С350', 'Thermal imaging module', 'Horizon Trading FZE'])
			expect(r.text).toContain(s);
		for (const s of NOT_ASKED) expect(r.text).not.toContain(s);
	});

	it("the liaison's search finds its agency's case by number and code, without the applicant", async () => {
		const liaison = audience('agency-liaison');
		const byNumber = await get(liaison, '/api/v1/search?q=EL-NTK');
		expect(byNumber.status).toBe(200);
		const body = JSON.parse(byNumber.text) as { groups: { hits: { number: string; applicant: unknown }[] }[] };
		// mod is consulted on case A only.
		expect(body.groups.flatMap((g) => g.hits.map((h) => h.number))).toEqual(['EL-NTK-1']);
		expect(body.groups.flatMap((g) => g.hits.map((h) => h.applicant))).toEqual([null]);
		expect((await get(liaison, '/api/v1/search?q=000740001307')).text).not.toContain('EL-NTK');
		expect((await get(liaison, '/api/v1/search?q=маркер')).text).not.toContain('EL-NTK');
		expect((await get(liaison, '/api/v1/search?q=1c350')).text).toContain('EL-NTK-1');
	});

	it('the wall board, the portal and anonymous callers cannot search', async () => {
		expect((await get(audience('board-kiosk'), '/api/v1/search?q=EL-NTK')).status).toBe(403);
		expect((await get(audience('anonymous'), '/api/v1/search?q=EL-NTK')).status).toBe(401);
		expect((await get(audience('portal-token'), '/api/v1/search?q=EL-NTK')).status).toBe(401);
	});
});

describe('what a write answers its writer', () => {
	const audience = (name: string) => AUDIENCES.find((a) => a.name === name)!;
	const post = (name: string, url: string, body: unknown, bearer = bearers[name]) =>
		clients[name]!.postJson(url, body, {
			'idempotency-key': `ntk-${name}-${url}`,
			...(bearer ? { authorization: `Bearer ${bearer}` } : {})
		});
	const check = async (name: string, res: Response) => {
		const text = await res.text();
		return {
			status: res.status,
			json: JSON.parse(text) as Record<string, unknown>,
			leaked: leaks(audience(name), [{ url: res.url, text }])
		};
	};

	it('an agency answering gets its own consultation back, not the case (001 p.16)', async () => {
		const r = await check(
			'agency-token',
			await post('agency-token', `/api/v1/consultations/${caseA.pending.moh}/response`, {
				decision: 'object',
				reason: 'our own reason'
			})
		);
		expect(r.leaked).toEqual([]);
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			id: caseA.pending.moh,
			agency: 'moh',
			decision: 'object',
			reason: 'our own reason'
		});
		expect(r.json).not.toHaveProperty('events');
		expect(r.json).not.toHaveProperty('consultations');
	});

	it('a liaison answering in the browser gets the same', async () => {
		const r = await check(
			'agency-liaison',
			await post('agency-liaison', `/api/v1/consultations/${caseA.pending.mod}/response`, { decision: 'approve' })
		);
		expect(r.leaked).toEqual([]);
		expect(r.json).toMatchObject({ id: caseA.pending.mod, decision: 'approve' });
	});

	it('a late answer, refused with 409, carries no case data either', async () => {
		const res = await post(
			'agency-token',
			`/api/v1/consultations/${caseA.deemed.afm}/response`,
			{ decision: 'object', reason: 'late' },
			extraTokens.afm
		);
		const r = await check('agency-token', res);
		expect(r.status).toBe(409);
		expect(r.leaked).toEqual([]);
	});

	it('the MFA posting a result gets its own check back (001 p.17)', async () => {
		const r = await check(
			'mfa-token',
			await post('mfa-token', `/api/v1/mfa-checks/${caseB.mfaCheckId}/result`, {
				authentic: true,
				reference: 'MFA-OWN-1'
			})
		);
		expect(r.leaked).toEqual([]);
		expect(r.json).toMatchObject({ id: caseB.mfaCheckId, reference: 'MFA-OWN-1', authentic: true });
	});

	it('the portal re-sending an application gets the applicant’s view of the case', async () => {
		const r = await check(
			'portal-token',
			await post(
				'portal-token',
				'/api/v1/applications',
				annex1Application({
					service: 'export-licence',
					externalId: caseA.externalId,
					receivedAt: app.clock.now(),
					applicant: { name: 'ТОО «Маркер»' },
					goodsLine: { ...thermalImagingModule, hsCode: '8526910000', controlCode: '1С350', value: 1 },
					party: { name: 'Horizon Trading FZE', country: 'AE' },
					firstExportToCounterparty: true
				})
			)
		);
		expect(r.leaked).toEqual([]);
		expect(r.json).toMatchObject({ id: caseA.id, status: 'under-review', hearing: { grounds: [4, 9] } });
	});

	it('a staff action answers with the actor’s own view: refused or not, no basis without the case in hand', async () => {
		const refused = await check(
			'registrar',
			await post('registrar', `/api/v1/cases/${caseB.id}/actions/assign`, { username: 'officer-of-unit' })
		);
		expect(refused.status).toBe(403);
		expect(refused.leaked).toEqual([]);
		const done = await check(
			'head',
			await post('head', `/api/v1/cases/${caseB.id}/actions/assign`, { username: 'officer-of-unit' })
		);
		expect(done.status).toBe(200);
		expect(done.leaked).toEqual([]);
		expect(JSON.stringify(done.json)).toContain(MARKERS.basis.text);
	});
});

describe('socket case events and their replay, as every audience', () => {
	const received: Record<string, CaseEventEnvelope[]> = {};
	const replayed: Record<string, CaseEventEnvelope[]> = {};
	const refused: string[] = [];
	const socketOf: Record<string, ClientSocket> = {};

	beforeAll(async () => {
		for (const a of AUDIENCES.filter((x) => x.socket)) {
			const socket: ClientSocket = connect(app.url, {
				path: '/socket.io',
				transports: ['websocket'],
				extraHeaders: { cookie: clients[a.name]!.cookieHeader(), origin: app.url },
				forceNew: true,
				reconnection: false
			});
			sockets.push(socket);
			socketOf[a.name] = socket;
			received[a.name] = [];
			for (const type of CASE_EVENT_TYPES) socket.on(type, (e) => received[a.name]!.push(e));
			const ok = await new Promise<boolean>((resolve) => {
				socket.once('session:welcomed', () => resolve(true));
				socket.once('connect_error', () => resolve(false));
			});
			if (!ok) refused.push(a.name);
		}
		const staff = { userId: null, label: MARKERS.staffActor.text };
		const at = app.clock.now();
		const committed = await appendCaseEvents(app.ctx.db, caseA.id, [
			{
				type: 'refusal:preliminary-issued',
				actor: staff,
				at,
				after: { stage: 'hearing', grounds: [9], confidential: [9], restricted: { basis: MARKERS.basis.text } }
			},
			{
				type: 'consultation:answered',
				actor: { userId: null, label: 'agency:nsc' },
				at,
				after: { agency: 'nsc', decision: 'object', reason: MARKERS.objection.text }
			},
			{
				type: 'mfa:result-received',
				actor: { userId: null, label: 'mfa' },
				at,
				after: { authentic: true, reference: MARKERS.mfaReference.text }
			},
			{ type: 'hearing:held', actor: staff, at, after: { notes: MARKERS.hearingNote.text } }
		]);
		const last = committed.at(-1)!.id;
		const end = Date.now() + 10_000;
		while (!received.supervisor!.some((e) => e.id === last) && Date.now() < end)
			await new Promise((r) => setTimeout(r, 25));
		await new Promise((r) => setTimeout(r, 400)); // and whatever else was coming
		for (const a of AUDIENCES.filter((x) => x.socket && !refused.includes(x.name))) {
			const ack = await socketOf[a.name]!.timeout(5_000)
				.emitWithAck('events:replay', { afterId: 0 })
				.catch(() => null);
			replayed[a.name] = ack && 'data' in ack ? ack.data.events : [];
		}
	}, 60_000);

	it('a disabled user cannot connect at all', () => {
		expect(refused).toEqual(['disabled-user']);
	});

	it.each(AUDIENCES.filter((a) => a.socket).map((a) => [a.name, a] as const))(
		'%s: no forbidden marker live or in the replay',
		(_n, a) => {
			expect(
				leaks(a, [
					{ url: 'live', text: JSON.stringify(received[a.name]) },
					{ url: 'events:replay', text: JSON.stringify(replayed[a.name] ?? []) }
				])
			).toEqual([]);
		}
	);

	it('is not vacuous: the supervisor and the assignee receive the basis live and replayed', () => {
		for (const name of ['supervisor', 'assignee']) {
			const all: MarkerName[] = ['basis', 'objection', 'mfaReference', 'staffActor'];
			expect(markersIn(JSON.stringify(received[name]), all)).toEqual(all);
			expect(markersIn(JSON.stringify(replayed[name]), all)).toEqual(all);
		}
	});
});
