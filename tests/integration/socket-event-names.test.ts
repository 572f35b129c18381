/**
 * Live case events name people as the case page does (ADR-062), on real sockets, PGlite and
 * PostgreSQL: a head's assignment reaches staff with the head's and the assignee's display names in
 * each socket's own language (Kazakh, Russian), the same through a replay; an event no person acted
 * in has no actor name; the wall board's summary carries no names at all (staff-only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { insertCase } from '../helpers/test-db';
import { eventClient, until, type EventClient } from '../helpers/event-clients';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import type { CaseEventEnvelope } from '../../src/lib/realtime/contract';

let app: TestApp;
let caseId = '';
let seq = 0;
const clients: EventClient[] = [];

beforeAll(async () => {
	app = await startTestApp();
	const people = [
		['aliya', ['head'], 'Aliya Bekova', { kk: 'Әлия Бекова', ru: 'Алия Бекова' }],
		['olga', ['officer'], 'Olga Kim', { kk: 'Ольга Ким', ru: 'Ольга Ким (рус)' }],
		['sue', ['supervisor'], 'Sue', {}],
		['wall', ['wallboard'], 'Wall', {}]
	] as const;
	for (const [username, roles, displayName, displayNames] of people)
		await app.ctx.users.create(
			{ username, displayName, displayNames, password: TEST_PASSWORD, roles: [...roles], unit: 'U1' },
			{ userId: null, label: 'test' }
		);
	caseId = await insertCase(app.ctx.db, {
		number: 'EL-NAMES-1',
		stage: 'completeness-check',
		organisation: 'ТОО «Атау»',
		unit: 'U1',
		at: app.clock.now()
	});
}, 120_000);
afterAll(async () => {
	for (const c of clients) c.socket.disconnect();
	await app?.close();
});

async function signIn(username: string) {
	const http = new HttpClient(app.url, `10.62.0.${++seq}`);
	expect((await http.signIn(username, TEST_PASSWORD)).status).toBe(201);
	return http;
}

/** A socket of `username` whose handshake asks for `language` (Accept-Language, as a browser sends it). */
async function client(username: string, language: string) {
	const http = await signIn(username);
	const c = await eventClient(app.url, http.cookieHeader(), { headers: { 'accept-language': language } });
	clients.push(c);
	return c;
}

describe('live case events name people in the socket’s language (ADR-062)', () => {
	it('an assignment carries the head’s and the assignee’s display names, not their logins', async () => {
		const kk = await client('sue', 'kk-KZ,kk;q=0.9');
		const ru = await client('sue', 'ru-RU,ru;q=0.9');
		const en = await client('olga', 'en-GB');
		const wall = await client('wall', 'kk');
		const head = await signIn('aliya');

		const res = await head.postJson(`/api/v1/cases/${caseId}/actions/assign`, { username: 'olga' });
		expect(res.status, await res.clone().text()).toBe(200);
		const assigned = (r: { received: CaseEventEnvelope[] }) => r.received.find((e) => e.type === 'case:assigned');
		await until(() => [kk, ru, en, wall].every((r) => assigned(r)));

		expect(assigned(kk)).toMatchObject({ actor: 'aliya', actorName: 'Әлия Бекова', assigneeName: 'Ольга Ким' });
		expect(assigned(ru)).toMatchObject({ actor: 'aliya', actorName: 'Алия Бекова', assigneeName: 'Ольга Ким (рус)' });
		expect(assigned(en)).toMatchObject({ actorName: 'Aliya Bekova', assigneeName: 'Olga Kim' });
		// The board's summary: what happened, not who did it.
		const board = assigned(wall)!;
		expect(board).not.toHaveProperty('actorName');
		expect(board).not.toHaveProperty('assigneeName');
		expect(board).not.toHaveProperty('actor');

		// A replay names them the same way, in the asking socket's language.
		const replay = await ru.socket.emitWithAck('events:replay', { afterId: assigned(ru)!.id - 1 });
		expect('data' in replay && replay.data.events[0]).toMatchObject({
			id: assigned(ru)!.id,
			actorName: 'Алия Бекова',
			assigneeName: 'Ольга Ким (рус)'
		});
	});

	it('an event no person acted in names no one', async () => {
		const kk = await client('sue', 'kk');
		const e = await app.ctx.db.transaction((tx) =>
			appendCaseEvent(tx, caseId, {
				type: 'clock:warning',
				actor: { userId: null, label: 'scheduler' },
				at: app.clock.now(),
				after: { kind: 'service-term' }
			})
		);
		await until(() => kk.received.some((x) => x.id === e.id));
		expect(kk.received.find((x) => x.id === e.id)).toMatchObject({
			actor: 'scheduler',
			actorName: null,
			assigneeName: null
		});
	});
});
