/**
 * Drafting: the server decides access per document from the database — editors, readers, nobody
 * else — and re-decides it live on reassignment and signature, and within its TTL without an
 * announcing event (ADR-015).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { cases } from '../../src/lib/server/db/schema';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';
import { BODY_FIELD } from '../../src/lib/server/drafting/draft-state';
import { type ServerToClientEvents } from '../../src/lib/realtime/contract';
import { encodeSyncStep1, encodeSyncUpdate, toWire } from '../../src/lib/realtime/draft-sync-messages';
import { converged, countStoredUpdates, openSocket, seedCase } from '../helpers/draft-clients';
import { useDraftingApp } from '../helpers/drafting-app';

const h = useDraftingApp();
const { ids, cookies, client, storedText, settle, startNode } = h;

describe('authorization per document', () => {
	it('refuses a read-only member’s update with an error ack, and the others never receive it', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-RO-1', assigneeId: ids.olga! });
		const editor = await client('olga', caseId);
		const reader = await client('sue', caseId);
		const reviewer = await client('remy', caseId);
		// A complaint reviewer reads only the signed letter, not the draft (001 p.19 para 5).
		expect([editor.provider.state.access, reader.provider.state.access, reviewer.provider.state.phase]).toEqual([
			'edit',
			'read',
			'refused'
		]);
		editor.doc.getXmlFragment(BODY_FIELD).insert(0, [Object.assign(new Y.XmlElement('paragraph'), {})]);
		await converged([editor, reader]);
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
		expect(ack).toEqual({ error: expect.any(String), code: 'draft-read-only' });

		await new Promise((r) => setTimeout(r, 300));
		expect(editor.received.length).toBe(receivedBefore);
		expect(editor.text()).toBe(before);
		expect(reviewer.received).toEqual([]);
		expect((await storedText(h.app.ctx, caseId)).text).toBe(before);
	});

	it('answers malformed messages with an error ack that changes nothing', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-BAD-1', assigneeId: ids.olga! });
		const editor = await client('olga', caseId);
		const draftId = editor.provider.state.draftId!;
		const s = editor.socket;
		const bad: [string, unknown][] = [
			['draft:join', { caseId: 'not-a-uuid' }],
			['draft:join', { caseId, extra: 1 }],
			['draft:sync', { draftId, message: 'text, not base64' }],
			['draft:sync', { draftId, message: 'AAA' }], // base64 of the wrong length
			['draft:sync', { draftId, message: '' }],
			// over the 1 MiB limit (as base64), under the socket's
			['draft:sync', { draftId, message: 'A'.repeat(1_400_000) }],
			['draft:sync', { draftId, message: encodeSyncUpdate(new Uint8Array([1])) }], // binary: not the wire format
			['draft:sync', { draftId, message: toWire(new Uint8Array([9, 9, 9])) }], // not a sync message
			// not a Yjs update
			['draft:sync', { draftId, message: toWire(encodeSyncUpdate(new Uint8Array([200, 1, 2, 3, 4, 5]))) }],
			['draft:awareness', { draftId, update: toWire(new Uint8Array([5, 1, 2])) }], // not an awareness update
			['draft:awareness', { draftId, update: 42 }],
			['draft:leave', { draftId: 42 }]
		];
		for (const [event, payload] of bad) {
			const ack = await (s.emitWithAck as (e: string, p: unknown) => Promise<unknown>)(event, payload);
			expect(ack, `${event} ${JSON.stringify(payload)}`).toEqual({ error: expect.any(String), code: 'draft-invalid' });
		}
		expect(await countStoredUpdates(h.app.ctx.db, draftId)).toBe(0);
		expect(editor.text()).toBe('');
	});

	it('gives an unauthorised socket nothing: no join ack with content, no updates, no presence', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-NO-1', assigneeId: ids.olga! });
		const editor = await client('olga', caseId);
		editor.provider.awareness.setLocalStateField('cursor', { anchor: 0, head: 0 });
		for (const name of ['otto', 'rita']) {
			const socket = openSocket(h.app.url, cookies[name]!);
			const heard: string[] = [];
			socket.onAny((event: keyof ServerToClientEvents) => {
				if (String(event).startsWith('draft:')) heard.push(String(event));
			});
			await new Promise((r) => socket.once('connect', () => r(null)));
			expect(await socket.emitWithAck('draft:join', { caseId })).toEqual({
				error: expect.any(String),
				code: 'draft-forbidden'
			});
			// Guessing the draft id does not help either.
			expect(
				await socket.emitWithAck('draft:sync', {
					draftId: editor.provider.state.draftId!,
					message: toWire(encodeSyncStep1(new Uint8Array([0])))
				})
			).toEqual({ error: expect.any(String), code: 'draft-not-joined' });
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText('secret wording')]);
			editor.doc.getXmlFragment(BODY_FIELD).insert(0, [p]);
			await new Promise((r) => setTimeout(r, 300));
			expect(heard).toEqual([]);
			socket.disconnect();
		}
		// A case that does not exist is refused the same way.
		const s = openSocket(h.app.url, cookies.sue!);
		await new Promise((r) => s.once('connect', () => r(null)));
		expect(await s.emitWithAck('draft:join', { caseId: '00000000-0000-4000-8000-000000000000' })).toEqual({
			error: expect.any(String),
			code: 'draft-forbidden'
		});
		s.disconnect();
	});

	it('revokes editing live when the case is reassigned (case:assigned in the outbox)', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-REASSIGN-1', assigneeId: ids.olga! });
		const olga = await client('olga', caseId);
		const hank = await client('hank', caseId);
		const changes: unknown[] = [];
		olga.socket.on('draft:access-changed', (p) => changes.push(p));
		await h.app.ctx.db.transaction(async (tx) => {
			await tx.update(cases).set({ assigneeId: ids.otto! }).where(eq(cases.id, caseId));
			await appendCaseEvent(tx, caseId, {
				type: 'case:assigned',
				actor: { userId: ids.hank!, label: 'hank' },
				at: h.app.clock.now(),
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
		).toEqual({ error: expect.any(String), code: 'draft-not-joined' });
		expect(await olga.socket.emitWithAck('draft:join', { caseId })).toEqual({
			error: expect.any(String),
			code: 'draft-forbidden'
		});
		await new Promise((r) => setTimeout(r, 200));
		expect(hank.text()).not.toContain('after reassignment');

		const otto = await client('otto', caseId);
		expect(otto.provider.state.access).toBe('edit');
	});
});

describe('access without an announcing event', () => {
	it('re-decides every socket within the TTL when the assignee changes in the database without a case event', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-TTL-1', assigneeId: ids.olga! });
		const node = await startNode(h.app.ctx, {}, { draftAccessTtlMs: 600 });
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
		await h.app.ctx.db.update(cases).set({ assigneeId: ids.otto! }).where(eq(cases.id, caseId));
		await new Promise((r) => setTimeout(r, 700));
		for (const [i, tab] of tabs.entries()) {
			expect(await tab.socket.emitWithAck('draft:sync', { draftId, message: update(`tab ${i} after`) })).toEqual({
				error: expect.any(String),
				code: 'draft-not-joined'
			});
			expect(changes[i]).toEqual([{ draftId, access: null, reason: 'revoked' }]);
		}
		// A head still edits.
		expect(await hank.socket.emitWithAck('draft:sync', { draftId, message: update('hank after') })).toEqual({
			data: { replies: [] }
		});
	});

	it('between half the TTL and the TTL, goes on the current decision and re-decides in the background', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-TTL-2', assigneeId: ids.olga! });
		const node = await startNode(h.app.ctx, {}, { draftAccessTtlMs: 600 });
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
		await h.app.ctx.db.update(cases).set({ assigneeId: ids.otto! }).where(eq(cases.id, caseId));
		// The decision is 350 ms old (under the TTL): this keystroke does not wait for the database...
		expect(await olga.socket.emitWithAck('draft:sync', { draftId, message: message('still mine') })).toEqual({
			data: { replies: [] }
		});
		// ...which the background re-decision then reads: revoked without another message.
		const deadline = Date.now() + 2_000;
		while (changes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
		expect(changes).toEqual([{ draftId, access: null, reason: 'revoked' }]);
		expect(await olga.socket.emitWithAck('draft:sync', { draftId, message: message('too late') })).toEqual({
			error: expect.any(String),
			code: 'draft-not-joined'
		});
	});
});
