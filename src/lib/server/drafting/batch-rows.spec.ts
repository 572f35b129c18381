import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { batchRows } from './drafting.service';
import { hashUpdate, type UpdateToStore } from './draft.repository';
import { createRng } from '../../domain/reference/prng';

/** Several editors typing into one shared text, each keystroke an update (seeded). */
function keystrokes(seed: string, editors: number, count: number): { items: UpdateToStore[]; expected: string } {
	const rng = createRng(seed);
	const docs = Array.from({ length: editors }, () => new Y.Doc());
	const items: UpdateToStore[] = [];
	docs.forEach((doc, i) =>
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'peer') return;
			items.push({ update, userId: 100 + i, at: new Date(Date.UTC(2026, 11, 2, 6, 0, items.length)) });
			for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, 'peer');
		})
	);
	for (let k = 0; k < count; k++) {
		const text = rng.pick(docs).getText('t');
		text.insert(rng.int(0, text.length), String.fromCharCode(0x430 + rng.int(0, 31)));
	}
	return { items, expected: docs[0]!.getText('t').toString() };
}

const textOf = (rows: UpdateToStore[]) => {
	const doc = new Y.Doc();
	for (const r of rows) Y.applyUpdate(doc, r.update);
	return doc.getText('t').toString();
};

describe('batchRows: a save batch stored as merged rows', () => {
	it.each([
		[1, 1],
		[40, 1],
		[200, 1],
		[201, 2],
		[450, 3]
	])('%i updates make %i row(s), holding the same document and every update counted', (count, rows) => {
		const { items, expected } = keystrokes(`batch-${count}`, 3, count);
		const batch = batchRows(items);
		expect(batch).toHaveLength(rows);
		expect(batch.map((r) => r.updates).reduce((a, b) => a! + b!, 0)).toBe(count);
		expect(batch.every((r) => r.updates! <= 200)).toBe(true);
		expect(textOf(batch)).toBe(expected);
		for (const r of batch) expect(r.hash).toBe(hashUpdate(r.update));
	});

	it('keeps the author only when every update of the row is theirs, and the time of the last', () => {
		const { items } = keystrokes('authors', 1, 5);
		const [one] = batchRows(items);
		expect(one).toMatchObject({ userId: 100, at: items[4]!.at, updates: 5 });
		const mixed = keystrokes('authors-mixed', 4, 30);
		expect(new Set(mixed.items.map((i) => i.userId)).size).toBeGreaterThan(1);
		expect(batchRows(mixed.items)[0]!.userId).toBeNull();
	});

	it('adds up rows that already merge updates (a batch of remote rows)', () => {
		const { items, expected } = keystrokes('nested', 2, 60);
		const first = batchRows(items.slice(0, 30));
		const again = batchRows([...first, ...items.slice(30)]);
		expect(again[0]!.updates).toBe(60);
		expect(textOf(again)).toBe(expected);
	});
});
