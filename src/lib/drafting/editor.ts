/**
 * The refusal letter's body editor: Tiptap bound to the draft's Yjs document (Collaboration) with
 * remote carets and selections (CollaborationCaret), exposed to assistive technology as a labelled
 * multi-line textbox. Browser only; imported dynamically by the draft page so the editor never
 * enters another page's bundle.
 */
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

export interface DraftEditorOptions {
	element: HTMLElement;
	doc: Y.Doc;
	awareness: Awareness;
	user: { name: string; color: string };
	editable: boolean;
	label: string;
	onChange: (text: string) => void;
}

export function createDraftEditor(opts: DraftEditorOptions): Editor {
	return new Editor({
		element: opts.element,
		editable: opts.editable,
		extensions: [
			// Yjs keeps the history of a shared document; the local undo stack would fight it.
			StarterKit.configure({ undoRedo: false, codeBlock: false, code: false, link: false, heading: { levels: [3] } }),
			Collaboration.configure({ document: opts.doc }),
			CollaborationCaret.configure({ provider: { awareness: opts.awareness }, user: opts.user })
		],
		editorProps: {
			attributes: {
				role: 'textbox',
				'aria-multiline': 'true',
				'aria-label': opts.label,
				class: 'draft-editor',
				spellcheck: 'true'
			}
		},
		onCreate: ({ editor }) => opts.onChange(plainText(editor)),
		onUpdate: ({ editor }) => opts.onChange(plainText(editor))
	});
}

export function plainText(editor: Editor): string {
	return editor.getText({ blockSeparator: '\n' });
}

/** Inserts whole paragraphs at the caret (the grounds picker). */
export function insertParagraphs(editor: Editor, paragraphs: string[]): void {
	editor
		.chain()
		.focus()
		.insertContent(paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })))
		.run();
}
