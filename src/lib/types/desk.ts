/**
 * The desk's answers as the server sends them and the browser reads them (ADR-040, ADR-042): one
 * declaration for both sides, so the page cannot drift from the API.
 */
import type { CaseRecord } from '../domain/procedures';

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

/** A document as the API lists it (`GET /api/v1/cases/{id}/documents`) and the case page shows it. */
export interface DocumentJson {
	id: string;
	caseId: string;
	kind: string;
	version: number;
	number: string;
	title: string;
	citation: string;
	state: 'draft' | 'signed' | 'delivered' | 'delivery-confirmed';
	sha256: string;
	createdAt: string;
	signedAt: string | null;
	signedBy: string | null;
	demoCertificate: boolean;
	presentationDue: string | null;
	downloadedAt: string | null;
	deliveredAt: string | null;
	delivery: { channel: string | null; reference: string | null } | null;
	url: string;
	verificationUrl: string;
}

/** A row of the queue's section "after the decision" (ADR-084): a certificate's presentation term. */
export interface PresentationRow {
	clockId: string;
	id: string;
	number: string;
	service: string;
	applicant: string;
	assignee: string | null;
	/** The signed certificate whose term it is (its kind and number), when found. */
	document: { kind: string; number: string } | null;
	due: string;
	/** The due as an Almaty date (what the certificate itself says). */
	dueDate: string;
	citation: string;
}

/** The export-control facts of a case as its page shows them (001 pp.17–18; export-control-view.ts). */
export interface ExportControlView {
	controlRequests: {
		agency: string;
		requestedAt: string;
		answeredAt: string | null;
		risks: boolean | null;
		information: string | null;
	}[];
	riskAssessment: CaseRecord['riskAssessment'] | null;
	riskInformation: CaseRecord['riskInformation'] | null;
	foreignInformation: NonNullable<CaseRecord['foreignInformation']>;
}

/** A clock the drafter sees while writing (ADR-008; draft-clocks.ts), recomputed at load. */
export interface DraftingClock {
	id: string;
	kind: string;
	state: string;
	dueAt: string | null;
	citation: string;
	remainingWorkingMinutes: number | null;
}
