/**
 * The hash chain of the audit trail: each row carries the SHA-256 of its own content and of the
 * previous row of the same stream (a case, or an audit stream such as `users` or `calendar`), so an
 * edited, removed or reordered row breaks every hash after it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';

/** The hash a stream starts from. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
	stream: string;
	seq: number;
	type: string;
	actorId: number | null;
	actorLabel: string;
	at: Date;
	citation: string | null;
	before: unknown;
	after: unknown;
}

export function hashEvent(prevHash: string, content: ChainedContent): string {
	const { stream, seq, type, actorId, actorLabel, at, citation, before, after } = content;
	const body = canonicalJson({ stream, seq, type, actorId, actorLabel, at: at.toISOString(), citation, before, after });
	return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface ChainBreak {
	stream: string;
	seq: number;
	id: number;
	problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap';
}

/** Checks rows of one stream, given in `seq` order. */
export function verifyStream(rows: (ChainedContent & { id: number; prevHash: string; hash: string })[]): ChainBreak[] {
	const breaks: ChainBreak[] = [];
	let prev = GENESIS_HASH;
	let expectedSeq = 1;
	for (const row of rows) {
		const at = { stream: row.stream, seq: row.seq, id: row.id };
		if (row.seq !== expectedSeq) breaks.push({ ...at, problem: 'seq-gap' });
		if (row.prevHash !== prev) breaks.push({ ...at, problem: 'prev-hash-mismatch' });
		if (hashEvent(row.prevHash, row) !== row.hash) breaks.push({ ...at, problem: 'hash-mismatch' });
		prev = row.hash;
		expectedSeq = row.seq + 1;
	}
	return breaks;
}
