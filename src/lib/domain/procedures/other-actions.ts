/**
 * Actions of the complaint (001 pp.23–25; 000 pp.15–17), device-verification (004 P 10) and
 * step-timed (003) procedures.
 */
import { computeClock } from '../sla';
import { fieldProblem } from '../errors/field-problem';
import { append, cancelOpenClocks, findClock, openClock, startClock } from './case-clocks';
import type { Handlers } from './engine';
import { event, plan } from './plan-builders';
import { ProcedureError, stepPerformerProblem, type ActingUser, type CaseSnapshot, type ProcedureStep } from './types';

/** The complaint-review steps a decider of the case complained about may not take, with their points. */
const REVIEW_STEP_POINTS = {
	'extend-complaint': 'the extension (001 p.25 para 1; 000 p.17 para 1)',
	'record-extension-notice': 'the extension notice (001 p.25 para 2; 000 p.17 para 2)',
	'decide-complaint': 'the decision (001 p.24; 000 p.16)'
} as const;

/**
 * Whoever decided the case complained about takes no part in the review of the complaint against
 * that decision (001 p.23 para 1; 000 p.15 para 1): not its extension, its notice nor its decision.
 * Checked against the decider now, so a case decided after an inaction complaint was filed counts too.
 */
export function recusedFromComplaintReview(snap: CaseSnapshot, actor: ActingUser): boolean {
	return snap.complaintOfDecidedBy !== null && snap.complaintOfDecidedBy === actor.userId;
}

function assertNotRecused(snap: CaseSnapshot, actor: ActingUser, step: keyof typeof REVIEW_STEP_POINTS): void {
	if (recusedFromComplaintReview(snap, actor))
		throw new ProcedureError(
			'forbidden',
			`You decided the case this complaint is about, so ${REVIEW_STEP_POINTS[step]} falls to another reviewer (001 pp.23–25; 000 pp.15–17).`
		);
}

export const OTHER_HANDLERS: Handlers = {
	'forward-complaint': ({ snap, now }, input) => {
		const clock = openClock(snap, 'complaint-forwarding');
		// The quality-control body registers the forwarded complaint on its arrival (the 17:00 rule of
		// registration applies: complaint-review counts from registration), and its 15 WD run from that
		// registration, not from the Committee's receipt (001 p.24(2); 000 p.16(2)).
		const review = findClock(snap, 'complaint-review')
			? []
			: [startClock('complaint-review', 'quality-body', null, now)];
		return plan({
			stage: 'complaint-review',
			clockOps: [...(clock ? [append(clock, { type: 'met' as const, at: now })] : []), ...review],
			events: [
				event('complaint:forwarded', now, '001 p.23 para 2; 000 p.15', {
					stage: 'complaint-review',
					to: input.to ?? 'quality-control body'
				})
			]
		});
	},

	'extend-complaint': ({ snap, actor, now, calendar }, input) => {
		assertNotRecused(snap, actor, 'extend-complaint');
		const review = openClock(snap, 'complaint-review');
		if (!review) throw new ProcedureError('conflict', 'The complaint review is not running.');
		if (review.clock.events.some((e) => e.type === 'extended'))
			throw new ProcedureError('conflict', 'The review term may be extended only once (001 p.25 para 1).');
		const due = computeClock(review.clock, calendar, now).due;
		if (!due || now > due)
			throw new ProcedureError(
				'conflict',
				'The review term has already run out; it can no longer be extended (001 p.25 para 1).'
			);
		const extended = {
			...review.clock,
			events: [
				...review.clock.events,
				{ type: 'extended' as const, at: now, by: input.workingDays, citation: '001 p.25 para 1; 000 p.17' }
			]
		};
		const newDue = computeClock(extended, calendar, now).due;
		return plan({
			clockOps: [
				append(review, extended.events.at(-1)!),
				startClock('complaint-extension-notice', 'to-complainant', null, now)
			],
			events: [
				event('complaint:extended', now, '001 p.25; 000 p.17', {
					workingDays: input.workingDays,
					reason: input.reason,
					dueAt: newDue?.toISOString() ?? null
				})
			]
		});
	},

	'record-extension-notice': ({ snap, actor, now }) => {
		assertNotRecused(snap, actor, 'record-extension-notice');
		const notice = openClock(snap, 'complaint-extension-notice');
		if (!notice) throw new ProcedureError('conflict', 'No extension notice is awaited.');
		return plan({
			clockOps: [append(notice, { type: 'met', at: now })],
			events: [event('complaint:extension-notified', now, '001 p.25 para 2; 000 p.17', {})]
		});
	},

	'decide-complaint': ({ snap, actor, now }, input) => {
		assertNotRecused(snap, actor, 'decide-complaint');
		const review = openClock(snap, 'complaint-review');
		return plan({
			stage: 'complaint-decided',
			clockOps: [
				...(review ? [append(review, { type: 'met', at: now })] : []),
				...cancelOpenClocks(snap, now, 'complaint decided', ['complaint-review'])
			],
			decides: true,
			record: { outcome: input.outcome, reason: input.reason },
			events: [
				event('complaint:decided', now, '001 p.24; 000 p.16', { stage: 'complaint-decided', outcome: input.outcome })
			]
		});
	},

	'verify-device': ({ snap, now }, input) => {
		const device = snap.devices.find((d) => d.imei === input.imei);
		if (!device)
			throw new ProcedureError('invalid', 'This request has no such device.', {
				imei: fieldProblem('device-not-in-request', 'not in the request')
			});
		if (device.result !== null)
			throw new ProcedureError('conflict', `Device ${input.imei} was already ${device.result}.`);
		const clock = openClock(snap, 'service-term', input.imei);
		const rest = snap.devices.filter((d) => d.result === null && d.imei !== input.imei);
		return plan({
			stage: rest.length ? null : 'devices-decided',
			clockOps: clock ? [append(clock, { type: 'met', at: now })] : [],
			deviceResult: { imei: input.imei, result: input.result },
			decides: rest.length === 0,
			...(rest.length === 0 ? { issuesNumber: 'device-confirmation' as const } : {}),
			events: [
				// The device by its position in the request, not its IMEI: the trail is never destroyed (004 P 16).
				event('device:verified', now, '004 P 10', {
					device: snap.devices.findIndex((d) => d.imei === input.imei) + 1,
					result: input.result,
					remaining: rest.length,
					...(rest.length ? {} : { stage: 'devices-decided' })
				})
			]
		});
	},

	'complete-step': ({ def, snap, actor, now }, input) => {
		const index = def.steps.findIndex((s) => `step:${s.id}` === snap.stage);
		const step = def.steps[index];
		if (!step) throw new ProcedureError('conflict', 'The case is not at a step.');
		if (!actor.roles.some((r) => (step.roles as readonly string[]).includes(r)))
			throw new ProcedureError(
				'forbidden',
				step.participant
					? `Step ${step.id} is taken by the ${step.participant.nameEn.toLowerCase()} (${step.participant.citation}; ${step.citation}).`
					: `Step ${step.id} is taken by: ${step.roles.join(', ')} (${step.citation}).`
			);
		const performer = stepPerformerProblem(step, snap, actor);
		if (performer) throw new ProcedureError(snap.assigneeId === null ? 'conflict' : 'forbidden', performer);
		if (input.refuse && !step.mayRefuse)
			throw new ProcedureError('invalid', `A refusal is drafted at the examination step, not at step ${step.id}.`, {
				refuse: fieldProblem('refusal-not-at-step', 'not at this step', { step: step.id })
			});
		// The reasoned refusal rests on a ground (003 A3 p.8.5: the cases of Standard p.10).
		const ground = input.refuse && step.refusalGrounds ? refusalGround(step, input.ground) : null;
		const refusing = input.refuse === true || snap.record.outcome === 'refusing';
		const next = def.steps.slice(index + 1).find((s) => !refusing || s.alsoOnRefusal);
		const clock = openClock(snap, 'procedure-step', step.id);
		const ops = clock ? [append(clock, { type: 'met' as const, at: now })] : [];
		if (!next) {
			const outcome = refusing ? 'refused' : 'included';
			return plan({
				stage: outcome,
				clockOps: ops,
				decides: true,
				...(refusing ? {} : { issuesNumber: 'register-entry' as const }),
				record: { outcome },
				events: [event('step:completed', now, step.citation, { step: step.id, name: step.nameEn, stage: outcome })]
			});
		}
		return plan({
			stage: `step:${next.id}`,
			clockOps: [
				...ops,
				startClock('procedure-step', undefined, next.id, now, {
					unit: next.unit,
					length: next.length,
					citation: next.citation
				})
			],
			...(input.refuse ? { record: { outcome: 'refusing', ...(ground ? { refusal: ground } : {}) } } : {}),
			events: [
				event('step:completed', now, ground ? `${step.citation}; ${ground.citation}` : step.citation, {
					step: step.id,
					name: step.nameEn,
					stage: `step:${next.id}`,
					...(input.refuse ? { refusing: true } : {}),
					...(ground ? { ground: ground.ground } : {})
				})
			]
		});
	}
};

/** The ground a step's refusal names, checked against the step's list (003 A3 p.8.5). */
function refusalGround(step: ProcedureStep, ground: string | undefined) {
	const grounds = step.refusalGrounds ?? {};
	const found = ground === undefined ? undefined : grounds[ground];
	if (!found || ground === undefined)
		throw new ProcedureError('invalid', `A reasoned refusal names its ground (${step.citation}).`, {
			ground: fieldProblem('not-in-list', `one of: ${Object.keys(grounds).join(', ')}`, {
				values: Object.keys(grounds).join(', '),
				citation: step.citation
			})
		});
	return { ground, nameEn: found.nameEn, citation: found.citation };
}
