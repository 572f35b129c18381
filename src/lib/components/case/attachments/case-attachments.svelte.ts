/**
 * The case page's attachments (ADR-056): the list from the page data, kept live — a
 * `case:attachment-*` event of this case (another officer's upload, the portal's) refetches it —
 * and uploads streamed as the raw file (application/octet-stream with X-Filename).
 */
import { RealtimeConnection } from '$lib/realtime/connection.svelte';

export interface Attachment {
	id: string;
	seriesId: string;
	version: number;
	filename: string;
	kind: string;
	size: number;
	source: 'staff' | 'portal';
	uploadedBy: string;
	createdAt: string;
	withdrawnAt: string | null;
	withdrawReason: string | null;
	/** The bytes destroyed with the case's device data (004 P 16; ADR-089): a tombstone, no download. */
	destroyedAt?: string | null;
	destroyedCitation?: string | null;
}

export class CaseAttachmentsState {
	items = $state<Attachment[]>([]);
	error = $state<string | null>(null);
	busy = $state(false);

	constructor(
		readonly caseId: string,
		initial: Attachment[]
	) {
		this.items = initial;
	}

	/** Each attachment with its versions, newest version first. */
	get series(): Attachment[][] {
		const by: Record<string, Attachment[]> = {};
		const order: string[] = [];
		for (const a of this.items) {
			if (!by[a.seriesId]) order.push(a.seriesId);
			by[a.seriesId] = [a, ...(by[a.seriesId] ?? [])];
		}
		return order.map((id) => by[id]!);
	}

	start = () => {
		const connection = new RealtimeConnection({
			onEvent: (e) => {
				if (e.caseId === this.caseId && e.type.startsWith('case:attachment-')) void this.refresh();
			},
			onReconnected: () => void this.refresh()
		});
		return () => connection.close();
	};

	async refresh() {
		const res = await fetch(`/api/v1/cases/${this.caseId}/attachments`);
		if (res.ok) this.items = ((await res.json()) as { attachments: Attachment[] }).attachments;
	}

	private async send(url: string, init: RequestInit): Promise<boolean> {
		this.busy = true;
		this.error = null;
		try {
			const res = await fetch(url, init);
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

	upload(file: File, replaces?: string): Promise<boolean> {
		return this.send(`/api/v1/cases/${this.caseId}/attachments`, {
			method: 'POST',
			body: file,
			headers: {
				'content-type': 'application/octet-stream',
				'x-filename': encodeURIComponent(file.name),
				...(replaces ? { 'x-replaces': replaces } : {})
			}
		});
	}

	withdraw(id: string, reason: string): Promise<boolean> {
		return this.send(`/api/v1/cases/${this.caseId}/attachments/${id}/withdraw`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ reason })
		});
	}
}
