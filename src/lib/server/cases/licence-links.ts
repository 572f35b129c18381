/**
 * Registration checks of a licence application against the licences already on record: a reissue
 * links to the licence it reissues (001 p.10), and a new licence is one per foreign-trade contract
 * (001 p.7). Both answer 422 naming the field to fix; another applicant's licences are answered as
 * if they did not exist, so licence numbers of others cannot be probed.
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { cases, organisations } from '../db/schema';
import { ApiError } from '../http/api-error';
import { fieldProblem, type FieldProblem } from '../../domain/errors/field-problem';
import type { ReissuedLicence } from '../../domain/procedures';
import type { ApplicationInput } from './application.schema';
import { LICENCE_SERVICES } from '../../domain/documents/kinds';

const invalid = (field: string, problem: FieldProblem) =>
	new ApiError(422, 'Some fields are invalid.', { [field]: problem });

/** The licence a reissue application names, in force on the registration day (001 p.10). */
export async function findReissuedLicence(
	tx: Tx,
	input: ApplicationInput,
	registeredOn: string
): Promise<ReissuedLicence | null> {
	if (!input.reissue) return null;
	const number = input.reissue.licenceNumber;
	const [row] = await tx
		.select({
			id: cases.id,
			number: cases.number,
			service: cases.service,
			stage: cases.stage,
			decision: cases.decision
		})
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.where(and(sql`${cases.decision}->>'documentNumber' = ${number}`, eq(organisations.bin, input.applicant.bin)));
	if (!row || row.stage !== 'granted' || !LICENCE_SERVICES.includes(row.service))
		throw invalid(
			'reissue.licenceNumber',
			fieldProblem('licence-not-found', 'no licence of this applicant with this number (001 p.10)', {
				citation: '001 p.10'
			})
		);
	const d = row.decision ?? {};
	const validUntil = typeof d.validUntil === 'string' ? d.validUntil : null;
	if (validUntil !== null && validUntil < registeredOn)
		throw invalid(
			'reissue.licenceNumber',
			fieldProblem(
				'licence-expired',
				`licence ${number} expired on ${validUntil}: a reissue keeps the ` +
					`licence's validity (001 p.6; 001 p.10); apply for a new licence`,
				{ licence: number, date: validUntil, citation: '001 p.6; 001 p.10' }
			)
		);
	return {
		caseId: row.id,
		caseNumber: row.number,
		licenceNumber: number,
		service: row.service,
		issuedOn: typeof d.issuedOn === 'string' ? d.issuedOn : null,
		validUntil,
		reason: input.reissue.reason
	};
}

/**
 * One licence per foreign-trade contract (001 p.7): a second application of the same applicant for
 * the same service and contract is refused while the first is under review or its licence is in
 * force. A refused or returned application, or an expired licence, leaves the contract free.
 */
export async function assertContractFree(tx: Tx, input: ApplicationInput, registeredOn: string): Promise<void> {
	if (!input.contract) return;
	const rows = await tx
		.select({ number: cases.number, stage: cases.stage, decision: cases.decision })
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.where(
			and(
				eq(cases.service, input.service),
				eq(organisations.bin, input.applicant.bin),
				sql`${cases.application}->'contract'->>'number' = ${input.contract.number}`,
				notInArray(cases.stage, ['refused', 'returned-incomplete'])
			)
		);
	for (const r of rows) {
		const validUntil = typeof r.decision?.validUntil === 'string' ? r.decision.validUntil : null;
		if (r.stage === 'granted' && validUntil !== null && validUntil < registeredOn) continue;
		throw invalid(
			'contract.number',
			r.stage === 'granted'
				? fieldProblem(
						'contract-licensed',
						`case ${r.number} holds the licence for this contract, ` +
							`valid until ${validUntil ?? '—'}: one licence per ` +
							`contract (001 p.7); a change is a reissue (001 p.10)`,
						{ caseNumber: r.number, date: validUntil ?? '—', citation: '001 p.7; 001 p.10' }
					)
				: fieldProblem(
						'contract-applied',
						`case ${r.number} already applies for a licence under ` +
							`this contract: one licence per contract (001 p.7)`,
						{ caseNumber: r.number, citation: '001 p.7' }
					)
		);
	}
}
