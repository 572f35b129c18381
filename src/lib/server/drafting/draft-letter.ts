/**
 * The case facts a refusal letter is filled from (001 Annex 2): the applicant organisation (name,
 * legal address, BIN, via `cases.applicant_id`), the application's year and incoming number, and
 * which act's grounds apply to the service.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { cases, organisations } from '../db/schema';
import { findService } from '../../domain/reference/services';
import type { GroundAct } from '../../domain/reference/refusal-grounds';
import { buildRefusalLetter, type RefusalLetter } from '../../domain/drafting/refusal-letter';

export interface LetterFacts {
	caseId: string;
	caseNumber: string;
	service: string;
	/** Whose list of grounds applies (null for services without one, e.g. complaints). */
	act: GroundAct | null;
	assigneeId: number | null;
	/** The registration day of the application (YYYY-MM-DD), cited in full by the letter. */
	applicationDate: string;
	incomingNumber: string;
	addressee: { name: string; legalAddress: string; bin: string };
}

export async function loadLetterFacts(db: Executor, caseId: string): Promise<LetterFacts | null> {
	const [row] = await db
		.select({ c: cases, org: organisations })
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.where(eq(cases.id, caseId));
	if (!row) return null;
	const incoming = row.c.application?.incomingNumber;
	return {
		caseId,
		caseNumber: row.c.number,
		service: row.c.service,
		act: findService(row.c.service)?.refusalGrounds ?? null,
		assigneeId: row.c.assigneeId,
		applicationDate: row.c.registeredOn,
		// The application is registered under the case number unless the portal sent its own.
		incomingNumber: typeof incoming === 'string' && incoming ? incoming : row.c.number,
		addressee: { name: row.org.name, legalAddress: row.org.legalAddress, bin: row.org.bin }
	};
}

export function letterFor(
	facts: LetterFacts,
	opts: { chain: number; body: string[]; issuedOn: string | null; signerName: string | null }
): RefusalLetter {
	return buildRefusalLetter({
		act: facts.act === '000' ? '000' : '001',
		caseNumber: facts.caseNumber,
		applicationDate: facts.applicationDate,
		incomingNumber: facts.incomingNumber,
		addressee: facts.addressee,
		...opts
	});
}

/** The legal points of signing: the reasoned refusal is signed by the head's EDS on the Annex 2 form. */
export function signingCitation(act: GroundAct | null): string {
	return act === '000' ? '000 p.13 para 4; 000 Annex 2' : '001 p.20; 001 Annex 2';
}
