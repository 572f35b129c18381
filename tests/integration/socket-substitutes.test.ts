/**
 * A substitute's live events (ADR-061, ADR-087), on real sockets, PGlite and PostgreSQL: an
 * officer's device-verification case (004 P 14–15: read only by its assignee and heads) reaches
 * her substitute's open socket as soon as she declares her absence, and no more once she cancels
 * it — without the socket reconnecting; an absence declared ahead starts and ends by the clock alone.
 * The rights sweep is set to ten minutes, so only the push and the per-delivery clock check act.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { insertCase } from '../helpers/test-db';
import { eventClient, until, type EventClient } from '../helpers/event-clients';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';

let app: TestApp;
let seq = 0;
let deviceCase = '';
const http: Record<string, HttpClient> = {};
const clients: EventClient[] = [];

beforeAll(async () => {
	app = await startTestApp({}, { sweepMs: 600_000 });
	const olgaId = await app.ctx.users.create(
		{ username: 'olga', displayName: 'Olga', password: TEST_PASSWORD, roles: ['officer'], unit: 'U1' },
		{ userId: null, label: 'test' }
	);
	await app.ctx.users.create(
		{ username: 'sub', displayName: 'Sub', password: TEST_PASSWORD, roles: ['officer'], unit: 'U1' },
		{ userId: null, label: 'test' }
	);
	deviceCase = await insertCase(app.ctx.db, {
		number: 'DV-SUB-1',
		service: 'device-verification',
		stage: 'device-review',
		organisation: 'ТОО «Дала Технологии»',
		assigneeId: olgaId,
		unit: 'U1',
		application: { devices: ['356938035643809'] },
		at: app.clock.now()
	});
	for (const name of ['olga', 'sub']) {
		http[name] = new HttpClient(app.url, `10.61.0.${++seq}`);
		expect((await http[name]!.signIn(name, TEST_PASSWORD)).status).toBe(201);
	}
}, 120_000);
afterAll(async () => {
	for (const c of clients) c.socket.disconnect();
	await app?.close();
});

/** A signed-in socket recording the case events it receives and how often it (re)connected. */
async function client(name: string) {
	// It may reconnect, so that "it did not" is something the test can see.
	const c = await eventClient(app.url, http[name]!.cookieHeader(), { reconnection: true });
	clients.push(c);
	return c;
}

/** A committed case event; resolves once the assignee's socket (which always receives it) has it. */
async function commit(watcher: EventClient, stage: string) {
	const e = await app.ctx.db.transaction((tx) =>
		appendCaseEvent(tx, deviceCase, {
			type: 'case:stage-changed',
			actor: { userId: null, label: 'system' },
			at: app.clock.now(),
			after: { stage }
		})
	);
	await until(() => watcher.has(e.id));
	// Every socket of this process is served in the same pass: a little more for the network.
	await new Promise((r) => setTimeout(r, 150));
	return e.id;
}

async function declare(startsAt: Date, endsAt: Date): Promise<string> {
	const res = await http.olga!.postJson('/api/v1/me/absences', {
		substitute: 'sub',
		startsAt: startsAt.toISOString(),
		endsAt: endsAt.toISOString(),
		reason: 'leave'
	});
	const body = (await res.json()) as { id: string };
	expect(res.status, JSON.stringify(body)).toBe(201);
	return body.id;
}

async function cancel(id: string) {
	const r = await actionResult(await http.olga!.postForm('/account?/cancelAbsence', { id }));
	expect(r).toMatchObject({ type: 'success', data: { absenceCode: 'cancelled' } });
}

const HOUR = 3_600_000;

describe('the substitute’s socket follows the absences in force (ADR-087)', () => {
	it('gets the absentee’s case live once she declares her absence, and not after she cancels it', async () => {
		const olga = await client('olga');
		const sub = await client('sub');
		const subId = sub.socket.id;

		// Not hers: a device case is read by its assignee and heads only (004 P 14–15).
		const before = await commit(olga, 'before');
		expect(sub.has(before)).toBe(false);

		const now = app.clock.now().getTime();
		const absence = await declare(new Date(now - HOUR), new Date(now + 48 * HOUR));
		// The declaration is pushed to her open socket: no reload, no reconnect, no sweep.
		const during = await commit(olga, 'during');
		await until(() => sub.has(during));
		// Standing in, she has the case in hand as its assignee would (the full form).
		expect(sub.received.find((e) => e.id === during)).toMatchObject({
			caseId: deviceCase,
			type: 'case:stage-changed',
			payload: { stage: 'during' }
		});

		await cancel(absence);
		const after = await commit(olga, 'after');
		expect(sub.has(after)).toBe(false);
		// A replay is decided by the rights of now too: the case is out of her hands again.
		const replay = await sub.socket.emitWithAck('events:replay', { afterId: before });
		expect('data' in replay && replay.data.events).toEqual([]);

		expect(sub.socket.id).toBe(subId);
		expect(sub.connects()).toBe(1);
	});

	it('an absence declared ahead starts and ends by the clock, with nothing pushed', async () => {
		const olga = await client('olga');
		const sub = await client('sub');
		const start = new Date(app.clock.now().getTime() + HOUR);
		const end = new Date(start.getTime() + 2 * HOUR);
		await declare(start, end);

		const ahead = await commit(olga, 'ahead');
		expect(sub.has(ahead)).toBe(false);

		app.clock.set(new Date(start.getTime() + 60_000));
		const started = await commit(olga, 'started');
		await until(() => sub.has(started));

		app.clock.set(new Date(end.getTime() + 60_000));
		const ended = await commit(olga, 'ended');
		expect(sub.has(ended)).toBe(false);
		expect(sub.connects()).toBe(1);
	});
});
