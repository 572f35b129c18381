/**
 * Drafting: concurrent editors converge, and each sees the others' presence (carets, names), with
 * real `yjs` clients bound by the app's DraftProvider over socket.io-client (ADR-015).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRng } from '../../src/lib/domain/reference/prng';
import { BODY_FIELD } from '../../src/lib/server/drafting/draft-state';
import { contains, converged, randomEdit, seedCase } from '../helpers/draft-clients';
import { useDraftingApp } from '../helpers/drafting-app';

const h = useDraftingApp();
const { ids, client, storedText, settle } = h;

describe('convergence', () => {
	for (const n of [2, 3]) {
		it(`${n} editors converge after seeded random concurrent edits over many rounds, and the server stores the same document`, async () => {
			const caseId = await seedCase(h.app.ctx.db, { number: `EL-CONV-${n}`, assigneeId: ids.olga! });
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
			const stored = await storedText(h.app.ctx, caseId);
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
		const caseId = await seedCase(h.app.ctx.db, { number: 'EL-PRESENCE-1', assigneeId: ids.olga! });
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
