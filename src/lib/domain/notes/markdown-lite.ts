/**
 * Markdown-lite for internal notes: paragraphs, "- " lists, **bold**, *italic*, `code`, @mentions
 * and bare http(s) links. The output is a tree of typed tokens that the page renders as elements,
 * never as HTML: whatever is typed (`<script>`, `javascript:` links, entities) stays text.
 */
export type Inline =
	| { t: 'text'; v: string }
	| { t: 'strong'; v: string }
	| { t: 'em'; v: string }
	| { t: 'code'; v: string }
	| { t: 'mention'; v: string }
	| { t: 'link'; v: string };
export type Block = { t: 'p'; lines: Inline[][] } | { t: 'ul'; items: Inline[][] };

export const MENTION = /(^|[^\p{L}\p{N}_.@-])@([A-Za-z0-9][A-Za-z0-9._-]{0,39})/gu;

/** The usernames mentioned (`@name`, not inside an e-mail address), once each, in order. */
export function mentionsIn(text: string): string[] {
	const out = new Set<string>();
	for (const m of text.matchAll(MENTION)) out.add(m[2]!.replace(/[.-]+$/, ''));
	return [...out];
}

const INLINE =
	/(`[^`\n]{1,500}`)|(\*\*[^*\n]{1,500}\*\*)|(\*[^*\n]{1,500}\*)|(https?:\/\/[^\s<>"'`]{1,500})|((?:^|(?<=[^\p{L}\p{N}_.@-]))@[A-Za-z0-9][A-Za-z0-9._-]{0,39})/gu;

export function inline(line: string): Inline[] {
	const out: Inline[] = [];
	let last = 0;
	for (const m of line.matchAll(INLINE)) {
		const at = m.index;
		if (at > last) out.push({ t: 'text', v: line.slice(last, at) });
		const s = m[0];
		if (m[1]) out.push({ t: 'code', v: s.slice(1, -1) });
		else if (m[2]) out.push({ t: 'strong', v: s.slice(2, -2) });
		else if (m[3]) out.push({ t: 'em', v: s.slice(1, -1) });
		else if (m[4]) {
			// A trailing full stop or bracket belongs to the sentence, not the address.
			const url = s.replace(/[.,;:!?)\]]+$/, '');
			out.push({ t: 'link', v: url });
			if (url.length < s.length) out.push({ t: 'text', v: s.slice(url.length) });
		} else out.push({ t: 'mention', v: s.slice(1).replace(/[.-]+$/, '') });
		last = at + s.length;
	}
	if (last < line.length) out.push({ t: 'text', v: line.slice(last) });
	// Neighbouring text runs as one.
	return out.reduce<Inline[]>((acc, x) => {
		const prev = acc[acc.length - 1];
		if (prev?.t === 'text' && x.t === 'text') acc[acc.length - 1] = { t: 'text', v: prev.v + x.v };
		else acc.push(x);
		return acc;
	}, []);
}

export function renderNote(text: string): Block[] {
	const blocks: Block[] = [];
	for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
		const lines = chunk.split('\n').filter((l) => l.trim() !== '');
		if (!lines.length) continue;
		if (lines.every((l) => /^\s*[-*] /.test(l)))
			blocks.push({ t: 'ul', items: lines.map((l) => inline(l.replace(/^\s*[-*] /, ''))) });
		else blocks.push({ t: 'p', lines: lines.map(inline) });
	}
	return blocks;
}
