/**
 * Need to know, the drafting socket events: every audience of the matrix that can open a socket
 * tries `draft:join` on the marked case's refusal draft, then every other drafting event of the
 * contract. The draft carries the confidential ground's basis, typed in by its assignee (the
 * letter's text can hold anything; 001 p.19 para 5 forbids it reaching whoever may not know it).
 * Audiences without a right to the draft are refused with an error and receive no draft bytes;
 * readers receive the letter as typed and nothing else restricted; a reader cannot edit; a member
 * demoted or disabled while in the draft stops receiving it. A complaint reviewer, who may not know
 * the basis, reads only the signed letter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import {
	forbiddenFor,
	markersIn,
	MARKERS,
	seedMarkedCase,
	type Clearance,
	type MarkedCase
} from '../helpers/marked-case';
import { draftClient, seedCase, type DraftClient } from '../helpers/draft-clients';
import { eq } from 'drizzle-orm';
import { drafts } from '../../src/lib/server/db/schema';
import { BODY_FIELD, bodyText } from '../../src/lib/server/drafting/draft-state';
import { type ClientToServerEvents, type ServerToClientEvents } from '../../src/lib/realtime/contract';
import {
	decodeSyncMessage,
	encodeSyncStep1,
	encodeSyncUpdate,
	fromWire,
	toWire
} from '../../src/lib/realtime/draft-sync-messages';
import type { Role } from '../../src/lib/domain/access/roles';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Access = 'edit' | 'read' | null;

interface Audience {
	name: string;
	clearance: Clearance;
	roles: Role[];
	unit?: string;
	agencyCode?: string;
	/** What `draft:join` must answer (null: refused with the code draft-forbidden). */
	access: Access;
	/** Changed after signing in, before the socket connects. */
	then?: 'disable' | 'demote';
}

/** The matrix's socket audiences (need-to-know-matrix.test.ts), and what each may do with the draft (ADR-015). */
const AUDIENCES: Audience[] = [
	{ name: 'd-assignee', clearance: 'staff-full', roles: ['officer'], unit: 'U1', access: 'edit' },
	{ name: 'd-officer-of-unit', clearance: 'staff-full', roles: ['officer'], unit: 'U1', access: null },
	{ name: 'd-officer-other-unit', clearance: 'staff', roles: ['officer'], unit: 'U2', access: null },
	{ name: 'd-registrar', clearance: 'staff', roles: ['registrar'], unit: 'U1', access: null },
	{ name: 'd-head', clearance: 'staff-full', roles: ['head'], access: 'edit' },
	{ name: 'd-supervisor', clearance: 'staff-full', roles: ['supervisor'], access: 'read' },
	// Only the signed letter, not the draft (001 p.19 para 5).
	{ name: 'd-complaint-reviewer', clearance: 'staff', roles: ['complaint_reviewer'], access: null },
	{ name: 'd-admin', clearance: 'staff', roles: ['admin'], access: null },
	{ name: 'd-agency-liaison', clearance: 'none', roles: ['agency_liaison'], agencyCode: 'mod', access: null },
	{ name: 'd-board-kiosk', clearance: 'none', roles: ['wallboard'], access: null },
	{ name: 'd-disabled-user', clearance: 'none', roles: ['officer'], unit: 'U1', access: null, then: 'disable' },
	{ name: 'd-demoted-user', clearance: 'staff', roles: ['head'], access: null, then: 'demote' }
];

/** Everything a socket received, in order: the event name and its arguments. */
interface Capture {
	socket: ClientSocket;
	connected: boolean;
	events: { event: string; args: unknown[] }[];
}

let app: TestApp;
let caseA: MarkedCase;
let draftId: string;
let seeder: DraftClient;
/** The draft's body once seeded (the template's empty paragraphs around the letter). */
let seededText: string;
const ids: Record<string, number> = {};
const cookies: Record<string, string> = {};
const sockets: ClientSocket[] = [];
const admin = { userId: null, label: 'test' };
/** The letter as the assignee typed it: the basis of the confidential ground included. */
const LETTER = `Refusal on ground 9. ${MARKERS.basis.text} must never be written here.`;

async function createUser(name: string, roles: Role[], extra: { unit?: string; agencyCode?: string } = {}) {
	ids[name] = await app.ctx.users.create(
		{
			username: name,
			displayName: name === 'd-assignee' ? MARKERS.assignee.text : name,
			password: TEST_PASSWORD,
			roles,
			unit: extra.unit ?? null,
			agencyCode: extra.agencyCode
		},
		admin
	);
	const http = new HttpClient(app.url, `10.78.${Object.keys(ids).length}.1`);
	expect((await http.signIn(name, TEST_PASSWORD)).status).toBe(201);
	cookies[name] = http.cookieHeader();
}

async function open(name: string): Promise<Capture> {
	const socket: ClientSocket = connect(app.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie: cookies[name]!, origin: app.url },
		forceNew: true,
		reconnection: false
	});
	sockets.push(socket);
	const c: Capture = { socket, connected: false, events: [] };
	socket.onAny((event: string, ...args: unknown[]) => c.events.push({ event, args }));
	c.connected = await new Promise<boolean>((resolve) => {
		socket.once('session:welcomed', () => resolve(true));
		socket.once('connect_error', () => resolve(false));
	});
	return c;
}

const emit = (s: ClientSocket, event: string, payload: unknown) =>
	(s.timeout(5_000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)(event, payload).catch(() => 'no-ack');

/** The text of every base64 string in a value, decoded as UTF-8 (Yjs stores strings as UTF-8). */
function decodedStrings(value: unknown): string[] {
	if (typeof value === 'string')
		return /^[A-Za-z0-9+/]+=*$/.test(value) && value.length >= 4
			? [value, Buffer.from(value, 'base64').toString('utf8')]
			: [value];
	if (Array.isArray(value)) return value.flatMap(decodedStrings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(decodedStrings);
	return [];
}

/** What a capture holds, as text: the events' JSON and every base64 payload decoded. */
const visible = (c: Capture, extra: unknown[] = []) =>
	[JSON.stringify(c.events), JSON.stringify(extra), ...decodedStrings([c.events, extra])].join('\n');

/** Events that carry draft content or presence. */
const draftEvents = (c: Capture) => c.events.filter((e) => e.event.startsWith('draft:'));

/** The draft's body as a socket of this capture can rebuild it from what it received (plus replies). */
function rebuilt(c: Capture, replies: string[]): string {
	const doc = new Y.Doc();
	const wires = [
		...replies,
		...draftEvents(c)
			.filter((e) => e.event === 'draft:changes')
			.map((e) => (e.args[0] as { sync?: string }).sync)
			.filter((s): s is string => !!s)
	];
	for (const w of wires) {
		const m = decodeSyncMessage(fromWire(w));
		if (m && m.type !== 'step1') Y.applyUpdate(doc, m.update);
	}
	return bodyText(doc);
}

beforeAll(async () => {
	app = await startTestApp();
	for (const a of AUDIENCES) await createUser(a.name, a.roles, a);
	await createUser('d-head-demoted-live', ['head']);
	await createUser('d-head-disabled-live', ['head']);
	caseA = await seedMarkedCase(app, { number: 'EL-NTKD-1', unit: 'U1', assigneeId: ids['d-assignee']! });
	for (const a of AUDIENCES) {
		if (a.then === 'disable') await app.ctx.users.setDisabled(ids[a.name]!, true, admin);
		if (a.then === 'demote') await app.ctx.users.setRoles(ids[a.name]!, ['registrar'], admin);
	}
	// The assignee types the basis into the letter (the editor warns; nothing stops it).
	seeder = await draftClient(app.url, cookies['d-assignee']!, caseA.id, 'assignee');
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(LETTER)]);
	seeder.doc.getXmlFragment(BODY_FIELD).insert(0, [p]);
	const end = Date.now() + 10_000;
	while (seeder.provider.state.unsaved > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
	expect(seeder.provider.state.unsaved).toBe(0);
	draftId = seeder.provider.state.draftId!;
	seededText = seeder.text();
	expect(seededText).toContain(LETTER);
}, 120_000);

afterAll(async () => {
	seeder?.close();
	for (const s of sockets) s.disconnect();
	await app?.close();
});

describe('drafting socket events, as every audience', () => {
	const results: Record<string, { c: Capture; join: unknown; replies: string[]; others: Record<string, unknown> }> = {};

	beforeAll(async () => {
		for (const a of AUDIENCES) {
			const c = await open(a.name);
			const join = c.connected ? await emit(c.socket, 'draft:join', { caseId: caseA.id }) : 'not-connected';
			const others: Record<string, unknown> = {};
			let replies: string[] = [];
			if (c.connected) {
				const step1 = await emit(c.socket, 'draft:sync', {
					draftId,
					message: toWire(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
				});
				if (step1 && typeof step1 === 'object' && 'data' in step1)
					replies = (step1 as { data: { replies: string[] } }).data.replies;
				others.step1 = step1;
				// An edit, from a fresh document (nothing to merge).
				const sneaky = new Y.Doc();
				const updates: Uint8Array[] = [];
				sneaky.on('update', (u: Uint8Array) => updates.push(u));
				sneaky.getXmlFragment(BODY_FIELD).insert(0, [new Y.XmlElement('paragraph')]);
				others.update = await emit(c.socket, 'draft:sync', { draftId, message: toWire(encodeSyncUpdate(updates[0]!)) });
				const presence = new Awareness(sneaky);
				presence.setLocalState({ name: 'forged', cursor: null });
				others.awareness = await emit(c.socket, 'draft:awareness', {
					draftId,
					update: toWire(encodeAwarenessUpdate(presence, [sneaky.clientID]))
				});
				others.leave = await emit(c.socket, 'draft:leave', { draftId });
			}
			results[a.name] = { c, join, replies, others };
		}
		await new Promise((r) => setTimeout(r, 300)); // whatever else was coming
	}, 120_000);

	it('only the disabled user cannot connect at all', () => {
		expect(AUDIENCES.filter((a) => !results[a.name]!.c.connected).map((a) => a.name)).toEqual(['d-disabled-user']);
	});

	it.each(AUDIENCES.map((a) => [a.name, a] as const))('%s: draft:join answers its access, or is refused', (_n, a) => {
		const { join } = results[a.name]!;
		if (a.name === 'd-disabled-user') return expect(join).toBe('not-connected');
		if (a.access === null) return expect(join).toEqual({ error: expect.any(String), code: 'draft-forbidden' });
		expect(join).toMatchObject({ data: { draftId, caseId: caseA.id, access: a.access, status: 'drafting' } });
		if (a.access === 'edit') expect(results[a.name]!.others.update).toEqual({ data: { replies: [] } });
	});

	it.each(AUDIENCES.filter((a) => a.access === null).map((a) => [a.name, a] as const))(
		'%s: refused every drafting event, receives no draft bytes',
		(_n, a) => {
			const { c, others } = results[a.name]!;
			if (c.connected) {
				expect(others.step1).toEqual({ error: expect.any(String), code: 'draft-not-joined' });
				expect(others.update).toEqual({ error: expect.any(String), code: 'draft-not-joined' });
				expect(others.awareness).toEqual({ error: expect.any(String), code: 'draft-not-joined' });
				// Leaving what one never joined changes nothing and says nothing.
				expect(others.leave).toEqual({ data: null });
			}
			expect(draftEvents(c)).toEqual([]);
			expect(markersIn(visible(c), Object.keys(MARKERS) as (keyof typeof MARKERS)[])).toEqual([]);
		}
	);

	it.each(AUDIENCES.filter((a) => a.access === 'read').map((a) => [a.name, a] as const))(
		'%s: reads the letter as typed, may not edit it',
		(_n, a) => {
			const { c, replies, others } = results[a.name]!;
			expect(others.update).toEqual({ error: expect.any(String), code: 'draft-read-only' });
			// The letter as it stands (the editors before it added an empty paragraph each).
			expect(rebuilt(c, replies)).toBe(seeder.text());
		}
	);

	it.each(AUDIENCES.filter((a) => a.access !== null).map((a) => [a.name, a] as const))(
		'%s: nothing it must not know beyond the letter’s own text',
		(_n, a) => {
			const { c, replies } = results[a.name]!;
			// The letter's text is what the editors typed; everything else the server sent is checked whole.
			const letterMarkers = markersIn(LETTER, forbiddenFor(a.clearance));
			const found = markersIn(visible(c, replies), forbiddenFor(a.clearance)).filter((m) => !letterMarkers.includes(m));
			expect(found).toEqual([]);
		}
	);

	it('is not vacuous: the supervisor rebuilds the basis typed into the letter', () => {
		const { c, replies } = results['d-supervisor']!;
		expect(markersIn(visible(c, replies), ['basis'])).toEqual(['basis']);
	});

	it('a complaint reviewer, who may not know the basis, gets none of a draft that holds it (001 p.19 para 5)', () => {
		const { c, join } = results['d-complaint-reviewer']!;
		expect(forbiddenFor('staff')).toContain('basis');
		expect(join).toEqual({ error: expect.any(String), code: 'draft-forbidden' });
		expect(markersIn(visible(c), ['basis'])).toEqual([]);
	});
});

describe('a member whose rights change while in the draft', () => {
	async function joined(name: string): Promise<Capture> {
		const c = await open(name);
		expect(await emit(c.socket, 'draft:join', { caseId: caseA.id })).toMatchObject({ data: { access: 'edit' } });
		return c;
	}

	async function typeAfter(text: string) {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText(text)]);
		seeder.doc.getXmlFragment(BODY_FIELD).insert(seeder.doc.getXmlFragment(BODY_FIELD).length, [p]);
		const end = Date.now() + 10_000;
		while (seeder.provider.state.unsaved > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
		await new Promise((r) => setTimeout(r, 300));
	}

	it('demoted: told its access is gone, then receives no more of the draft and is refused', async () => {
		const c = await joined('d-head-demoted-live');
		await app.ctx.users.setRoles(ids['d-head-demoted-live']!, ['registrar'], admin);
		const end = Date.now() + 10_000;
		while (!c.events.some((e) => e.event === 'draft:access-changed') && Date.now() < end)
			await new Promise((r) => setTimeout(r, 20));
		expect(c.events.find((e) => e.event === 'draft:access-changed')?.args[0]).toEqual({
			draftId,
			access: null,
			reason: 'revoked'
		});
		const seen = c.events.length;
		await typeAfter(`after the demotion ${MARKERS.basis.text}`);
		expect(c.events.slice(seen).filter((e) => e.event.startsWith('draft:'))).toEqual([]);
		expect(
			await emit(c.socket, 'draft:sync', { draftId, message: toWire(encodeSyncStep1(new Uint8Array([0]))) })
		).toEqual({ error: expect.any(String), code: 'draft-not-joined' });
		expect(await emit(c.socket, 'draft:join', { caseId: caseA.id })).toEqual({
			error: expect.any(String),
			code: 'draft-forbidden'
		});
	});

	it('disabled: its socket is ended and receives no more of the draft', async () => {
		const c = await joined('d-head-disabled-live');
		await app.ctx.users.setDisabled(ids['d-head-disabled-live']!, true, admin);
		const end = Date.now() + 10_000;
		while (c.socket.connected && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
		expect(c.socket.connected).toBe(false);
		expect(c.events.some((e) => e.event === 'session:ended')).toBe(true);
		const seen = c.events.length;
		await typeAfter('after the disabling');
		expect(c.events.length).toBe(seen);
	});
});

describe('the signed letter', () => {
	it('a complaint reviewer reads it once signed, and may not edit it', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-NTKD-2', assigneeId: ids['d-assignee']! });
		const editor = await open('d-assignee');
		const joined = (await emit(editor.socket, 'draft:join', { caseId })) as { data: { draftId: string } };
		const reviewer = await open('d-complaint-reviewer');
		expect(await emit(reviewer.socket, 'draft:join', { caseId })).toEqual({
			error: expect.any(String),
			code: 'draft-forbidden'
		});
		// Signed as the signing leaves it (the status is what access is decided on).
		await app.ctx.db.update(drafts).set({ status: 'signed' }).where(eq(drafts.id, joined.data.draftId));
		expect(await emit(reviewer.socket, 'draft:join', { caseId })).toMatchObject({
			data: { draftId: joined.data.draftId, access: 'read', status: 'signed' }
		});
		const sneaky = new Y.Doc();
		const updates: Uint8Array[] = [];
		sneaky.on('update', (u: Uint8Array) => updates.push(u));
		sneaky.getXmlFragment(BODY_FIELD).insert(0, [new Y.XmlElement('paragraph')]);
		expect(
			await emit(reviewer.socket, 'draft:sync', {
				draftId: joined.data.draftId,
				message: toWire(encodeSyncUpdate(updates[0]!))
			})
		).toEqual({ error: expect.any(String), code: 'draft-read-only' }); // a reader, whatever the status
	});
});
