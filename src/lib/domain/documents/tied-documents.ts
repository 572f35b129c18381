/**
 * Which documents a case action brings about, as the acts tie them: the decision is issued as the
 * licence (001 p.20, Annex 3), the certificate (000 Annex 4) or the reasoned refusal (001 Annex 2;
 * 000 Annex 2); the prepared incompleteness refusal as its letter (001 p.15 para 2; 000 p.11); the
 * preliminary refusal as the hearing notice (001 p.19 paras 2–3); the complaint's extension as its
 * notice (001 p.25 para 2) and its decision as the decision (001 p.24). The server makes each as a
 * draft in the action's own transaction, for the head to sign (ADR-066).
 */
import { documentAllowed, type DocumentCaseState, type DocumentKind } from './kinds';

/** The case events that bring documents about, and the kinds each may (the case's service decides which). */
export const DOCUMENTS_BY_EVENT: Readonly<Record<string, readonly DocumentKind[]>> = {
	'case:decided': ['licence', 'end-user-certificate', 'import-certificate', 'refusal'],
	'completeness:refusal-prepared': ['incompleteness-refusal'],
	'refusal:preliminary-issued': ['hearing-notice'],
	'complaint:extended': ['complaint-extension-notice'],
	'complaint:decided': ['complaint-decision']
};

/**
 * The kinds to draft after events of these types, on the case as the action left it, less those
 * the case already has (a draft or a signed version): making them again changes nothing.
 */
export function documentsToDraft(
	eventTypes: readonly string[],
	after: DocumentCaseState,
	existing: ReadonlySet<string>
): DocumentKind[] {
	const kinds = new Set(eventTypes.flatMap((t) => DOCUMENTS_BY_EVENT[t] ?? []));
	return [...kinds].filter((k) => !existing.has(k) && documentAllowed(k, after).ok);
}
