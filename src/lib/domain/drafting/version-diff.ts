/**
 * A readable word-level diff between two named versions of a refusal letter (ADR-015), on their
 * plain text, with the `diff` package's word tokenizer that keeps whitespace runs as tokens, so both
 * texts are rebuilt exactly from the segments.
 */
import { diffWordsWithSpace } from 'diff';

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffSegment {
	op: DiffOp;
	text: string;
}

export interface VersionDiff {
	segments: DiffSegment[];
	/** Words inserted and deleted (whitespace-separated runs), for a one-line summary. */
	wordsInserted: number;
	wordsDeleted: number;
}

const countWords = (text: string) => text.split(/\s+/u).filter(Boolean).length;

export function diffVersionTexts(from: string, to: string): VersionDiff {
	const segments: DiffSegment[] = [];
	let wordsInserted = 0;
	let wordsDeleted = 0;
	for (const change of diffWordsWithSpace(from, to)) {
		const op: DiffOp = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
		if (op === 'insert') wordsInserted += countWords(change.value);
		if (op === 'delete') wordsDeleted += countWords(change.value);
		const last = segments.at(-1);
		if (last && last.op === op) last.text += change.value;
		else segments.push({ op, text: change.value });
	}
	return { segments, wordsInserted, wordsDeleted };
}

/** Applying a diff: the `from` text is the equal + deleted segments, the `to` text equal + inserted. */
export function sidesOfDiff(diff: VersionDiff): { from: string; to: string } {
	const join = (ops: DiffOp[]) =>
		diff.segments
			.filter((s) => ops.includes(s.op))
			.map((s) => s.text)
			.join('');
	return { from: join(['equal', 'delete']), to: join(['equal', 'insert']) };
}
