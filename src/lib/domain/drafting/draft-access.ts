/**
 * Who may do what with a case's refusal draft (ADR-015). Decided on the server from the database
 * (the case's assignee, the user's roles, the draft's status), per document, for every socket
 * message and HTTP call — never from what a client claims.
 * - edit: the case's assignee (the responsible executor) and heads, who sign (001 p.20, Annex 2);
 * - read: supervisors; complaint reviewers only once the letter is signed — a draft may still hold
 *   the basis of a confidential ground that its editors are warned to take out, and complaint
 *   reviewers may not know it (001 p.19 para 5; they lack 'cases:read-restricted');
 * - nothing for anyone else, and nothing for a wall-board kiosk session.
 * A signed draft is frozen: editors become readers.
 */
export type DraftAccess = 'edit' | 'read' | null;

export interface DraftViewer {
	userId: number;
	roles: readonly string[];
	kiosk?: boolean;
}

export const DRAFT_EDITOR_ROLES = ['head'] as const;
export const DRAFT_READER_ROLES = ['supervisor'] as const;
/** Roles that read the letter once signed, not the draft before (001 p.19 para 5). */
export const SIGNED_LETTER_READER_ROLES = ['complaint_reviewer'] as const;

export function draftAccess(
	viewer: DraftViewer,
	c: { assigneeId: number | null },
	status: 'drafting' | 'signed'
): DraftAccess {
	if (viewer.kiosk) return null;
	const has = (roles: readonly string[]) => viewer.roles.some((r) => roles.includes(r));
	const editor = c.assigneeId === viewer.userId || has(DRAFT_EDITOR_ROLES);
	if (editor) return status === 'signed' ? 'read' : 'edit';
	if (has(DRAFT_READER_ROLES)) return 'read';
	if (status === 'signed' && has(SIGNED_LETTER_READER_ROLES)) return 'read';
	return null;
}

/** Only a head signs the letter (001 p.20: by the EDS of the head or the person acting for the head). */
export function maySignDraft(viewer: DraftViewer): boolean {
	return !viewer.kiosk && viewer.roles.includes('head');
}
