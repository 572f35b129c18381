/**
 * Collaborative drafting of reasoned refusals (issue 7) with real Node clients — `yjs` documents
 * bound by the app's DraftProvider over socket.io-client — against a real server and database.
 * Convergence under seeded random concurrent edits; per-document authorization on the server;
 * nothing acknowledged is lost by a crash; compaction; live revocation; a signed letter is frozen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { and, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, publishAppContext, type AppContext } from '../../src/lib/server/context';
import { startServer, type RunningServer } from '../../server/app';
import type { DraftingOptions } from '../../src/lib/server/drafting/drafting.service';
import { createRng } from '../../src/lib/domain/reference/prng';
import { caseEvents, cases, drafts, draftSnapshots, draftUpdates, draftVersions } from '../../src/lib/server/db/schema';
import { createHash } from 'node:crypto';
import { HttpClient } from '../helpers/http-client';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import {
	appendUpdates,
	compactStoredUpdates,
	DraftSignedError,
	findCurrentDraft,
	hashUpdate,
	loadEncodedState,
	openCurrentDraft
} from '../../src/lib/server/drafting/draft.repository';
import { bodyText, BODY_FIELD } from '../../src/lib/server/drafting/draft-state';
import { DraftErrors, type ServerToClientEvents } from '../../src/lib/realtime/contract';
import { encodeSyncStep1, encodeSyncUpdate, toWire } from '../../src/lib/realtime/draft-sync-messages';
import {
	contains,
	converged,
	cookieFor,
	countStoredUpdates,
	draftClient,
	openSocket,
	randomEdit,
	seedCase,
	type DraftClient
} from '../helpers/draft-clients';

let app: TestApp;
const ids: Record<string, number> = {};
const cookies: Record<string, string> = {};
const clients: DraftClient[] = [];
const extraServers: { ctx: AppContext; server: RunningServer }[] = [];

beforeAll(async () => {
	app = await startTestApp();
	for (const [name, roles] of [
		['olga', ['officer']],
		['otto', ['officer']],
		['hank', ['head']],
		['hedda', ['head']],
		['sue', ['supervisor']],
		['remy', ['complaint_reviewer']],
		['rita', ['registrar']]
	] as const) {
		ids[name] = await app.createUser(name, [...roles]);
		cookies[name] = await cookieFor(app.url, name);
	}
});
afterAll(async () => {
	for (const c of clients) c.close();
	for (const n of extraServers) await n.server.close().catch(() => {});
	await app.close();
});

async function client(name: string, caseId: string, url = app.url, doc?: Y.Doc) {
	// Each client its own session, as each editor is a browser (a session holds at most 5 sockets).
	const c = await draftClient(url, await cookieFor(app.url, name, `10.7.${clients.length % 250}.2`), caseId, name, doc);
	clients.push(c);
	return c;
}

const storedText = async (ctx: AppContext, caseId: string) => {
	const draft = await findCurrentDraft(ctx.db, caseId);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, await loadEncodedState(ctx.db, draft!.id));
	return { doc, text: bodyText(doc), draftId: draft!.id };
};

async function settle(all: DraftClient[]) {
	for (;;) {
		if (all.every((c) => c.provider.state.unsaved === 0)) return;
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('convergence', () => {
	for (const n of [2, 3]) {
		it(`${n} editors converge after seeded random concurrent edits over many rounds, and the server stores the same document`, async () => {
			const caseId = await seedCase(app.ctx.db, { number: `EL-CONV-${n}`, assigneeId: ids.olga! });
			const editors = await Promise.all(['olga', 'hank', 'hedda'].slice(0, n).map((name) => client(name, caseId)));
			const rng = createRng(`drafting-convergence-${n}`);
			for (let round = 0; round < 40; round++) {
				// Every editor edits before anything from the others arrives: the edits are concurrent.
				for (const e of editors) for (let k = rng.int(1, 4); k > 0; k--) randomEdit(e.doc, rng);
				if (rng.chance(0.3)) await new Promise((r) => setTimeout(r, rng.int(0, 15)));
			}
			await converged(editors);
			await settle(editors);
			expect(editors[0]!.text().length).toBeGreaterThan(20);
			const stored = await storedText(app.ctx, caseId);
			expect(stored.text).toBe(editors[0]!.text());
			expect(
				contains(
					stored.doc,
					editors.flatMap((e) => e.acked)
				)
			).toBe(true);
			for (const e of editors) e.close();
		});
	}
});

describe('presence', () => {
	it('sends a keystroke and the caret it moved as one message to the others, with the server’s name on the caret, and asks no ack per caret move', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-PRESENCE-1', assigneeId: ids.olga! });
		const [olga, hank] = [await client('olga', caseId), await client('hank', caseId)];
		const heard: { sync?: string; awareness?: string }[] = [];
		olga.socket.on('draft:changes', (payload) => heard.push(payload));
		// Hank's own socket: every acknowledgement it receives (socket.io packet type 3).
		const acks: string[] = [];
		hank.socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
			if (packet.type === 'message' && typeof packet.data === 'string' && packet.data.startsWith('3'))
				acks.push(packet.data);
		});
		const text = new Y.XmlText('');
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [text]);
		hank.doc.getXmlFragment(BODY_FIELD).insert(0, [p]);
		await converged([olga, hank]);
		await settle([olga, hank]);
		heard.length = 0;
		acks.length = 0;

		// As y-prosemirror does: the character, then the caret after it, in the same tick.
		for (let i = 0; i < 5; i++) {
			text.insert(i, 'x');
			hank.provider.awareness.setLocalStateField('cursor', { anchor: i + 1, head: i + 1, user: { name: 'forged' } });
			await new Promise((r) => setTimeout(r, 30));
		}
		await settle([hank]);
		await new Promise((r) => setTimeout(r, 100));
		expect(olga.text()).toBe('xxxxx');
		const theirCaret = olga.provider.awareness.getStates().get(hank.doc.clientID) as {
			cursor: { head: number };
			user: { name: string };
		};
		expect(theirCaret.cursor.head).toBe(5);
		expect(theirCaret.user.name).not.toBe('forged');
		// A keystroke reaches Olga with its caret in the same message when the server reads both in one
		// turn. The client writes them microseconds apart, so a very busy machine may split a pair;
		// sent apart, the five would be ten messages and none would hold both.
		const both = heard.filter((m) => m.sync !== undefined && m.awareness !== undefined);
		expect(both.length).toBeGreaterThanOrEqual(1);
		expect(heard.length).toBe(10 - both.length);
		// Hank got one ack per stored keystroke and none for his caret moves.
		expect(acks.length).toBe(5);
		olga.close();
		hank.close();
	});
});

describe('authorization per document', () => {
	it('refuses a read-only member’s update with an error ack, and the others never receive it', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-RO-1', assigneeId: ids.olga! });
		const editor = await client('olga', caseId);
		const reader = await client('sue', caseId);
		const reviewer = await client('remy', caseId);
		expect([editor.provider.state.access, reader.provider.state.access, reviewer.provider.state.access]).toEqual([
			'edit',
			'read',
			'read'
		]);
		editor.doc.getXmlFragment(BODY_FIELD).insert(0, [Object.assign(new Y.XmlElement('paragraph'), {})]);
		await converged([editor, reader, reviewer]);
		await settle([editor]);
		const before = editor.text();
		const receivedBefore = editor.received.length;

		// The reader edits its own copy (the UI would not let it) and sends the update by hand.
		const sneaky = new Y.Doc();
		Y.applyUpdate(sneaky, Y.encodeStateAsUpdate(reader.doc));
		const updates: Uint8Array[] = [];
		sneaky.on('update', (u: Uint8Array) => updates.push(u));
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('the reader wrote this')]);
		sneaky.getXmlFragment(BODY_FIELD).insert(0, [p]);
		const ack = await reader.socket.emitWithAck('draft:sync', {
			draftId: reader.provider.state.draftId!,
			message: toWire(encodeSyncUpdate(updates[0]!))
		});
		expect(ack).toEqual({ error: DraftErrors.readOnly });

		await new Promise((r) => setTimeout(r, 300));
		expect(editor.received.length).toBe(receivedBefore);
		expect(editor.text()).toBe(before);
		expect(reviewer.text()).toBe(before);
		expect((await storedText(app.ctx, caseId)).text).toBe(before);
	});

	it('answers malformed messages with an error ack that changes nothing', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-BAD-1', assigneeId: ids.olga! });
		const editor = await client('olga', caseId);
		const draftId = editor.provider.state.draftId!;
		const s = editor.socket;
		const bad: [string, unknown][] = [
			['draft:join', { caseId: 'not-a-uuid' }],
			['draft:join', { caseId, extra: 1 }],
			['draft:sync', { draftId, message: 'text, not base64' }],
			['draft:sync', { draftId, message: 'AAA' }], // base64 of the wrong length
			['draft:sync', { draftId, message: '' }],
			['draft:sync', { draftId, message: 'A'.repeat(1_400_000) }], // over the 1 MiB limit (as base64), under the socket's
			['draft:sync', { draftId, message: encodeSyncUpdate(new Uint8Array([1])) }], // binary: not the wire format
			['draft:sync', { draftId, message: toWire(new Uint8Array([9, 9, 9])) }], // not a sync message
			['draft:sync', { draftId, message: toWire(encodeSyncUpdate(new Uint8Array([200, 1, 2, 3, 4, 5]))) }], // not a Yjs update
			['draft:awareness', { draftId, update: toWire(new Uint8Array([5, 1, 2])) }], // not an awareness update
			['draft:awareness', { draftId, update: 42 }],
			['draft:leave', { draftId: 42 }]
		];
		for (const [event, payload] of bad) {
			const ack = await (s.emitWithAck as (e: string, p: unknown) => Promise<unknown>)(event, payload);
			expect(ack, `${event} ${JSON.stringify(payload)}`).toEqual({ error: DraftErrors.invalid });
		}
		expect(await countStoredUpdates(app.ctx.db, draftId)).toBe(0);
		expect(editor.text()).toBe('');
	});

	it('gives an unauthorised socket nothing: no join ack with content, no updates, no presence', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-NO-1', assigneeId: ids.olga! });
		const editor = await client('olga', caseId);
		editor.provider.awareness.setLocalStateField('cursor', { anchor: 0, head: 0 });
		for (const name of ['otto', 'rita']) {
			const socket = openSocket(app.url, cookies[name]!);
			const heard: string[] = [];
			socket.onAny((event: keyof ServerToClientEvents) => {
				if (String(event).startsWith('draft:')) heard.push(String(event));
			});
			await new Promise((r) => socket.once('connect', () => r(null)));
			expect(await socket.emitWithAck('draft:join', { caseId })).toEqual({ error: DraftErrors.forbidden });
			// Guessing the draft id does not help either.
			expect(
				await socket.emitWithAck('draft:sync', {
					draftId: editor.provider.state.draftId!,
					message: toWire(encodeSyncStep1(new Uint8Array([0])))
				})
			).toEqual({ error: DraftErrors.notJoined });
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText('secret wording')]);
			editor.doc.getXmlFragment(BODY_FIELD).insert(0, [p]);
			await new Promise((r) => setTimeout(r, 300));
			expect(heard).toEqual([]);
			socket.disconnect();
		}
		// A case that does not exist is refused the same way.
		const s = openSocket(app.url, cookies.sue!);
		await new Promise((r) => s.once('connect', () => r(null)));
		expect(await s.emitWithAck('draft:join', { caseId: '00000000-0000-4000-8000-000000000000' })).toEqual({
			error: DraftErrors.forbidden
		});
		s.disconnect();
	});

	it('revokes editing live when the case is reassigned (case:assigned in the outbox)', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-REASSIGN-1', assigneeId: ids.olga! });
		const olga = await client('olga', caseId);
		const hank = await client('hank', caseId);
		const changes: unknown[] = [];
		olga.socket.on('draft:access-changed', (p) => changes.push(p));
		await app.ctx.db.transaction(async (tx) => {
			await tx.update(cases).set({ assigneeId: ids.otto! }).where(eq(cases.id, caseId));
			await appendCaseEvent(tx, caseId, {
				type: 'case:assigned',
				actor: { userId: ids.hank!, label: 'hank' },
				at: app.clock.now(),
				after: { assigneeId: ids.otto }
			});
		});
		const until = Date.now() + 5_000;
		while (changes.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
		expect(changes).toEqual([{ draftId: olga.provider.state.draftId, access: null, reason: 'reassigned' }]);
		expect(olga.provider.state.phase).toBe('refused');

		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('after reassignment')]);
		const sneaky = new Y.Doc();
		const updates: Uint8Array[] = [];
		sneaky.on('update', (u: Uint8Array) => updates.push(u));
		sneaky.getXmlFragment(BODY_FIELD).insert(0, [p]);
		expect(
			await olga.socket.emitWithAck('draft:sync', {
				draftId: olga.provider.state.draftId!,
				message: toWire(encodeSyncUpdate(updates[0]!))
			})
		).toEqual({ error: DraftErrors.notJoined });
		expect(await olga.socket.emitWithAck('draft:join', { caseId })).toEqual({ error: DraftErrors.forbidden });
		await new Promise((r) => setTimeout(r, 200));
		expect(hank.text()).not.toContain('after reassignment');

		const otto = await client('otto', caseId);
		expect(otto.provider.state.access).toBe('edit');
	});
});

describe('access without an announcing event', () => {
	it('re-decides every socket within the TTL when the assignee changes in the database without a case event', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-TTL-1', assigneeId: ids.olga! });
		const node = await startNode(app.ctx, {}, { draftAccessTtlMs: 600 });
		const tabs = [await client('olga', caseId, node.server.url), await client('olga', caseId, node.server.url)];
		const hank = await client('hank', caseId, node.server.url);
		const changes: unknown[][] = tabs.map(() => []);
		tabs.forEach((t, i) => t.socket.on('draft:access-changed', (p) => changes[i]!.push(p)));
		const draftId = tabs[0]!.provider.state.draftId!;
		const update = (words: string) => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(hank.doc));
			const updates: Uint8Array[] = [];
			doc.on('update', (u: Uint8Array) => updates.push(u));
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText(words)]);
			doc.getXmlFragment(BODY_FIELD).insert(0, [p]);
			return toWire(encodeSyncUpdate(updates[0]!));
		};
		// Half the TTL after joining, a message re-decides access (and the facts read for it are kept a while).
		await new Promise((r) => setTimeout(r, 350));
		for (const tab of tabs)
			expect(await tab.socket.emitWithAck('draft:sync', { draftId, message: update('before') })).toEqual({
				data: { replies: [] }
			});
		// An assignment written straight to the database: no case:assigned reaches the outbox.
		await app.ctx.db.update(cases).set({ assigneeId: ids.otto! }).where(eq(cases.id, caseId));
		await new Promise((r) => setTimeout(r, 700));
		for (const [i, tab] of tabs.entries()) {
			expect(await tab.socket.emitWithAck('draft:sync', { draftId, message: update(`tab ${i} after`) })).toEqual({
				error: DraftErrors.notJoined
			});
			expect(changes[i]).toEqual([{ draftId, access: null, reason: 'revoked' }]);
		}
		// A head still edits.
		expect(await hank.socket.emitWithAck('draft:sync', { draftId, message: update('hank after') })).toEqual({
			data: { replies: [] }
		});
	});

	it('between half the TTL and the TTL, goes on the current decision and re-decides in the background', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-TTL-2', assigneeId: ids.olga! });
		const node = await startNode(app.ctx, {}, { draftAccessTtlMs: 600 });
		const olga = await client('olga', caseId, node.server.url);
		const changes: unknown[] = [];
		olga.socket.on('draft:access-changed', (p) => changes.push(p));
		const draftId = olga.provider.state.draftId!;
		const message = (words: string) => {
			const doc = new Y.Doc();
			const updates: Uint8Array[] = [];
			doc.on('update', (u: Uint8Array) => updates.push(u));
			doc.getText('t').insert(0, words);
			return toWire(encodeSyncUpdate(updates[0]!));
		};
		await new Promise((r) => setTimeout(r, 350));
		await app.ctx.db.update(cases).set({ assigneeId: ids.otto! }).where(eq(cases.id, caseId));
		// The decision is 350 ms old (under the TTL): this keystroke does not wait for the database...
		expect(await olga.socket.emitWithAck('draft:sync', { draftId, message: message('still mine') })).toEqual({
			data: { replies: [] }
		});
		// ...which the background re-decision then reads: revoked without another message.
		const deadline = Date.now() + 2_000;
		while (changes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
		expect(changes).toEqual([{ draftId, access: null, reason: 'revoked' }]);
		expect(await olga.socket.emitWithAck('draft:sync', { draftId, message: message('too late') })).toEqual({
			error: DraftErrors.notJoined
		});
	});
});

describe('durability', () => {
	it('a crash in the middle of editing loses nothing acknowledged, and the clients’ unacknowledged edits return on reconnect', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-CRASH-1', assigneeId: ids.olga! });
		const node = await startNode(app.ctx);
		const a = await client('olga', caseId, node.server.url);
		const b = await client('hank', caseId, node.server.url);
		const rng = createRng('drafting-crash');
		let typing = true;
		const typist = (async () => {
			while (typing) {
				randomEdit(rng.chance(0.5) ? a.doc : b.doc, rng);
				await new Promise((r) => setTimeout(r, 3));
			}
		})();
		await new Promise((r) => setTimeout(r, 600));
		// The process dies: whatever was not stored yet is gone from the server.
		await node.ctx.drafting.halt();
		await node.server.close();
		typing = false;
		await typist;
		const acked = [...a.acked, ...b.acked];
		expect(acked.length).toBeGreaterThan(10);
		const afterCrash = await storedText(app.ctx, caseId);
		expect(contains(afterCrash.doc, acked)).toBe(true);

		// A new process on the same database; the clients reconnect with their documents.
		const next = await startNode(app.ctx);
		const a2 = await client('olga', caseId, next.server.url, a.doc);
		const b2 = await client('hank', caseId, next.server.url, b.doc);
		await converged([a2, b2]);
		await settle([a2, b2]);
		const final = await storedText(app.ctx, caseId);
		expect(final.text).toBe(a2.text());
		expect(contains(final.doc, [Y.encodeStateAsUpdate(a.doc), Y.encodeStateAsUpdate(b.doc)])).toBe(true);
	});

	it('merges a long stretch of writing done while disconnected (300,000 characters) on reconnect', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-OFFLINE-1', assigneeId: ids.olga! });
		const a = await client('olga', caseId);
		const b = await client('hank', caseId);
		a.socket.disconnect();
		const rng = createRng('drafting-offline');
		const body = a.doc.getXmlFragment(BODY_FIELD);
		for (let i = 0; i < 60; i++) {
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText(Array.from({ length: 5_000 }, () => 'абвгд әғқ 019.,'[rng.int(0, 14)]).join(''))]);
			body.insert(body.length, [p]);
		}
		expect(Y.encodeStateAsUpdate(a.doc).length).toBeGreaterThan(300_000); // far over the former 60 KiB limit
		expect(a.provider.state.unsaved).toBeGreaterThan(0);
		a.socket.connect();
		await converged([a, b]);
		await settle([a, b]);
		expect(a.provider.state.error).toBeNull();
		expect((await storedText(app.ctx, caseId)).text).toBe(a.text());
	});

	it('holds back a change over 1 MiB with a clear error, keeps the connection, and sends the rest once it is undone', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-HUGE-1', assigneeId: ids.olga! });
		const a = await client('olga', caseId);
		const b = await client('hank', caseId);
		const body = a.doc.getXmlFragment(BODY_FIELD);
		const huge = new Y.XmlElement('paragraph');
		huge.insert(0, [new Y.XmlText('x'.repeat(1_200_000))]);
		body.insert(0, [huge]);
		expect(a.provider.state.error).toBe(DraftErrors.tooLarge);
		await new Promise((r) => setTimeout(r, 300));
		expect(a.socket.connected).toBe(true);
		expect(b.text()).toBe(''); // nothing of it reached the others
		// The author undoes the paste and writes on: a full sync sends what the server lacks.
		body.delete(0, 1);
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('Негіздеме 001 п.19')]);
		body.insert(0, [p]);
		await converged([a, b]);
		await settle([a, b]);
		expect(a.provider.state.error).toBeNull();
		expect(b.text()).toContain('Негіздеме 001 п.19');
		expect((await storedText(app.ctx, caseId)).text).toBe(a.text());
	});

	it('compaction keeps the content and bounds the stored updates (about 500), and folds the rest on idle', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-COMPACT-1', assigneeId: ids.olga! });
		const node = await startNode(app.ctx, { idleMs: 1_500, sweepMs: 250 });
		const a = await client('olga', caseId, node.server.url);
		const body = a.doc.getXmlFragment(BODY_FIELD);
		const p = new Y.XmlElement('paragraph');
		const text = new Y.XmlText('');
		p.insert(0, [text]);
		body.insert(0, [p]);
		let maxStored = 0;
		let rowsAtMax = 0;
		const draftId = a.provider.state.draftId!;
		const rows = async () =>
			(await app.ctx.db.select({ id: draftUpdates.id }).from(draftUpdates).where(eq(draftUpdates.draftId, draftId)))
				.length;
		for (let i = 0; i < 1_200; i++) {
			text.insert(text.length, String.fromCharCode(0x430 + (i % 32)));
			if (i % 100 === 99) {
				await settle([a]);
				const stored = await countStoredUpdates(app.ctx.db, draftId);
				if (stored > maxStored) [maxStored, rowsAtMax] = [stored, await rows()];
			}
		}
		await settle([a]);
		expect(maxStored).toBeGreaterThan(0);
		expect(maxStored).toBeLessThanOrEqual(600);
		// A save writes its batch as one row: a burst of 100 keystrokes is a few rows, not 100.
		expect(rowsAtMax * 5).toBeLessThanOrEqual(maxStored);
		expect((await storedText(app.ctx, caseId)).text).toBe(a.text());
		expect(a.text()).toHaveLength(1_200);
		// Idle: everything folded into the snapshot.
		const until = Date.now() + 6_000;
		while ((await countStoredUpdates(app.ctx.db, draftId)) > 0 && Date.now() < until)
			await new Promise((r) => setTimeout(r, 100));
		expect(await countStoredUpdates(app.ctx.db, draftId)).toBe(0);
		const [snap] = await app.ctx.db.select().from(draftSnapshots).where(eq(draftSnapshots.draftId, draftId));
		expect(snap!.upToId).toBeGreaterThan(0);
		expect((await storedText(app.ctx, caseId)).text).toBe(a.text());
		expect(
			await app.ctx.db.select({ id: draftUpdates.id }).from(draftUpdates).where(eq(draftUpdates.draftId, draftId))
		).toEqual([]);
	});
});

describe('storing updates (appendUpdates, one statement)', () => {
	const update = (words: string) => {
		const doc = new Y.Doc();
		let u: Uint8Array | null = null;
		doc.on('update', (x: Uint8Array) => (u = x));
		doc.getText('t').insert(0, words);
		return u!;
	};
	const rows = async (draftId: string) =>
		(await app.ctx.db.select({ hash: draftUpdates.hash }).from(draftUpdates).where(eq(draftUpdates.draftId, draftId)))
			.map((r) => r.hash)
			.sort();

	it('stores a batch once: a repeated update is skipped, and the count says how many rows were new', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-APPEND-1', assigneeId: ids.olga! });
		const draft = await openCurrentDraft(app.ctx.db, caseId, { userId: null, at: new Date() });
		const [a, b, c] = ['а', 'b', 'с'].map(update) as [Uint8Array, Uint8Array, Uint8Array];
		const at = new Date('2026-12-02T06:00:00Z');
		expect(
			await appendUpdates(
				app.ctx.db,
				draft.id,
				[a, b].map((u) => ({ update: u, userId: ids.olga!, at }))
			)
		).toBe(2);
		expect(
			await appendUpdates(
				app.ctx.db,
				draft.id,
				[b, c].map((u) => ({ update: u, userId: null, at }))
			)
		).toBe(1);
		expect(await rows(draft.id)).toEqual([a, b, c].map(hashUpdate).sort());
		const [first] = await app.ctx.db
			.select()
			.from(draftUpdates)
			.where(and(eq(draftUpdates.draftId, draft.id), eq(draftUpdates.hash, hashUpdate(a))));
		expect(first).toMatchObject({ userId: ids.olga!, at });
		expect([...first!.update]).toEqual([...a]);
		const [third] = await app.ctx.db
			.select()
			.from(draftUpdates)
			.where(and(eq(draftUpdates.draftId, draft.id), eq(draftUpdates.hash, hashUpdate(c))));
		expect(third).toMatchObject({ userId: null, at, updates: 1 });
		// A save's merged row counts the client updates it holds.
		const merged = Y.mergeUpdates([update('d'), update('e')]);
		const later = new Date('2026-12-02T06:00:00.123Z');
		expect(
			await appendUpdates(app.ctx.db, draft.id, [{ update: merged, userId: ids.olga!, at: later, updates: 40 }])
		).toBe(40);
		const [row] = await app.ctx.db
			.select()
			.from(draftUpdates)
			.where(and(eq(draftUpdates.draftId, draft.id), eq(draftUpdates.hash, hashUpdate(merged))));
		expect(row).toMatchObject({ userId: ids.olga!, at: later, updates: 40 });
		expect([...row!.update]).toEqual([...merged]);
	});

	it('refuses an append that waited on a signature, once the signature commits, and stores nothing of it', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-APPEND-SIGN', assigneeId: ids.olga! });
		const draft = await openCurrentDraft(app.ctx.db, caseId, { userId: null, at: new Date() });
		let appending: Promise<number> | null = null;
		await app.ctx.db.transaction(async (tx) => {
			// What signDraft does: lock the draft row, then mark it signed; the append arrives meanwhile.
			await tx.select({ id: drafts.id }).from(drafts).where(eq(drafts.id, draft.id)).for('update');
			appending = appendUpdates(app.ctx.db, draft.id, [{ update: update('late'), userId: null, at: new Date() }]);
			appending.catch(() => {});
			await new Promise((r) => setTimeout(r, 100));
			await tx.update(drafts).set({ status: 'signed' }).where(eq(drafts.id, draft.id));
		});
		await expect(appending!).rejects.toBeInstanceOf(DraftSignedError);
		expect(await rows(draft.id)).toEqual([]);
		// A draft that is signed outright refuses too; a missing draft is an error, not a silent no-op.
		await expect(
			appendUpdates(app.ctx.db, draft.id, [{ update: update('x'), userId: null, at: new Date() }])
		).rejects.toBeInstanceOf(DraftSignedError);
		await expect(
			appendUpdates(app.ctx.db, '00000000-0000-4000-8000-000000000000', [
				{ update: update('x'), userId: null, at: new Date() }
			])
		).rejects.toThrow(/no draft/);
	});
});

describe('compaction from the in-memory document', () => {
	/** A client-side edit: the paragraph typed, as the update it produced. */
	const typed = (doc: Y.Doc, words: string) => {
		let update: Uint8Array | null = null;
		const grab = (u: Uint8Array) => (update = u);
		doc.on('update', grab);
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText(words)]);
		doc.getXmlFragment(BODY_FIELD).insert(doc.getXmlFragment(BODY_FIELD).length, [p]);
		doc.off('update', grab);
		return update!;
	};
	const stored = async (u: Uint8Array[], draftId: string) =>
		appendUpdates(
			app.ctx.db,
			draftId,
			u.map((update) => ({ update, userId: null, at: new Date() }))
		);
	const storedBody = async (draftId: string) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await loadEncodedState(app.ctx.db, draftId));
		return bodyText(doc);
	};

	it('encodes the held document only when it provably holds the snapshot and every stored row; otherwise rebuilds from storage and loses nothing', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-COMPACT-MEM', assigneeId: ids.olga! });
		const draft = await openCurrentDraft(app.ctx.db, caseId, { userId: null, at: new Date() });
		// Process A holds a document with three stored updates.
		const a = new Y.Doc();
		const held = { doc: a, holds: new Set<string>(), snapshotUpToId: 0 };
		const mine = ['Первый абзац.', 'Second paragraph.', 'Үшінші абзац.'].map((w) => typed(a, w));
		await stored(mine, draft.id);
		for (const u of mine) held.holds.add(hashUpdate(u));
		const first = await compactStoredUpdates(app.ctx.db, draft.id, new Date(), held);
		expect(first).toMatchObject({ folded: 3, fromMemory: true });
		expect(await countStoredUpdates(app.ctx.db, draft.id)).toBe(0);
		expect(await storedBody(draft.id)).toBe(bodyText(a));
		held.snapshotUpToId = first.upToId;

		// Process B stores an update A has not integrated: A's proof fails, the rebuild keeps B's words.
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const fromB = typed(b, 'Written on process B.');
		await stored([fromB], draft.id);
		const second = await compactStoredUpdates(app.ctx.db, draft.id, new Date(), held);
		expect(second).toMatchObject({ folded: 1, fromMemory: false });
		expect(await storedBody(draft.id)).toContain('Written on process B.');

		// B compacts its own update (A still has not seen it): A's snapshot is stale, so even with
		// every remaining row held, A must not write its document over B's words.
		const fromB2 = typed(b, 'B again.');
		await stored([fromB2], draft.id);
		await compactStoredUpdates(app.ctx.db, draft.id, new Date());
		const fromA = typed(a, 'A after that.');
		await stored([fromA], draft.id);
		held.holds.add(hashUpdate(fromA));
		const third = await compactStoredUpdates(app.ctx.db, draft.id, new Date(), held);
		expect(third).toMatchObject({ folded: 1, fromMemory: false });
		const text = await storedBody(draft.id);
		for (const w of ['Первый абзац.', 'Written on process B.', 'B again.', 'A after that.']) expect(text).toContain(w);
	});

	it('the drafting service compacts a busy draft from memory, and storage then holds exactly what the editors have', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-COMPACT-MEM-2', assigneeId: ids.olga! });
		const node = await startNode(app.ctx, { compactAbove: 20 });
		const a = await client('olga', caseId, node.server.url);
		const b = await client('hank', caseId, node.server.url);
		const draftId = a.provider.state.draftId!;
		for (let i = 0; i < 120; i++) {
			typed(i % 2 ? a.doc : b.doc, `line ${i}`);
			if (i % 2) await settle([a, b]); // each acknowledged (stored) before the next pair
		}
		await converged([a, b]);
		await node.ctx.drafting.compact(draftId);
		expect(node.ctx.drafting.stats.compactions).toBeGreaterThanOrEqual(5);
		expect(node.ctx.drafting.stats.fromMemory).toBe(node.ctx.drafting.stats.compactions);
		const [snap] = await app.ctx.db.select().from(draftSnapshots).where(eq(draftSnapshots.draftId, draftId));
		expect(snap!.upToId).toBeGreaterThan(0);
		expect(await storedBody(draftId)).toBe(a.text());
		expect(a.text()).toBe(b.text());
		for (let i = 0; i < 120; i++) expect(a.text()).toContain(`line ${i}`);
	});
});

describe('versions and sign-off', () => {
	async function http(name: string) {
		const c = new HttpClient(app.url, '10.7.1.1');
		expect((await c.signIn(name, TEST_PASSWORD)).status).toBe(201);
		return c;
	}
	const type = (c: DraftClient, text: string) => {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText(text)]);
		const body = c.doc.getXmlFragment(BODY_FIELD);
		body.insert(body.length, [p]);
	};

	it('keeps named versions with who and when, diffs them by word, and a head’s signature freezes the letter', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-SIGN-1', assigneeId: ids.olga! });
		const base = `/api/v1/cases/${caseId}/draft`;
		const olga = await client('olga', caseId);
		const [olgaHttp, hankHttp, sueHttp, ritaHttp] = (await Promise.all(['olga', 'hank', 'sue', 'rita'].map(http))) as [
			HttpClient,
			HttpClient,
			HttpClient,
			HttpClient
		];
		type(olga, 'Лицензиялық алым енгізілмеген.');
		await settle([olga]);
		const v1 = await olgaHttp.postJson(`${base}/versions`, { name: 'sent to the head' });
		expect(v1.status).toBe(201);
		const first = (await v1.json()) as { id: string; number: number; name: string; createdBy: string };
		expect(first).toMatchObject({ number: 1, name: 'sent to the head', createdBy: 'olga', chain: 1 });
		type(olga, 'Не внесён лицензионный сбор.');
		await settle([olga]);
		const second = (await (await olgaHttp.postJson(`${base}/versions`, { name: 'after the hearing' })).json()) as {
			id: string;
			number: number;
		};
		expect(second.number).toBe(2);

		const list = (await (await sueHttp.get(`${base}/versions`)).json()) as { versions: { name: string }[] };
		expect(list.versions.map((v) => v.name)).toEqual(['sent to the head', 'after the hearing']);
		const diff = (await (await sueHttp.get(`${base}/diff?from=${first.id}&to=${second.id}`)).json()) as {
			segments: { op: string; text: string }[];
			wordsInserted: number;
			wordsDeleted: number;
		};
		expect(diff.segments.filter((s) => s.op === 'insert').map((s) => s.text.trim())).toEqual([
			'Не внесён лицензионный сбор.'
		]);
		expect([diff.wordsInserted, diff.wordsDeleted]).toEqual([4, 0]);

		// Readers read, only editors keep versions, only a head signs; others get nothing.
		expect((await sueHttp.postJson(`${base}/versions`, { name: 'x' })).status).toBe(403);
		expect((await ritaHttp.get(`${base}/versions`)).status).toBe(403);
		expect((await olgaHttp.postJson(`${base}/sign`, {})).status).toBe(403);
		expect((await olgaHttp.postJson(`${base}/versions`, { name: '' })).status).toBe(422);

		const changes: unknown[] = [];
		olga.socket.on('draft:access-changed', (p) => changes.push(p));
		const signing = await hankHttp.postJson(`${base}/sign`, {});
		expect(signing.status).toBe(201);
		const signed = (await signing.json()) as { sha256: string; version: number; draftId: string; letterNumber: string };
		expect(signed).toMatchObject({ version: 3, letterNumber: 'EL-SIGN-1/ДБ-1', draftId: olga.provider.state.draftId });

		// The PDF served is the one whose SHA-256 was recorded on the case, in the same transaction.
		const pdf = await sueHttp.get(`${base}/pdf`);
		const bytes = new Uint8Array(await pdf.arrayBuffer());
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(signed.sha256);
		const [event] = await app.ctx.db
			.select()
			.from(caseEvents)
			.where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'refusal:letter-signed')));
		expect(event!.after).toEqual({ draftId: signed.draftId, version: 3, sha256: signed.sha256, signer: 'hank' });
		expect(event!.actorLabel).toBe('hank');
		// Signing is the head's decision: the case is refused on the grounds it was heard on, with this text.
		const [c] = await app.ctx.db
			.select({ stage: cases.stage, decision: cases.decision, decidedBy: cases.decidedBy })
			.from(cases)
			.where(eq(cases.id, caseId));
		expect(c).toMatchObject({
			stage: 'refused',
			decision: { outcome: 'refused', grounds: [3], text: expect.stringContaining('Не внесён лицензионный сбор.') }
		});
		expect(c!.decidedBy).not.toBeNull();

		// Frozen: the editor is told live, its updates are refused, versions and a second signature too.
		const until = Date.now() + 5_000;
		while (changes.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
		expect(changes).toEqual([{ draftId: signed.draftId, access: 'read', reason: 'signed' }]);
		const sneaky = new Y.Doc();
		Y.applyUpdate(sneaky, Y.encodeStateAsUpdate(olga.doc));
		const updates: Uint8Array[] = [];
		sneaky.on('update', (u: Uint8Array) => updates.push(u));
		(sneaky.getXmlFragment(BODY_FIELD).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('changed after signing ')]);
		expect(
			await olga.socket.emitWithAck('draft:sync', {
				draftId: signed.draftId,
				message: toWire(encodeSyncUpdate(updates[0]!))
			})
		).toEqual({ error: DraftErrors.signed });
		expect((await olgaHttp.postJson(`${base}/versions`, { name: 'too late' })).status).toBe(409);
		expect((await hankHttp.postJson(`${base}/sign`, {})).status).toBe(409);
		const [stored] = await app.ctx.db
			.select({ text: draftVersions.text })
			.from(draftVersions)
			.where(and(eq(draftVersions.draftId, signed.draftId), eq(draftVersions.number, 3)));
		expect(stored!.text).toBe('Лицензиялық алым енгізілмеген.\nНе внесён лицензионный сбор.');
		expect((await storedText(app.ctx, caseId)).text).toBe(stored!.text);

		// A new draft starts a new chain from the signed text.
		const next = await olgaHttp.postJson(`${base}/chains`, {});
		expect(next.status).toBe(201);
		expect(await next.json()).toMatchObject({ chain: 2, status: 'drafting' });
		const again = await client('olga', caseId);
		expect(again.provider.state).toMatchObject({ chain: 2, access: 'edit' });
		expect(again.text()).toBe(stored!.text);
	});

	it('refuses to sign a letter without grounds', async () => {
		const caseId = await seedCase(app.ctx.db, { number: 'EL-SIGN-EMPTY', assigneeId: ids.olga! });
		await client('olga', caseId);
		const hankHttp = await http('hank');
		expect((await hankHttp.postJson(`/api/v1/cases/${caseId}/draft/sign`, {})).status).toBe(422);
	});
});

/** Another server process on the same database (a restart, or a second node). */
async function startNode(
	base: AppContext,
	drafting: DraftingOptions = {},
	realtime: { draftAccessTtlMs?: number } = {}
) {
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
		clock: app.clock,
		dbHandle: base.dbHandle,
		drafting
	});
	const server = await startServer(ctx, {
		port: 0,
		host: '127.0.0.1',
		sweepMs: 200,
		publishEveryMs: 50,
		gapWaitMs: 300,
		...realtime
	});
	publishAppContext(app.ctx); // the pages and API of the main app keep the main context
	const node = { ctx, server };
	extraServers.push(node);
	return node;
}
