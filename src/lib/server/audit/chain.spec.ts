import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashEvent, verifyStream, type ChainedContent } from './chain';
import { canonicalJson } from './canonical';

function chain(n: number) {
	const rows = [];
	let prev = GENESIS_HASH;
	for (let seq = 1; seq <= n; seq++) {
		const content: ChainedContent = {
			stream: 'case:1',
			seq,
			type: 'stage-changed',
			actorId: 7,
			actorLabel: 'officer',
			at: new Date(Date.UTC(2026, 2, seq, 5)),
			citation: '001 p.16',
			before: { stage: `s${seq - 1}` },
			after: { stage: `s${seq}`, nested: { b: 1, a: [1, 2] } }
		};
		const hash = hashEvent(prev, content);
		rows.push({ ...content, id: seq, prevHash: prev, hash });
		prev = hash;
	}
	return rows;
}

describe('audit hash chain', () => {
	it('accepts an untouched chain', () => {
		expect(verifyStream(chain(5))).toEqual([]);
	});

	it('is independent of key order, as jsonb reorders keys', () => {
		expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
	});

	it('detects an edited row and names it', () => {
		const rows = chain(5);
		rows[2]!.after = { stage: 'forged' };
		expect(verifyStream(rows)).toEqual([{ stream: 'case:1', seq: 3, id: 3, problem: 'hash-mismatch' }]);
	});

	it('detects a removed row', () => {
		const rows = chain(5);
		rows.splice(1, 1);
		const problems = verifyStream(rows).map((b) => b.problem);
		expect(problems).toContain('seq-gap');
		expect(problems).toContain('prev-hash-mismatch');
	});

	it('detects a rewritten row whose own hash was recomputed', () => {
		const rows = chain(4);
		rows[1]!.type = 'forged';
		rows[1]!.hash = hashEvent(rows[1]!.prevHash, rows[1]!);
		expect(verifyStream(rows)).toEqual([{ stream: 'case:1', seq: 3, id: 3, problem: 'prev-hash-mismatch' }]);
	});
});
