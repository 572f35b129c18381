/**
 * Drafting: stored updates are folded into a snapshot from the process's own document when it
 * provably holds every stored row, and rebuilt from the database otherwise (ADR-015).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { draftSnapshots } from '../../src/lib/server/db/schema';
import {
	appendUpdates,
	compactStoredUpdates,
	hashUpdate,
	loadEncodedState,
	openCurrentDraft
} from '../../src/lib/server/drafting/draft.repository';
import { bodyText, BODY_FIELD } from '../../src/lib/server/drafting/draft-state';
import { converged, countStoredUpdates, seedCase } from '../helpers/draft-clients';
import { useDraftingApp } from '../helpers/drafting-app';

const h = useDraftingApp();
const { ids, client, settle, startNode } = h;

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
			h.app.ctx.db,
			draftId,
			u.map((update) => ({ update, userId: null, at: new Date() }))
		);
	const storedBody = async (draftId: string) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await loadEncodedState(h.app.ctx.db, draftId));
		return bodyText(doc);
	};

	it('encodes the held document only when it provably holds the snapshot and every stored row; otherwise rebuilds from storage and loses nothing', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-COMPACT-MEM', assigneeId: ids.olga! });
		const draft = await openCurrentDraft(h.app.ctx.db, caseId, { userId: null, at: new Date() });
		// Process A holds a document with three stored updates.
		const a = new Y.Doc();
		const held = { doc: a, holds: new Set<string>(), snapshotUpToId: 0 };
		const mine = ['Первый абзац.', 'Second paragraph.', 'Үшінші абзац.'].map((w) => typed(a, w));
		await stored(mine, draft.id);
		for (const u of mine) held.holds.add(hashUpdate(u));
		const first = await compactStoredUpdates(h.app.ctx.db, draft.id, new Date(), held);
		expect(first).toMatchObject({ folded: 3, fromMemory: true });
		expect(await countStoredUpdates(h.app.ctx.db, draft.id)).toBe(0);
		expect(await storedBody(draft.id)).toBe(bodyText(a));
		held.snapshotUpToId = first.upToId;

		// Process B stores an update A has not integrated: A's proof fails, the rebuild keeps B's words.
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const fromB = typed(b, 'Written on process B.');
		await stored([fromB], draft.id);
		const second = await compactStoredUpdates(h.app.ctx.db, draft.id, new Date(), held);
		expect(second).toMatchObject({ folded: 1, fromMemory: false });
		expect(await storedBody(draft.id)).toContain('Written on process B.');

		// B compacts its own update (A still has not seen it): A's snapshot is stale, so even with
		// every remaining row held, A must not write its document over B's words.
		const fromB2 = typed(b, 'B again.');
		await stored([fromB2], draft.id);
		await compactStoredUpdates(h.app.ctx.db, draft.id, new Date());
		const fromA = typed(a, 'A after that.');
		await stored([fromA], draft.id);
		held.holds.add(hashUpdate(fromA));
		const third = await compactStoredUpdates(h.app.ctx.db, draft.id, new Date(), held);
		expect(third).toMatchObject({ folded: 1, fromMemory: false });
		const text = await storedBody(draft.id);
		for (const w of ['Первый абзац.', 'Written on process B.', 'B again.', 'A after that.']) expect(text).toContain(w);
	});

	it('the drafting service compacts a busy draft from memory, and storage then holds exactly what the editors have', async () => {
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-COMPACT-MEM-2', assigneeId: ids.olga! });
		const node = await startNode(h.app.ctx, { compactAbove: 20 });
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
		const [snap] = await h.app.ctx.db.select().from(draftSnapshots).where(eq(draftSnapshots.draftId, draftId));
		expect(snap!.upToId).toBeGreaterThan(0);
		expect(await storedBody(draftId)).toBe(a.text());
		expect(a.text()).toBe(b.text());
		for (let i = 0; i < 120; i++) expect(a.text()).toContain(`line ${i}`);
	});
});
