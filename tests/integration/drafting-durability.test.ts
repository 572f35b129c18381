/**
 * Drafting: nothing acknowledged is lost by a crash, unacknowledged edits return on reconnect, and
 * a save's updates are stored in one idempotent statement (ADR-015).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { and, eq } from 'drizzle-orm';
import { createRng } from '../../src/lib/domain/reference/prng';
import { drafts, draftSnapshots, draftUpdates } from '../../src/lib/server/db/schema';
import {
	appendUpdates,
	DraftSignedError,
	hashUpdate,
	openCurrentDraft
} from '../../src/lib/server/drafting/draft.repository';
import { BODY_FIELD } from '../../src/lib/server/drafting/draft-state';
import { DraftErrors } from '../../src/lib/realtime/contract';
import { contains, converged, countStoredUpdates, randomEdit, seedCase } from '../helpers/draft-clients';
import { useDraftingApp } from '../helpers/drafting-app';

const h = useDraftingApp();
const { ids, client, storedText, settle, startNode } = h;

describe('durability', () => {
	it('a crash in the middle of editing loses nothing acknowledged, and the clients’ unacknowledged edits return on reconnect', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-CRASH-1', assigneeId: ids.olga! });
		const node = await startNode(h.app.ctx);
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
		// Type for 600 ms, and on a busy machine until more than 10 edits are acknowledged (at most 20 s).
		const until = Date.now() + 20_000;
		await new Promise((r) => setTimeout(r, 600));
		while (a.acked.length + b.acked.length <= 10 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
		// The process dies: whatever was not stored yet is gone from the server.
		await node.ctx.drafting.halt();
		await node.server.close();
		typing = false;
		await typist;
		const acked = [...a.acked, ...b.acked];
		expect(acked.length).toBeGreaterThan(10);
		const afterCrash = await storedText(h.app.ctx, caseId);
		expect(contains(afterCrash.doc, acked)).toBe(true);

		// A new process on the same database; the clients reconnect with their documents.
		const next = await startNode(h.app.ctx);
		const a2 = await client('olga', caseId, next.server.url, a.doc);
		const b2 = await client('hank', caseId, next.server.url, b.doc);
		await converged([a2, b2]);
		await settle([a2, b2]);
		const final = await storedText(h.app.ctx, caseId);
		expect(final.text).toBe(a2.text());
		expect(contains(final.doc, [Y.encodeStateAsUpdate(a.doc), Y.encodeStateAsUpdate(b.doc)])).toBe(true);
	});

	it('merges a long stretch of writing done while disconnected (300,000 characters) on reconnect', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-OFFLINE-1', assigneeId: ids.olga! });
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
		expect((await storedText(h.app.ctx, caseId)).text).toBe(a.text());
	});

	it('holds back a change over 1 MiB with a clear error, keeps the connection, and sends the rest once it is undone', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-HUGE-1', assigneeId: ids.olga! });
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
		expect((await storedText(h.app.ctx, caseId)).text).toBe(a.text());
	});

	it('compaction keeps the content and bounds the stored updates (about 500), and folds the rest on idle', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-COMPACT-1', assigneeId: ids.olga! });
		const node = await startNode(h.app.ctx, { idleMs: 1_500, sweepMs: 250 });
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
			(await h.app.ctx.db.select({ id: draftUpdates.id }).from(draftUpdates).where(eq(draftUpdates.draftId, draftId)))
				.length;
		for (let i = 0; i < 1_200; i++) {
			text.insert(text.length, String.fromCharCode(0x430 + (i % 32)));
			if (i % 100 === 99) {
				await settle([a]);
				const stored = await countStoredUpdates(h.app.ctx.db, draftId);
				if (stored > maxStored) [maxStored, rowsAtMax] = [stored, await rows()];
			}
		}
		await settle([a]);
		expect(maxStored).toBeGreaterThan(0);
		expect(maxStored).toBeLessThanOrEqual(600);
		// A save writes its batch as one row: a burst of 100 keystrokes is a few rows, not 100.
		expect(rowsAtMax * 5).toBeLessThanOrEqual(maxStored);
		expect((await storedText(h.app.ctx, caseId)).text).toBe(a.text());
		expect(a.text()).toHaveLength(1_200);
		// Idle: everything folded into the snapshot.
		const until = Date.now() + 6_000;
		while ((await countStoredUpdates(h.app.ctx.db, draftId)) > 0 && Date.now() < until)
			await new Promise((r) => setTimeout(r, 100));
		expect(await countStoredUpdates(h.app.ctx.db, draftId)).toBe(0);
		const [snap] = await h.app.ctx.db.select().from(draftSnapshots).where(eq(draftSnapshots.draftId, draftId));
		expect(snap!.upToId).toBeGreaterThan(0);
		expect((await storedText(h.app.ctx, caseId)).text).toBe(a.text());
		expect(
			await h.app.ctx.db.select({ id: draftUpdates.id }).from(draftUpdates).where(eq(draftUpdates.draftId, draftId))
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
		(await h.app.ctx.db.select({ hash: draftUpdates.hash }).from(draftUpdates).where(eq(draftUpdates.draftId, draftId)))
			.map((r) => r.hash)
			.sort();

	it('stores a batch once: a repeated update is skipped, and the count says how many rows were new', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-APPEND-1', assigneeId: ids.olga! });
		const draft = await openCurrentDraft(h.app.ctx.db, caseId, { userId: null, at: new Date() });
		const [a, b, c] = ['а', 'b', 'с'].map(update) as [Uint8Array, Uint8Array, Uint8Array];
		const at = new Date('2026-12-02T06:00:00Z');
		expect(
			await appendUpdates(
				h.app.ctx.db,
				draft.id,
				[a, b].map((u) => ({ update: u, userId: ids.olga!, at }))
			)
		).toBe(2);
		expect(
			await appendUpdates(
				h.app.ctx.db,
				draft.id,
				[b, c].map((u) => ({ update: u, userId: null, at }))
			)
		).toBe(1);
		expect(await rows(draft.id)).toEqual([a, b, c].map(hashUpdate).sort());
		const [first] = await h.app.ctx.db
			.select()
			.from(draftUpdates)
			.where(and(eq(draftUpdates.draftId, draft.id), eq(draftUpdates.hash, hashUpdate(a))));
		expect(first).toMatchObject({ userId: ids.olga!, at });
		expect([...first!.update]).toEqual([...a]);
		const [third] = await h.app.ctx.db
			.select()
			.from(draftUpdates)
			.where(and(eq(draftUpdates.draftId, draft.id), eq(draftUpdates.hash, hashUpdate(c))));
		expect(third).toMatchObject({ userId: null, at, updates: 1 });
		// A save's merged row counts the client updates it holds.
		const merged = Y.mergeUpdates([update('d'), update('e')]);
		const later = new Date('2026-12-02T06:00:00.123Z');
		expect(
			await appendUpdates(h.app.ctx.db, draft.id, [{ update: merged, userId: ids.olga!, at: later, updates: 40 }])
		).toBe(40);
		const [row] = await h.app.ctx.db
			.select()
			.from(draftUpdates)
			.where(and(eq(draftUpdates.draftId, draft.id), eq(draftUpdates.hash, hashUpdate(merged))));
		expect(row).toMatchObject({ userId: ids.olga!, at: later, updates: 40 });
		expect([...row!.update]).toEqual([...merged]);
	});

	it('refuses an append that waited on a signature, once the signature commits, and stores nothing of it', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-APPEND-SIGN', assigneeId: ids.olga! });
		const draft = await openCurrentDraft(h.app.ctx.db, caseId, { userId: null, at: new Date() });
		let appending: Promise<number> | null = null;
		await h.app.ctx.db.transaction(async (tx) => {
			// What signDraft does: lock the draft row, then mark it signed; the append arrives meanwhile.
			await tx.select({ id: drafts.id }).from(drafts).where(eq(drafts.id, draft.id)).for('update');
			appending = appendUpdates(h.app.ctx.db, draft.id, [{ update: update('late'), userId: null, at: new Date() }]);
			appending.catch(() => {});
			await new Promise((r) => setTimeout(r, 100));
			await tx.update(drafts).set({ status: 'signed' }).where(eq(drafts.id, draft.id));
		});
		await expect(appending!).rejects.toBeInstanceOf(DraftSignedError);
		expect(await rows(draft.id)).toEqual([]);
		// A draft that is signed outright refuses too; a missing draft is an error, not a silent no-op.
		await expect(
			appendUpdates(h.app.ctx.db, draft.id, [{ update: update('x'), userId: null, at: new Date() }])
		).rejects.toBeInstanceOf(DraftSignedError);
		await expect(
			appendUpdates(h.app.ctx.db, '00000000-0000-4000-8000-000000000000', [
				{ update: update('x'), userId: null, at: new Date() }
			])
		).rejects.toThrow(/no draft/);
	});
});
