import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BODY_FIELD, bodyParagraphs, bodyText, buildDoc, encodeState, inspectUpdate } from './draft-state';

function paragraph(text: string) {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	return p;
}

describe('draft state', () => {
	it('rebuilds the same document from a snapshot plus the updates after it', () => {
		const a = new Y.Doc();
		const updates: Uint8Array[] = [];
		a.on('update', (u: Uint8Array) => updates.push(u));
		const body = a.getXmlFragment(BODY_FIELD);
		body.insert(0, [paragraph('Бас тарту')]);
		const snapshot = encodeState(null, updates.splice(0));
		(body.get(0) as Y.XmlElement).insert(1, [new Y.XmlText(' негіздемесі')]);
		body.insert(1, [paragraph('Отказ')]);
		const rebuilt = buildDoc(snapshot, updates);
		expect(bodyText(rebuilt)).toBe('Бас тарту негіздемесі\nОтказ');
		expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(a));
	});

	it('reads paragraphs, headings, hard breaks and list items in order', () => {
		const doc = new Y.Doc();
		const body = doc.getXmlFragment(BODY_FIELD);
		const list = new Y.XmlElement('orderedList');
		const item = (t: string) => {
			const li = new Y.XmlElement('listItem');
			li.insert(0, [paragraph(t)]);
			return li;
		};
		list.insert(0, [item('first'), item('second')]);
		const withBreak = new Y.XmlElement('paragraph');
		withBreak.insert(0, [new Y.XmlText('a'), new Y.XmlElement('hardBreak'), new Y.XmlText('b')]);
		body.insert(0, [paragraph('intro'), list, withBreak]);
		expect(bodyParagraphs(doc)).toEqual(['intro', '1. first', '2. second', 'a\nb']);
	});

	it('tells an empty update from a real one and throws on bytes that are no update', () => {
		const doc = new Y.Doc();
		expect(inspectUpdate(Y.encodeStateAsUpdate(doc)).empty).toBe(true);
		doc.getXmlFragment(BODY_FIELD).insert(0, [paragraph('x')]);
		expect(inspectUpdate(Y.encodeStateAsUpdate(doc)).empty).toBe(false);
		expect(() => inspectUpdate(new Uint8Array([200, 1, 2, 3, 4, 5, 6, 7]))).toThrow();
	});
});
