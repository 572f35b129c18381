/**
 * The letter of the incompleteness refusal (001 p.15 para 2; 000 p.11), issued when the head signs:
 * on the Annex 2 form of the case's act, its body the act's condition and the documents the officer
 * listed, rendered to PDF by the same machinery as the reasoned refusal; the PDF's SHA-256 and the
 * letter's number go into the case's record with the signing event.
 */
import type { Executor } from '../db/client';
import type { PlannedEvent } from '../../domain/procedures';
import { incompletenessLetterBody } from '../../domain/drafting/incompleteness-letter';
import { letterNumber } from '../../domain/drafting/refusal-letter';
import { formatLocalDate } from '../../domain/calendar/local-date';
import { localDayOfMs } from '../../domain/calendar/almaty-time';
import { loadLetterFacts, letterFor } from './draft-letter';
import { renderLetterPdf } from './letter-pdf';
import { sha256Hex } from '../signing/sha256';

/** Letters of the incompleteness refusal are numbered apart from the reasoned refusals' chains. */
const INCOMPLETENESS_CHAIN = 0;

export async function incompletenessLetterEvent(
	ex: Executor,
	caseId: string,
	o: { missing: readonly string[]; signerName: string; at: Date }
): Promise<PlannedEvent> {
	const facts = (await loadLetterFacts(ex, caseId))!;
	const act = facts.act === '000' ? '000' : '001';
	const letter = letterFor(facts, {
		chain: INCOMPLETENESS_CHAIN,
		body: incompletenessLetterBody(act, o.missing),
		issuedOn: formatLocalDate(localDayOfMs(o.at.getTime())),
		signerName: o.signerName
	});
	const pdf = await renderLetterPdf(letter, { createdAt: o.at });
	return {
		type: 'refusal:letter-signed',
		at: o.at,
		citation: act === '000' ? '000 p.11; 000 Annex 2' : '001 p.15 para 2; 001 Annex 2',
		after: {
			kind: 'incompleteness',
			letterNumber: letterNumber(facts.caseNumber, INCOMPLETENESS_CHAIN),
			sha256: sha256Hex(pdf),
			signer: o.signerName,
			form: `${act} Annex 2`,
			body: letter.body
		}
	};
}
