/**
 * The case page's attachments (ADR-056): the list from the page data, kept live — a
 * `case:attachment-*` event of this case (another officer's upload, the portal's) refetches it —
 * and uploads streamed as the raw file (application/octet-stream with X-Filename).
 */
import { FetchedLiveList } from '$lib/realtime/live-list.svelte';

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

export class CaseAttachmentsState extends FetchedLiveList<Attachment> {
	constructor(
		readonly caseId: string,
		initial: Attachment[]
	) {
		super(
			`/api/v1/cases/${caseId}/attachments`,
			'attachments',
			initial,
			(e) => e.caseId === caseId && e.type.startsWith('case:attachment-')
		);
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

	upload(file: File, replaces?: string): Promise<boolean> {
		return this.send(this.url, {
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
		return this.send(`${this.url}/${id}/withdraw`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ reason })
		});
	}
}
