/**
 * What a complaint may be filed against. The acts allow a complaint against the provider's decision,
 * action or inaction on matters of the public service (001 p.23 para 1; 000 p.15 para 1): a case
 * still open — overdue or not — is complained about for inaction, a decided one for its decision.
 * That chapter is the complaint procedure of the licences (001) and certificates (000) only, so the
 * case complained about must be one of theirs; a complaint is not filed against another complaint.
 */
import { procedureFor } from './definitions';
import { fieldProblem, type FieldProblem } from '../errors/field-problem';

const CHAPTER = '001 p.23 para 1; 000 p.15 para 1';

/** Null when a complaint may be filed against a case of this service, else why not (act cited, ADR-107). */
export function complaintTargetRefusal(targetService: string): FieldProblem | null {
	const def = procedureFor(targetService);
	if (def.complaint)
		return fieldProblem(
			'complaint-against-complaint',
			`a complaint is filed against a licence or certificate case, not another complaint (${CHAPTER})`,
			{ citation: CHAPTER }
		);
	if (def.act !== '001' && def.act !== '000')
		return fieldProblem(
			'complaint-act-not-covered',
			`the complaint procedure covers licence and certificate cases (${CHAPTER}), not act ${def.act}`,
			{ citation: CHAPTER, act: def.act }
		);
	return null;
}
