/**
 * The draft page's live state (Svelte 5 runes): the provider's state, who is present, the body's
 * plain text; mounts the editor and the socket session on demand (dynamic imports: the editor code
 * loads only on this page). The editor is editable exactly while the server says `edit`.
 */
import type { Editor } from '@tiptap/core';
import type { DraftProviderState } from './draft-provider';
import type { PresentUser } from './presence';
import type { DraftSession } from './draft-session';

export class DraftPageState {
	provider: DraftProviderState = $state({
		phase: 'connecting',
		draftId: null,
		chain: null,
		status: null,
		access: null,
		unsaved: 0,
		error: null
	});
	presence: PresentUser[] = $state([]);
	text = $state('');
	#session: DraftSession | null = null;
	#editor: Editor | null = null;
	#insert: ((editor: Editor, paragraphs: string[]) => void) | null = null;

	get editable(): boolean {
		return this.provider.access === 'edit' && this.provider.phase !== 'refused';
	}

	async mount(
		element: HTMLElement,
		opts: { caseId: string; me: { name: string; color: string }; label: string }
	): Promise<void> {
		const [{ DraftSession }, { createDraftEditor, insertParagraphs }] = await Promise.all([
			import('./draft-session'),
			import('./editor')
		]);
		this.#insert = insertParagraphs;
		this.#session = new DraftSession(opts.caseId, {
			onState: (s) => {
				this.provider = s;
				this.#editor?.setEditable(this.editable);
			},
			onPresence: (users) => (this.presence = users)
		});
		this.#editor = createDraftEditor({
			element,
			doc: this.#session.doc,
			awareness: this.#session.awareness,
			user: opts.me,
			editable: this.editable,
			label: opts.label,
			onChange: (text) => (this.text = text)
		});
	}

	insert(paragraphs: string[]): void {
		if (this.#editor && this.#insert && this.editable) this.#insert(this.#editor, paragraphs);
	}

	command(name: 'bold' | 'italic' | 'bulletList'): void {
		const chain = this.#editor?.chain().focus();
		if (!chain) return;
		if (name === 'bold') chain.toggleBold().run();
		else if (name === 'italic') chain.toggleItalic().run();
		else chain.toggleBulletList().run();
	}

	destroy(): void {
		this.#editor?.destroy();
		this.#session?.close();
		this.#editor = null;
		this.#session = null;
	}
}
