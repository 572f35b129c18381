/**
 * The case page's notes: the list (from the page data, then kept live: a `note:*` event of this
 * case refetches it), posting a note, and editing one's own within its 5 minutes.
 */
import { RealtimeConnection } from '$lib/realtime/connection.svelte';

export interface Note {
	id: string;
	author: string;
	authorName: string;
	text: string;
	mentions: string[];
	createdAt: string;
	editedAt: string | null;
	editableUntil: string;
}

export class CaseNotesState {
	notes = $state<Note[]>([]);
	error = $state<string | null>(null);
	busy = $state(false);

	constructor(
		readonly caseId: string,
		initial: Note[]
	) {
		this.notes = initial;
	}

	start = () => {
		const connection = new RealtimeConnection({
			onEvent: (e) => {
				if (e.caseId === this.caseId && e.type.startsWith('note:')) void this.refresh();
			},
			onReconnected: () => void this.refresh()
		});
		return () => connection.close();
	};

	async refresh() {
		const res = await fetch(`/api/v1/cases/${this.caseId}/notes`);
		if (res.ok) this.notes = ((await res.json()) as { notes: Note[] }).notes;
	}

	/** Posts (or, with an id, edits) a note; true when the server kept it. */
	async save(text: string, id?: string): Promise<boolean> {
		this.busy = true;
		this.error = null;
		try {
			const res = await fetch(`/api/v1/cases/${this.caseId}/notes${id ? `/${id}` : ''}`, {
				method: id ? 'PATCH' : 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text })
			});
			if (!res.ok) {
				this.error = ((await res.json().catch(() => ({}))) as { error?: string }).error ?? String(res.status);
				return false;
			}
			await this.refresh();
			return true;
		} finally {
			this.busy = false;
		}
	}
}
