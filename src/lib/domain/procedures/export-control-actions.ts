/**
 * Export-control actions of the export and general licences (001 pp.17–18): risk information
 * received after registration. Kept apart from permit-actions.ts, which holds the actions every
 * licence and certificate shares.
 */
import type { Handlers } from './engine';
import { mfaMandatory } from './permit-actions';
import { event, plan } from './plan-builders';
import { ProcedureError } from './types';

export const EXPORT_CONTROL_HANDLERS: Handlers = {
	/**
	 * 001 p.18 para 1 sub.2: information from state bodies on possible risks of the export makes the
	 * MFA authenticity check of the guarantee mandatory for 1С350 / 10С905 goods, from then on.
	 */
	'record-risk-information': ({ snap, now }, input) => {
		const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
		if (receivedAt > now)
			throw new ProcedureError(422, 'Risk information cannot be received in the future.', { receivedAt: 'after now' });
		if (receivedAt < snap.receivedAt)
			throw new ProcedureError(422, 'Risk information recorded on the case arrives after the application.', {
				receivedAt: 'before the application was received'
			});
		const riskInformation = {
			source: input.source,
			summary: input.summary,
			receivedAt: receivedAt.toISOString(),
			recordedAt: now.toISOString()
		};
		const mandatory = mfaMandatory({ ...snap, record: { ...snap.record, riskInformation } });
		const madeMandatory = mandatory && !!snap.mfa && !snap.mfa.mandatory;
		return plan({
			record: { riskInformation },
			...(madeMandatory ? { mfaMadeMandatory: true } : {}),
			events: [
				event('risk:information-recorded', now, '001 p.18 para 1 sub.2', {
					source: input.source,
					receivedAt: riskInformation.receivedAt,
					mfaMandatory: mandatory
				})
			]
		});
	}
};
