/**
 * What a complaint may be filed against. The acts allow a complaint against the provider's decision,
 * action or inaction on matters of the public service (001 p.23 para 1; 000 p.15 para 1): a case
 * still open — overdue or not — is complained about for inaction, a decided one for its decision.
 * That chapter is the complaint procedure of the licences (001) and certificates (000) only, so the
 * case complained about must be one of theirs; a complaint is not filed against another complaint.
 */
import { procedureFor } from './definitions';

/** Null when a complaint may be filed against a case of this service, else why not (act cited). */
export function complaintTargetRefusal(targetService: string): string | null {
	const def = procedureFor(targetService);
	if (def.complaint)
		return 'a complaint is filed against a licence or certificate case, not another complaint (001 p.23 para 1; 000 p.15 para 1)';
	if (def.act !== '001' && def.act !== '000')
		return `the complaint procedure covers licence (001 p.23 para 1) and certificate (000 p.15 para 1) cases, not act ${def.act}`;
	return null;
}
