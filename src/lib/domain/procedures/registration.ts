/**
 * Registering an application: its registration day (17:00 cut-off, ADR-002), first stage and the
 * clocks that start with it. Terms that run from registration are started by the receipt itself
 * and count from the registration day (sla: countsFromRegistration), so a case registered on
 * Monday for a Friday-evening receipt gets Monday as day 0.
 */
import type { WorkingCalendar } from '../calendar';
import { deriveHearingNoticeClock, type SlaClock } from '../sla';
import { isMfaCheckCode } from '../reference/codes';
import { startClock } from './case-clocks';
import type { CaseClock, ClockOp, ProcedureDefinition } from './types';

export interface RegistrationInput {
	readonly receivedAt: Date;
	readonly goodsLines?: readonly { readonly controlCode: string }[];
	readonly devices?: readonly string[];
	readonly reviewBy?: 'provider' | 'quality-body';
}

export interface RegistrationPlan {
	readonly registeredOn: string;
	readonly stage: string;
	readonly clocks: readonly CaseClock[];
	readonly devices: readonly string[];
}

const started = (op: ClockOp): CaseClock => {
	if (op.op !== 'start') throw new Error('expected a start');
	return op.clock;
};

export function planRegistration(
	def: ProcedureDefinition,
	input: RegistrationInput,
	now: Date,
	calendar: WorkingCalendar
): RegistrationPlan {
	const at = input.receivedAt;
	const registeredOn = calendar.registrationDay(at);
	const clocks: CaseClock[] = [];
	const withMfaCodes = (input.goodsLines ?? []).some((g) => isMfaCheckCode(g.controlCode));
	for (const rc of def.registrationClocks) {
		if (rc.onlyWithMfaCodes && !withMfaCodes) continue;
		const clock = started(startClock(rc.kind, rc.variant, null, at));
		// T0: the portal registers the application on arrival (001 p.14); met when we record it.
		if (rc.kind === 'registration')
			clocks.push({
				...clock,
				clock: {
					...clock.clock,
					events: [...clock.clock.events, { type: 'met', at: new Date(Math.max(now.getTime(), at.getTime())) }]
				}
			});
		else clocks.push(clock);
	}
	const term = clocks.find((c) => c.kind === 'service-term');
	if (def.hearing && term) {
		// T10: the preliminary refusal no later than 3 WD before the term ends (001 p.19 para 3; 000 p.13).
		clocks.push({ id: null, kind: 'hearing-notice', subject: null, clock: deriveHearingNoticeClock(term.clock) });
	}
	let stage = def.initialStage;
	if (def.complaint) {
		const quality = input.reviewBy === 'quality-body';
		// The quality-control body's 15 WD run from its own registration of the forwarded complaint
		// (001 p.24(2); 000 p.16(2)), so that clock starts at forwarding (forward-complaint), not here.
		if (quality) clocks.push(started(startClock('complaint-forwarding', 'to-reviewing-body', null, at)));
		else clocks.push(started(startClock('complaint-review', 'provider', null, at)));
		stage = quality ? 'complaint-forwarding' : 'complaint-review';
	}
	const devices = def.devices ? [...new Set(input.devices ?? [])] : [];
	for (const imei of devices) clocks.push(started(startClock('service-term', 'device-verification', imei, at)));
	const first = def.steps[0];
	if (first) {
		const shape: Pick<SlaClock, 'unit' | 'length' | 'citation'> = {
			unit: first.unit,
			length: first.length,
			citation: first.citation
		};
		clocks.push(started(startClock('procedure-step', undefined, first.id, at, shape)));
	}
	return { registeredOn, stage, clocks, devices };
}
