/**
 * Actions of the licence (001) and certificate (000) procedures: completeness check, consultations,
 * the MFA authenticity check, the original guarantee, the preliminary refusal and hearing, the
 * decision, and the post-export reporting clocks. Each cites the point it applies.
 */
import type { WorkingCalendar } from '../calendar';
import { fieldProblem } from '../errors/field-problem';
import { computeClock } from '../sla';
import {
	alwaysConfidentialGrounds,
	findGround,
	groundsFor,
	incompletenessRefusalFor
} from '../reference/refusal-grounds';
import { isMfaCheckCode } from '../reference/codes';
import { append, cancelOpenClocks, findClock, openClock, startClock } from './case-clocks';
import { foreignPendingOn, termSuspensionOps } from './suspension-causes';
import type { Handlers } from './engine';
import { postDecisionDue, SHIPMENT_KINDS } from './post-decision';
import { event, plan } from './plan-builders';
import {
	ProcedureError,
	type ActionPlan,
	type CaseSnapshot,
	type ClockOp,
	type PermitPoints,
	type ProcedureDefinition,
	type ReissuedLicence,
	type Stage
} from './types';

/**
 * 001 p.18 (ADR-006): mandatory for 1С350 / 10С905 on a first export to the counterparty or on
 * risk information — given with the application, or recorded on the case after registration.
 */
export function mfaMandatory(snap: CaseSnapshot): boolean {
	const a = snap.application;
	const codes = (a.goodsLines ?? []).some((g) => isMfaCheckCode(g.controlCode));
	const risk = a.riskInformation === true || !!snap.record.riskInformation;
	return codes && (a.firstExportToCounterparty === true || risk);
}

export function pendingConsultations(snap: CaseSnapshot, except?: string): string[] {
	return snap.consultations.filter((c) => c.decision === null && c.id !== except).map((c) => c.agency);
}

/** The review stage once a consultation or the MFA check is resolved. */
function reviewStage(snap: CaseSnapshot, o: { consultationsPending: boolean; mfaPending: boolean }): Stage | null {
	if (!['under-review', 'consultation', 'mfa-check'].includes(snap.stage)) return null;
	return o.mfaPending ? 'mfa-check' : o.consultationsPending ? 'consultation' : 'under-review';
}

const mfaPending = (snap: CaseSnapshot) => !!snap.mfa && snap.mfa.resultAt === null;

/**
 * The preliminary refusal must be notified no later than 3 WD before the term ends (001 p.19
 * para 3; 000 p.13): the hearing-notice clock. While the term is suspended, it is not running out.
 */
export function noticeStillPossible(snap: CaseSnapshot, calendar: WorkingCalendar, now: Date): boolean {
	const notice = openClock(snap, 'hearing-notice');
	if (!notice) return false;
	const c = computeClock(notice.clock, calendar, now);
	return c.state === 'suspended' || (c.due !== null && now <= c.due);
}

/**
 * The licence a reissue reissues (linked at registration, 001 p.10): its validity carries over, so
 * it must still be in force when the reissue is granted.
 */
function reissuedLicence(snap: CaseSnapshot, today: string): ReissuedLicence {
	const r = snap.record.reissueOf;
	if (!r)
		throw new ProcedureError('conflict', 'This reissue is linked to no licence; it cannot be granted (001 p.10).');
	if (r.validUntil !== null && r.validUntil < today)
		throw new ProcedureError(
			'conflict',
			`Licence ${r.licenceNumber} expired on ${r.validUntil}; a reissue keeps its validity, so there is nothing to reissue (001 p.6, p.10).`
		);
	return r;
}

/** The points this licence or certificate procedure cites where 001 and 000 differ (its definition's). */
function points(def: ProcedureDefinition): PermitPoints {
	if (!def.permitPoints) throw new ProcedureError('conflict', `The ${def.service} procedure has no such action.`);
	return def.permitPoints;
}

/** Closes the service term as met and everything else still open as cancelled. */
function closeForDecision(snap: CaseSnapshot, now: Date): ClockOp[] {
	const term = openClock(snap, 'service-term');
	const ops = term ? [append(term, { type: 'met', at: now })] : [];
	return [...ops, ...cancelOpenClocks(snap, now, 'case decided', ['service-term'])];
}

export const PERMIT_HANDLERS: Handlers = {
	assign: ({ def, snap, actor, now, assignee }, input) => {
		if (!assignee)
			throw new ProcedureError('invalid', 'No such active officer.', {
				username: fieldProblem('not-active-officer', 'not an active officer or head')
			});
		if (!assignee.roles.some((r) => r === 'officer' || r === 'head'))
			throw new ProcedureError('invalid', 'Cases are assigned to officers or heads.', {
				username: fieldProblem('not-active-officer', 'not an officer or head')
			});
		const isHead = actor.roles.includes('head');
		if (!isHead && assignee.id !== actor.userId)
			throw new ProcedureError('forbidden', 'An officer may only take a case themselves; a head assigns to others.');
		if (!isHead && snap.assigneeId !== null && snap.assigneeId !== actor.userId)
			throw new ProcedureError(
				'conflict',
				'The case is already assigned to another officer; ask a head to reassign it.'
			);
		if (snap.assigneeId === assignee.id)
			throw new ProcedureError('conflict', `The case is already assigned to ${input.username}.`);
		return plan({
			assigneeId: assignee.id,
			events: [
				{
					type: 'case:assigned',
					at: now,
					// The point that names the responsible executor, as the procedure's rule cites it.
					citation: (def.rules.find((r) => r.action === 'assign')?.citation ?? '001 p.14–15').replace(/ \(.*\)$/, ''),
					before: { assigneeId: snap.assigneeId },
					// Assigned to someone away: still theirs, the substitute works it meanwhile (ADR-087).
					after: {
						assigneeId: assignee.id,
						assignee: input.username,
						...(assignee.away ? { standIn: assignee.away } : {})
					}
				}
			]
		});
	},

	'complete-check': ({ def, snap, now }, input) => {
		const check = openClock(snap, 'completeness');
		const checkOps = check ? [append(check, { type: 'met', at: now })] : [];
		if (input.complete) {
			return plan({
				stage: 'under-review',
				clockOps: checkOps,
				events: [
					event('completeness:confirmed', now, points(def).completenessConfirmed, {
						stage: 'under-review'
					})
				]
			});
		}
		// The reasoned refusal of further consideration, no hearing (001 p.15 para 2; 000 p.11): the officer
		// prepares it; it goes out, and the case closes, only with the head's signature. The check's clock runs on.
		const refusal = incompletenessRefusalFor(def.completeness?.refusalAct ?? '001');
		return plan({
			stage: 'incompleteness-signature',
			record: { incompleteness: { missing: input.missing, preparedAt: now.toISOString() } },
			events: [
				event('completeness:refusal-prepared', now, refusal.citation, {
					stage: 'incompleteness-signature',
					missing: input.missing
				})
			]
		});
	},

	'sign-incompleteness-refusal': ({ def, snap, now }) => {
		const refusal = incompletenessRefusalFor(def.completeness?.refusalAct ?? '001');
		const missing = (snap.record.incompleteness as { missing?: string[] } | undefined)?.missing ?? [];
		const check = openClock(snap, 'completeness');
		const others = cancelOpenClocks(snap, now, `returned incomplete (${refusal.citation})`, ['completeness']);
		return plan({
			stage: 'returned-incomplete',
			clockOps: [...(check ? [append(check, { type: 'met', at: now })] : []), ...others],
			decides: true,
			record: { outcome: 'returned-incomplete', missing, citation: refusal.citation },
			events: [event('completeness:refused', now, refusal.citation, { stage: 'returned-incomplete', missing })]
		});
	},

	'request-consultations': ({ snap, now, calendar }, input) => {
		const already = input.agencies.filter((a) => snap.consultations.some((c) => c.agency === a));
		if (already.length)
			throw new ProcedureError('conflict', `Already consulted: ${already.join(', ')}.`, {
				agencies: fieldProblem('already-consulted', `already consulted: ${already.join(', ')}`, {
					agencies: already.join(', ')
				})
			});
		const ops = input.agencies.map((agency) => startClock('consultation', 'state-bodies', agency, now));
		const events = ops.map((op) => {
			const started = op.op === 'start' ? op.clock : null;
			const due = started ? computeClock(started.clock, calendar, now).due : null;
			return event('consultation:requested', now, '001 p.16', {
				agency: started?.subject,
				dueAt: due?.toISOString() ?? null
			});
		});
		return plan({
			stage: reviewStage(snap, { consultationsPending: true, mfaPending: mfaPending(snap) }),
			clockOps: ops,
			consultationsToRequest: input.agencies,
			events
		});
	},

	'request-mfa-check': ({ snap, now }) => {
		if (snap.mfa)
			throw new ProcedureError('conflict', 'An MFA authenticity check was already requested for this case.');
		const mandatory = mfaMandatory(snap);
		// Sending the check suspends the service term and, with it, the hearing-notice deadline (001 p.17 para 3; ADR-005).
		const suspend = termSuspensionOps(snap, now, { mfa: true, foreign: foreignPendingOn(snap) });
		return plan({
			stage: 'mfa-check',
			clockOps: [...suspend, startClock('mfa-check', 'long-stop', 'mfa', now)],
			mfaRequest: { mandatory },
			events: [
				event('mfa:requested', now, mandatory ? '001 p.18' : '001 p.17', {
					stage: 'mfa-check',
					mandatory,
					clock: 'suspended'
				})
			]
		});
	},

	'record-original-guarantee': ({ snap, now }, input) => {
		const clock = openClock(snap, 'original-guarantee');
		if (!clock) throw new ProcedureError('conflict', 'No original guarantee is awaited on this case.');
		const at = input.receivedAt ? new Date(input.receivedAt) : now;
		if (at > now)
			throw new ProcedureError('invalid', 'The guarantee cannot be received in the future.', {
				receivedAt: fieldProblem('in-the-future', 'after now')
			});
		return plan({
			clockOps: [
				append(clock, { type: 'met', at: new Date(Math.max(at.getTime(), clock.clock.events.at(-1)!.at.getTime())) })
			],
			events: [event('guarantee:original-recorded', now, '001 p.18 para 2', { receivedAt: at.toISOString() })]
		});
	},

	'issue-preliminary-refusal': ({ def, snap, now, calendar }, input) => {
		const act = def.grounds;
		if (!act) throw new ProcedureError('conflict', 'This procedure has no refusal grounds.');
		const unknown = input.grounds.filter((n) => !findGround(act, n));
		if (unknown.length)
			throw new ProcedureError('invalid', `Not grounds of act ${act}: ${unknown.join(', ')}.`, {
				grounds: fieldProblem('not-a-ground', `act ${act} lists grounds 1–${groundsFor(act).length}`, {
					act,
					count: String(groundsFor(act).length)
				})
			});
		const notOptional = input.confidential.filter(
			(n) => !input.grounds.includes(n) || findGround(act, n)?.confidential !== 'optional'
		);
		if (notOptional.length)
			throw new ProcedureError(
				'invalid',
				'Only chosen grounds that may be marked confidential can be (001 p.19 para 5).',
				{
					confidential: fieldProblem(
						'not-optional-confidential',
						`not optional-confidential: ${notOptional.join(', ')}`,
						{ grounds: notOptional.join(', '), citation: '001 p.19 para 5' }
					)
				}
			);
		if (!noticeStillPossible(snap, calendar, now)) {
			const notice = findClock(snap, 'hearing-notice');
			const due = notice ? computeClock(notice.clock, calendar, now).due : null;
			throw new ProcedureError(
				'conflict',
				`Too late for a preliminary refusal: it had to be notified by ${due?.toISOString() ?? 'the notice deadline'}, no later than 3 working days before the term ends (${points(def).hearing}).`
			);
		}
		const noticePoints = points(def).notice;
		const sentAt = new Date(input.notice.sentAt);
		if (sentAt > now || sentAt < snap.receivedAt)
			throw new ProcedureError(
				'invalid',
				`The notice's sending time is recorded as it happened (${noticePoints.channelsAndTerms}).`,
				{
					'notice.sentAt': fieldProblem(
						'not-between',
						`between the application's receipt (${snap.receivedAt.toISOString()}) and now`,
						{ min: snap.receivedAt.toISOString(), max: now.toISOString(), citation: noticePoints.channelsAndTerms }
					)
				}
			);
		// The hearing within 2 WD from the day the notice was made (хабарлама жасалған күннен).
		const hearingAt = new Date(input.hearingAt);
		const latest = calendar.workingDaysDue(calendar.localDate(sentAt), 2);
		if (hearingAt <= now || hearingAt > latest) {
			throw new ProcedureError(
				'invalid',
				`The hearing is held within 2 working days of the notice (${noticePoints.channelsAndTerms}).`,
				{
					hearingAt: fieldProblem('not-between', `between now and ${latest.toISOString()}`, {
						min: now.toISOString(),
						max: latest.toISOString(),
						citation: noticePoints.channelsAndTerms
					})
				}
			);
		}
		const confidential = [
			...new Set([...input.grounds.filter((n) => alwaysConfidentialGrounds(act).includes(n)), ...input.confidential])
		].sort((a, b) => a - b);
		const notice = openClock(snap, 'hearing-notice');
		const citation = `${noticePoints.contents}; ${noticePoints.channelsAndTerms}`;
		// The notice clock is met when the notice went, never before its own last event.
		const metAt = notice ? new Date(Math.max(sentAt.getTime(), notice.clock.events.at(-1)!.at.getTime())) : sentAt;
		const sent = { channel: input.notice.channel, sentAt: sentAt.toISOString(), proof: input.notice.proof };
		return plan({
			stage: 'hearing',
			clockOps: [
				...(notice ? [append(notice, { type: 'met', at: metAt })] : []),
				startClock('hearing', 'after-notice', null, metAt)
			],
			record: {
				preliminary: {
					grounds: input.grounds,
					confidential,
					hearingAt: hearingAt.toISOString(),
					hearingPlace: input.hearingPlace,
					noticeAt: sentAt.toISOString(),
					notice: sent
				}
			},
			events: [
				event('refusal:preliminary-issued', now, citation, {
					stage: 'hearing',
					grounds: input.grounds,
					confidential,
					hearingAt: hearingAt.toISOString(),
					hearingPlace: input.hearingPlace,
					notice: sent,
					...(input.basis ? { restricted: { basis: input.basis } } : {})
				})
			]
		});
	},

	'record-hearing': ({ def, snap, now }, input) => {
		const hearing = openClock(snap, 'hearing');
		return plan({
			stage: 'hearing-held',
			clockOps: hearing ? [append(hearing, { type: 'met', at: now })] : [],
			record: {
				hearing: {
					heldAt: now.toISOString(),
					applicantAttended: input.applicantAttended,
					...(input.notes ? { notes: input.notes } : {})
				}
			},
			events: [
				event('hearing:held', now, points(def).hearing, {
					stage: 'hearing-held',
					applicantAttended: input.applicantAttended
				})
			]
		});
	},

	decide: ({ def, snap, now, calendar }, input) => {
		const citation = points(def).decision;
		if (input.outcome === 'refuse') {
			const act = def.grounds;
			if (!act) throw new ProcedureError('conflict', 'This procedure has no refusal grounds.');
			if (def.hearing && snap.stage !== 'hearing-held')
				throw new ProcedureError(
					'conflict',
					`A refusal on a listed ground needs the preliminary decision and the hearing first (${points(def).hearingFirst}).`
				);
			const noticed = snap.record.preliminary?.grounds ?? [];
			const extra = input.grounds.filter((n) => !noticed.includes(n));
			if (extra.length)
				throw new ProcedureError('invalid', 'The refusal may rest only on grounds the applicant was heard on.', {
					grounds: fieldProblem('ground-not-heard', `not in the preliminary decision: ${extra.join(', ')}`, {
						grounds: extra.join(', '),
						citation: points(def).hearingFirst
					})
				});
			const confidential = (snap.record.preliminary?.confidential ?? []).filter((n) => input.grounds.includes(n));
			return plan({
				stage: 'refused',
				clockOps: closeForDecision(snap, now),
				decides: true,
				record: { outcome: 'refused', grounds: input.grounds, confidential, text: input.text },
				events: [
					event('case:decided', now, `${act} Annex 1 row 9`, {
						stage: 'refused',
						outcome: 'refused',
						grounds: input.grounds,
						confidential
					})
				]
			});
		}
		const pending = pendingConsultations(snap);
		if (pending.length)
			throw new ProcedureError(
				'conflict',
				`Waiting for the answers of: ${pending.join(', ')} (10 working days, silence is approval, 001 p.16).`
			);
		const objecting = snap.consultations.filter((c) => c.decision === 'object').map((c) => c.agency);
		if (objecting.length)
			throw new ProcedureError(
				'conflict',
				`${objecting.join(', ')} objected: refusal ground 4 applies (001 Annex 1 row 9); refuse after a hearing.`
			);
		if (mfaPending(snap))
			throw new ProcedureError(
				'conflict',
				'The MFA authenticity check has not answered yet; the term is suspended (001 p.17).'
			);
		if (snap.mfa?.authentic === false)
			throw new ProcedureError(
				'conflict',
				'The MFA found the guarantee not authentic: refusal ground 12 applies (001 Annex 1 row 9).'
			);
		if (def.mfaCheck && !snap.mfa && mfaMandatory(snap))
			throw new ProcedureError(
				'conflict',
				'An MFA authenticity check is mandatory for these goods (1С350 / 10С905 on a first export or with risk information, 001 p.18).'
			);
		const grant = def.grant;
		const today = calendar.localDate(now);
		const reissued = grant?.keepsReissuedValidity ? reissuedLicence(snap, today) : null;
		// 001 p.6: a licence is valid for one year, and never beyond the documents it rests on; a
		// reissued licence keeps the validity of the licence it reissues (001 p.10).
		let validUntil: string | null = reissued
			? reissued.validUntil
			: grant?.validityYears
				? calendar.addYears(today, grant.validityYears)
				: null;
		const docs = snap.application.documentsValidUntil;
		if (validUntil && docs && docs < validUntil) validUntil = docs;
		const link = reissued ? { reissues: reissued.licenceNumber } : {};
		return plan({
			stage: 'granted',
			clockOps: closeForDecision(snap, now),
			decides: true,
			issuesNumber: grant?.document ?? 'licence',
			record: { outcome: 'granted', validUntil, ...link, ...(input.note ? { note: input.note } : {}) },
			events: [
				event('case:decided', now, reissued ? `${citation}; 001 p.6, p.10` : citation, {
					stage: 'granted',
					outcome: 'granted',
					validUntil,
					...link
				})
			]
		});
	},

	'record-shipment': ({ def, snap, now }, input) => {
		const kind = SHIPMENT_KINDS[input.kind];
		if (!def.postDecision.includes(kind))
			throw new ProcedureError('conflict', `No ${kind} is due under the ${def.service} procedure.`);
		if (!postDecisionDue(def, snap).includes(kind))
			throw new ProcedureError(
				'conflict',
				'The delivery confirmation follows the export of military goods only, and this licence covers none (001 p.22).'
			);
		const at = new Date(input.at);
		if (at > now)
			throw new ProcedureError('invalid', 'The shipment cannot be in the future.', {
				at: fieldProblem('in-the-future', 'after now')
			});
		const variant = kind === 'delivery-confirmation' ? 'military-goods' : 'general-licence';
		return plan({
			clockOps: [startClock(kind, variant, null, at)],
			events: [
				event('clock:started', now, kind === 'delivery-confirmation' ? '001 p.22' : '001 p.28', {
					kind,
					startedAt: at.toISOString()
				})
			]
		});
	},

	'record-post-export-report': ({ snap, now, calendar }, input) => {
		const clock = openClock(snap, input.kind);
		if (!clock) throw new ProcedureError('conflict', `No ${input.kind} is awaited on this case.`);
		if (input.kind === 'delivery-confirmation')
			return plan({
				clockOps: [append(clock, { type: 'met', at: now })],
				record: { deliveryConfirmation: { document: input.document ?? null, at: now.toISOString() } },
				events: [event('clock:met', now, clock.clock.citation, { kind: input.kind })]
			});
		// 001 p.28, Annex 4: what the report holds; the licence is this case's (Annex 4 item 1).
		const shipped = calendar.localDate(clock.clock.events[0]!.at);
		if (input.exportDate > calendar.localDate(now))
			throw new ProcedureError('invalid', 'The export date cannot be in the future.', {
				exportDate: fieldProblem('in-the-future', 'after today')
			});
		if (input.exportDate !== shipped)
			throw new ProcedureError('invalid', `The report is for the export recorded on ${shipped}.`, {
				exportDate: fieldProblem('not-recorded-export-date', `the recorded export date is ${shipped}`, {
					date: shipped
				})
			});
		const report = {
			licence: (snap.record.documentNumber as string | undefined) ?? null,
			licenceDate: (snap.record.issuedOn as string | undefined) ?? null,
			exportDate: input.exportDate,
			endUser: input.endUser,
			goods: input.goods,
			quantity: input.quantity,
			balance: input.balance,
			at: now.toISOString()
		};
		const reports = (snap.record.executionReports as unknown[] | undefined) ?? [];
		return plan({
			clockOps: [append(clock, { type: 'met', at: now })],
			record: { executionReports: [...reports, report] },
			events: [event('clock:met', now, '001 p.28, Annex 4', { kind: input.kind, report })]
		});
	}
};

/** 001 p.16: an agency's answer; after the deemed approval it is kept but has no effect (409). */
export function planConsultationAnswer(
	snap: CaseSnapshot,
	consultationId: string,
	answer: { decision: 'approve' | 'object'; reason?: string },
	label: string,
	now: Date
): ActionPlan {
	const c = snap.consultations.find((x) => x.id === consultationId);
	if (!c) throw new ProcedureError('not-found', 'No such consultation.');
	if (c.decision === 'deemed_approved') {
		return plan({
			consultationLateAnswer: { id: c.id, decision: answer.decision, reason: answer.reason ?? null, at: now },
			events: [
				event('consultation:late-answer-recorded', now, '001 p.16', {
					agency: c.agency,
					decision: answer.decision,
					reason: answer.reason ?? null,
					by: label
				})
			],
			answer: {
				status: 409,
				message:
					'The 10 working days ended without an answer, so the consultation was deemed approved (001 p.16). Your answer is kept on the case but has no legal effect.'
			}
		});
	}
	if (c.decision !== null)
		throw new ProcedureError('conflict', `This consultation was already answered (${c.decision}).`);
	const clock = openClock(snap, 'consultation', c.agency);
	return plan({
		stage: reviewStage(snap, {
			consultationsPending: pendingConsultations(snap, c.id).length > 0,
			mfaPending: mfaPending(snap)
		}),
		clockOps: clock ? [append(clock, { type: 'met', at: now })] : [],
		consultationAnswer: { id: c.id, decision: answer.decision, reason: answer.reason ?? null, at: now },
		events: [
			event('consultation:answered', now, '001 p.16', {
				agency: c.agency,
				decision: answer.decision,
				reason: answer.reason ?? null,
				...(answer.decision === 'object' ? { ground: 4 } : {})
			})
		]
	});
}

/** 001 p.16, ADR-007: silence at the end of the 10 working days is approval, recorded at the due. */
export function planDeemedApproval(snap: CaseSnapshot, agency: string, due: Date): ActionPlan | null {
	const c = snap.consultations.find((x) => x.agency === agency && x.decision === null);
	const clock = openClock(snap, 'consultation', agency);
	if (!c || !clock) return null;
	return plan({
		stage: reviewStage(snap, {
			consultationsPending: pendingConsultations(snap, c.id).length > 0,
			mfaPending: mfaPending(snap)
		}),
		clockOps: [append(clock, { type: 'met', at: due })],
		consultationAnswer: { id: c.id, decision: 'deemed_approved', reason: null, at: due },
		events: [
			event('consultation:deemed-approved', due, '001 p.16', {
				agency,
				rule: 'No answer within 10 working days: the licence issue is deemed approved (001 p.16).'
			})
		]
	});
}

/** 001 p.17: the MFA's answer ends the suspension; the term resumes with the time it had left. */
export function planMfaResult(
	snap: CaseSnapshot,
	result: { authentic: boolean; reference: string },
	now: Date
): ActionPlan {
	if (!snap.mfa) throw new ProcedureError('not-found', 'No MFA check was requested for this case.');
	if (snap.mfa.resultAt !== null) throw new ProcedureError('conflict', 'The MFA result was already recorded.');
	const check = openClock(snap, 'mfa-check', 'mfa');
	// Resumed, unless information from foreign bodies is still awaited (001 Annex 1 row 3).
	const resume = termSuspensionOps(snap, now, { mfa: false, foreign: foreignPendingOn(snap) });
	return plan({
		stage: reviewStage(snap, { consultationsPending: pendingConsultations(snap).length > 0, mfaPending: false }),
		clockOps: [...(check ? [append(check, { type: 'met', at: now })] : []), ...resume],
		mfaResult: result,
		events: [
			event('mfa:result-received', now, '001 p.17', {
				authentic: result.authentic,
				reference: result.reference,
				clock: 'resumed',
				...(result.authentic ? {} : { ground: 12 })
			})
		]
	});
}
