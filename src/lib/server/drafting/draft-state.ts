/**
 * A draft's Yjs document built from what is stored: the compacted snapshot, then the updates
 * appended after it, applied to a fresh `Y.Doc` and re-encoded. (Not `Y.mergeUpdates`: merging
 * thousands of small updates is pathologically slow; integrating them into a document is not.)
 * Also the plain text of the letter's body, for versions, the diff and the PDF.
 */
import * as Y from 'yjs';

/** The fragment Tiptap's Collaboration extension binds (its default `field`). */
export const BODY_FIELD = 'default';

export function buildDoc(snapshot: Uint8Array | null, updates: Iterable<Uint8Array>): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		if (snapshot) Y.applyUpdate(doc, snapshot);
		for (const u of updates) Y.applyUpdate(doc, u);
	});
	return doc;
}

export function encodeState(snapshot: Uint8Array | null, updates: Iterable<Uint8Array>): Uint8Array {
	const doc = buildDoc(snapshot, updates);
	try {
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * Is this a well-formed Yjs update, and does it change anything? Throws on bytes that are not an
 * update (so a bad message is refused before it touches any document).
 */
export function inspectUpdate(update: Uint8Array): { empty: boolean } {
	const decoded = Y.decodeUpdate(update);
	return { empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock']);

function inlineText(node: Y.XmlText | Y.XmlElement): string {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as { insert: unknown }[])
			.map((d) => (typeof d.insert === 'string' ? d.insert : ''))
			.join('');
	}
	if (node.nodeName === 'hardBreak') return '\n';
	return node
		.toArray()
		.map((c) => (c instanceof Y.XmlText || c instanceof Y.XmlElement ? inlineText(c) : ''))
		.join('');
}

/** The body's paragraphs in order (list items prefixed "• " or "1. "). */
export function bodyParagraphs(doc: Y.Doc): string[] {
	const out: string[] = [];
	const walk = (parent: Y.XmlFragment | Y.XmlElement, prefix: string) => {
		let n = 0;
		for (const child of parent.toArray()) {
			if (child instanceof Y.XmlText) {
				out.push(prefix + inlineText(child));
				continue;
			}
			if (!(child instanceof Y.XmlElement)) continue;
			if (BLOCKS.has(child.nodeName)) out.push(prefix + inlineText(child));
			else if (child.nodeName === 'listItem') {
				n++;
				const marker = parent instanceof Y.XmlElement && parent.nodeName === 'orderedList' ? `${n}. ` : '• ';
				walk(child, prefix + marker);
			} else walk(child, prefix);
		}
	};
	walk(doc.getXmlFragment(BODY_FIELD), '');
	return out;
}

export function bodyText(doc: Y.Doc): string {
	return bodyParagraphs(doc).join('\n');
}
