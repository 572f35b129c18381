/**
 * Four eyes on what leaves the Committee: the officer (or, for a complaint, the reviewer) prepares
 * the document, the head — or the substitute the admin appointed — signs it (001 p.20 "signed with
 * the EDS of the head or the person acting for the head"; 001 p.25 for complaint answers).
 */
import type { DocumentKind } from './kinds';
import type { Role } from '../access/roles';

const COMPLAINT_KINDS: readonly DocumentKind[] = ['complaint-extension-notice', 'complaint-decision'];

export function mayPrepareDocument(roles: readonly Role[], kind: DocumentKind): boolean {
	if (roles.includes('officer') || roles.includes('head')) return true;
	return COMPLAINT_KINDS.includes(kind) && roles.includes('complaint_reviewer');
}

export function maySignDocuments(roles: readonly Role[], appointedSubstitute: boolean): boolean {
	return roles.includes('head') || appointedSubstitute;
}

/**
 * Need to know (as domain/access/case-audience.ts for case data): staff see every version, drafts
 * included; the applicant (through the portal) only what was signed and sent — never a draft.
 */
export function documentVisibleTo(audience: 'staff' | 'applicant', doc: { signedAt: Date | null }): boolean {
	return audience === 'staff' || doc.signedAt !== null;
}
