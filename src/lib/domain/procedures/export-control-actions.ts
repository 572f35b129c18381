/**
 * Export-control actions of the export and general licences (001 pp.17–18, p.20, Annex 1 row 3):
 * the request to the control-system bodies sent with the consultations, their answers, the risk
 * assessment, risk information received after registration, information awaited from abroad, and
 * the grant's three inputs. Kept apart from permit-actions.ts, which holds the actions every
 * licence and certificate shares; `request-consultations` and `decide` are wrapped, not rewritten.
 */
import { fieldProblem } from '../errors/field-problem';
import type { Handler, Handlers } from './engine';
import { PERMIT_HANDLERS, mfaMandatory } from './permit-actions';
import { event, plan } from './plan-builders';
import { foreignPendingOn, mfaPendingOn, termSuspensionOps } from './suspension-causes';
import { ProcedureError, type ActionPlan, type CaseSnapshot, type StaffAction } from './types';

const base = <A extends StaffAction>(a: A) => PERMIT_HANDLERS[a] as Handler<A>;

const controlPending = (snap: CaseSnapshot) => (snap.controlRequests ?? []).filter((c) => c.answeredAt === null);

/**
 * What still stands between an export or general licence and its grant: 001 p.20 decides "on the
 * basis of the risk assessment, the state bodies' answer and the result of the authenticity check";
 * the licence waits for information from abroad (Annex 1 row 3). Null when nothing does.
 */
export function exportControlGrantBlock(snap: CaseSnapshot): string | null {
	if (foreignPendingOn(snap))
		return 'Information from foreign competent bodies is awaited; the licence is issued after it arrives (001 Annex 1 row 3).';
	if (snap.consultations.length === 0)
		return "The licence is decided on the state bodies' answer (001 p.20): request the consultations first (001 p.16).";
	const pending = controlPending(snap).map((c) => c.agency);
	if ((snap.controlRequests ?? []).length === 0 || pending.length)
		return `The control-system bodies have not answered${pending.length ? ` (${pending.join(', ')})` : ''}: the risk assessment follows their answer (001 p.17 paras 1–2).`;
	const risk = snap.record.riskAssessment;
	if (!risk) return 'No risk assessment is recorded; the decision rests on it (001 p.17 para 2, p.20).';
	if (risk.result === 'negative')
		return 'The risk assessment is negative: refusal ground 15 applies (001 Annex 1 row 9); refuse after a hearing.';
	return null;
}

/** Whether an export-control action may be offered now (undefined: not one of them). */
export function exportControlPrecondition(snap: CaseSnapshot, action: StaffAction): boolean | undefined {
	switch (action) {
		case 'record-risk-assessment':
			return (snap.controlRequests ?? []).length > 0 && controlPending(snap).length === 0;
		case 'record-foreign-information':
			return foreignPendingOn(snap);
		default:
			return undefined;
	}
}

export const EXPORT_CONTROL_HANDLERS: Handlers = {
	/** 001 p.17 para 1: with the consultations, the same bodies get the control-system request. */
	'request-consultations': (ctx, input) => {
		const p = base('request-consultations')(ctx, input);
		if (!ctx.def.exportControl) return p;
		const fresh = input.agencies.filter((a) => !(ctx.snap.controlRequests ?? []).some((c) => c.agency === a));
		return {
			...p,
			controlRequestsToSend: fresh,
			events: [
				...p.events,
				...fresh.map((agency) => event('control-request:sent', ctx.now, '001 p.17 para 1', { agency }))
			]
		};
	},

	decide: (ctx, input) => {
		if (ctx.def.exportControl && input.outcome === 'grant') {
			const block = exportControlGrantBlock(ctx.snap);
			if (block) throw new ProcedureError('conflict', block);
		}
		return base('decide')(ctx, input);
	},

	/**
	 * 001 p.18 para 1 sub.2: information from state bodies on possible risks of the export makes the
	 * MFA authenticity check of the guarantee mandatory for 1С350 / 10С905 goods, from then on.
	 */
	'record-risk-information': ({ snap, now }, input) => {
		const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
		if (receivedAt > now)
			throw new ProcedureError('invalid', 'Risk information cannot be received in the future.', {
				receivedAt: fieldProblem('in-the-future', 'after now')
			});
		if (receivedAt < snap.receivedAt)
			throw new ProcedureError('invalid', 'Risk information recorded on the case arrives after the application.', {
				receivedAt: fieldProblem('before-receipt', 'before the application was received')
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
	},

	/** 001 p.17 para 2: after the control-system bodies answer, the officer assesses the risks. */
	'record-risk-assessment': ({ snap, now, actor }, input) => {
		if (!(snap.controlRequests ?? []).length)
			throw new ProcedureError('conflict', 'No request was sent to the control-system bodies yet (001 p.17 para 1).');
		const pending = controlPending(snap).map((c) => c.agency);
		if (pending.length)
			throw new ProcedureError(
				'conflict',
				`The risk assessment follows the control-system bodies' answers; waiting for: ${pending.join(', ')} (001 p.17 para 2).`
			);
		const riskAssessment = { result: input.result, summary: input.summary, at: now.toISOString(), by: actor.username };
		return plan({
			record: { riskAssessment },
			events: [
				event('risk:assessed', now, '001 p.17 para 2', {
					result: input.result,
					...(input.result === 'negative' ? { ground: 15 } : {})
				})
			]
		});
	},

	/** 001 Annex 1 row 3: the term is suspended until the information from abroad arrives. */
	'request-foreign-information': ({ snap, now }, input) => {
		const list = snap.record.foreignInformation ?? [];
		if (list.length >= 50) throw new ProcedureError('conflict', 'Too many requests abroad on one case.');
		const request = {
			body: input.body,
			country: input.country,
			requestedAt: now.toISOString(),
			receivedAt: null,
			summary: null,
			...(input.note ? { note: input.note } : {})
		};
		return plan({
			clockOps: termSuspensionOps(snap, now, { mfa: mfaPendingOn(snap), foreign: true }),
			record: { foreignInformation: [...list, request] },
			events: [
				event('foreign-information:requested', now, '001 Annex 1 row 3', {
					body: input.body,
					country: input.country,
					request: list.length,
					clock: 'suspended'
				})
			]
		});
	},

	'record-foreign-information': ({ snap, now }, input) => {
		const list = snap.record.foreignInformation ?? [];
		const index = input.request ?? list.findIndex((f) => f.receivedAt === null);
		const target = list[index];
		if (!target || target.receivedAt !== null)
			throw new ProcedureError('conflict', 'No such request abroad awaits information.', {
				request: fieldProblem('not-awaited-request', 'not an awaited request')
			});
		const next = list.map((f, i) =>
			i === index ? { ...f, receivedAt: now.toISOString(), summary: input.summary } : f
		);
		const still = next.some((f) => f.receivedAt === null);
		return plan({
			clockOps: termSuspensionOps(snap, now, { mfa: mfaPendingOn(snap), foreign: still }),
			record: { foreignInformation: next },
			events: [
				event('foreign-information:received', now, '001 Annex 1 row 3', {
					body: target.body,
					country: target.country,
					request: index,
					clock: still || mfaPendingOn(snap) ? 'suspended' : 'resumed'
				})
			]
		});
	}
};

/** A control-system body's answer (001 p.17 para 2), by its token or its liaison. */
export function planControlAnswer(
	snap: CaseSnapshot,
	requestId: string,
	answer: { risks: boolean; information: string },
	label: string,
	now: Date
): ActionPlan {
	const c = (snap.controlRequests ?? []).find((x) => x.id === requestId);
	if (!c) throw new ProcedureError('not-found', 'No such control-system request.');
	if (c.answeredAt !== null) throw new ProcedureError('conflict', 'This control-system request was already answered.');
	return plan({
		controlAnswer: { id: c.id, risks: answer.risks, information: answer.information, at: now, by: label },
		events: [
			event('control-request:answered', now, '001 p.17 para 2', { agency: c.agency, risks: answer.risks, by: label })
		]
	});
}
