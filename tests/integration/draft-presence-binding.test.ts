/**
 * Presence belongs to the socket that announced it: a member of a draft (a read-only one included)
 * may not overwrite or remove the caret and presence of another member's Yjs client. Real sockets
 * on port 0 against the built app and a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { cookieFor, openSocket, seedCase } from '../helpers/draft-clients';
import { toWire } from '../../src/lib/realtime/draft-sync-messages';
import type { DraftSocket } from '../../src/lib/drafting/draft-provider';

let app: TestApp;
const ids: Record<string, number> = {};
const cookies: Record<string, string> = {};
const sockets: DraftSocket[] = [];

beforeAll(async () => {
	app = await startTestApp();
	for (const [name, roles] of [
		['olga', ['officer']],
		['sue', ['supervisor']]
	] as const) {
		ids[name] = await app.createUser(name, [...roles]);
		cookies[name] = await cookieFor(app.url, name);
	}
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	await app.close();
});

/** A y-protocols awareness update for one client: count 1, id, clock, JSON state. */
function awarenessUpdate(clientId: number, clock: number, state: unknown): string {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint(e, clientId);
	encoding.writeVarUint(e, clock);
	encoding.writeVarString(e, JSON.stringify(state));
	return toWire(encoding.toUint8Array(e));
}

type Emit = (event: string, payload: unknown) => Promise<{ data?: unknown; error?: string; code?: string }>;

async function joined(name: string, caseId: string) {
	const socket = openSocket(app.url, cookies[name]!);
	sockets.push(socket);
	const emit = socket.emitWithAck.bind(socket) as unknown as Emit;
	const ack = (await emit('draft:join', { caseId })) as {
		data: { draftId: string; access: string };
	};
	return { socket, emit, draftId: ack.data.draftId, access: ack.data.access };
}

async function presenceOf(draftId: string, clientId: number) {
	const draft = await app.ctx.drafting.loaded(draftId);
	return draft?.awareness.getStates().get(clientId) as { user?: { userId: number }; cursor?: unknown } | undefined;
}

describe('awareness client ids are bound to the socket that announced them', () => {
	it('refuses a read-only member who overwrites or removes an editor’s caret', async () => {
		const caseId = await seedCase(app.ctx.db, {
			number: 'EL-PRES-BIND-1',
			assigneeId: ids.olga!
		});
		const editor = await joined('olga', caseId);
		const reader = await joined('sue', caseId);
		expect([editor.access, reader.access]).toEqual(['edit', 'read']);
		const draftId = editor.draftId;
		const olgasClient = 424242;
		expect(
			await editor.emit('draft:awareness', {
				draftId,
				update: awarenessUpdate(olgasClient, 1, {
					cursor: { anchor: 1, head: 1 }
				})
			})
		).toEqual({ data: null });

		const heard: unknown[] = [];
		editor.socket.on('draft:changes', (c) => heard.push(c));
		// The reader speaks for the editor's client with a later clock: her caret, then her removal.
		for (const state of [{ cursor: { anchor: 99, head: 99 } }, null]) {
			const ack = await reader.emit('draft:awareness', {
				draftId,
				update: awarenessUpdate(olgasClient, 5, state)
			});
			expect(ack).toEqual({ error: expect.any(String), code: 'draft-presence-taken' });
		}
		const kept = await presenceOf(draftId, olgasClient);
		expect(kept?.user?.userId).toBe(ids.olga);
		expect(kept?.cursor).toEqual({ anchor: 1, head: 1 });
		await new Promise((r) => setTimeout(r, 100));
		expect(heard).toEqual([]);

		// Her own client is still hers to announce, and the editor may move his caret on.
		expect(
			await reader.emit('draft:awareness', {
				draftId,
				update: awarenessUpdate(777, 1, { cursor: null })
			})
		).toEqual({ data: null });
		expect(
			await editor.emit('draft:awareness', {
				draftId,
				update: awarenessUpdate(olgasClient, 2, {
					cursor: { anchor: 3, head: 3 }
				})
			})
		).toEqual({ data: null });
		expect((await presenceOf(draftId, olgasClient))?.cursor).toEqual({
			anchor: 3,
			head: 3
		});
	});

	it('lets the same user carry a client over to a new socket (a reconnect before the old one is dropped)', async () => {
		const caseId = await seedCase(app.ctx.db, {
			number: 'EL-PRES-BIND-2',
			assigneeId: ids.olga!
		});
		const first = await joined('olga', caseId);
		const second = await joined('olga', caseId);
		const clientId = 515151;
		const send = (s: typeof first, clock: number) =>
			s.emit('draft:awareness', {
				draftId: first.draftId,
				update: awarenessUpdate(clientId, clock, {
					cursor: { anchor: clock, head: clock }
				})
			});
		expect(await send(first, 1)).toEqual({ data: null });
		expect(await send(second, 2)).toEqual({ data: null });
		// The old socket going away no longer removes the caret: it is the new socket's now.
		first.socket.disconnect();
		await new Promise((r) => setTimeout(r, 200));
		expect((await presenceOf(first.draftId, clientId))?.cursor).toEqual({
			anchor: 2,
			head: 2
		});
		// Another user still may not take it.
		const reader = await joined('sue', caseId);
		expect(
			await reader.emit('draft:awareness', {
				draftId: first.draftId,
				update: awarenessUpdate(clientId, 9, { cursor: null })
			})
		).toEqual({ error: expect.any(String), code: 'draft-presence-taken' });
	});

	it('caps how many clients one socket may speak for in a draft', async () => {
		const caseId = await seedCase(app.ctx.db, {
			number: 'EL-PRES-BIND-3',
			assigneeId: ids.olga!
		});
		const reader = await joined('sue', caseId);
		const acks = [];
		for (let id = 1000; id < 1010; id++)
			acks.push(
				await reader.emit('draft:awareness', {
					draftId: reader.draftId,
					update: awarenessUpdate(id, 1, {})
				})
			);
		expect(acks.filter((a) => a.code === 'draft-presence-taken').length).toBeGreaterThan(0);
		const draft = await app.ctx.drafting.loaded(reader.draftId);
		expect(draft!.awareness.getStates().size).toBeLessThanOrEqual(4);
	});
});
