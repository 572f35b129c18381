/**
 * The case page's notes: the list (from the page data, then kept live: a `note:*` event of this
 * case refetches it), posting a note, and editing one's own within its 5 minutes.
 */
import { FetchedLiveList } from '$lib/realtime/live-list.svelte';
import type { NoteView } from '$lib/types/desk';

export class CaseNotesState extends FetchedLiveList<NoteView> {
	constructor(
		readonly caseId: string,
		initial: NoteView[]
	) {
		super(`/api/v1/cases/${caseId}/notes`, 'notes', initial, (e) => e.caseId === caseId && e.type.startsWith('note:'));
	}

	get notes(): NoteView[] {
		return this.items;
	}

	/** Posts (or, with an id, edits) a note; true when the server kept it. */
	save(text: string, id?: string): Promise<boolean> {
		return this.send(`${this.url}${id ? `/${id}` : ''}`, {
			method: id ? 'PATCH' : 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text })
		});
	}
}
