/**
 * The desk's answers as the server sends them and the browser reads them (ADR-040, ADR-042): one
 * declaration for both sides, so the page cannot drift from the API.
 */

/** A case's internal note (`GET /api/v1/cases/{id}/notes`). */
export interface NoteView {
	id: string;
	author: string;
	authorName: string;
	text: string;
	mentions: string[];
	createdAt: string;
	editedAt: string | null;
	/** Until when its author may still edit it. */
	editableUntil: string;
}

/** A case found by the header's search (`GET /api/v1/search`). */
export interface SearchHit {
	id: string;
	number: string;
	service: string;
	stage: string;
	/** The applicant's name; not for an agency's liaison (it is not told who applied). */
	applicant: string | null;
}
