/**
 * computeClock: the state, due, remaining working time and warning band of a clock, all derived
 * from its event history and the calendar at `now` (ADR-003 to ADR-005). Nothing here is
 * stored; recomputing after a calendar change or a corrected event gives the new truth.
 */
import type { WorkingCalendar } from '../calendar';
import type { ClockState, ComputedClock, SlaClock } from './clock-types';
import { replayClock, type Replay } from './replay-clock';
import { bandFor, thresholdsFor, type ThresholdOverrides } from './warning-bands';

export interface ComputeClockOptions {
	/** Per-kind warning thresholds in working minutes (defaults: warning-bands.ts). */
	readonly thresholds?: ThresholdOverrides;
}

function stateOf(r: Replay, nowMs: number): { state: ClockState; late: boolean } {
	const c = r.closing;
	if (c?.type === 'cancelled') return { state: 'cancelled', late: false };
	if (c?.type === 'breached') return { state: 'breached', late: false };
	if (c?.type === 'met') {
		// Met after the due: the obligation was performed, but the term was breached.
		const late = !r.dueUnknown && c.at.getTime() > r.due;
		return { state: late ? 'breached' : 'met', late };
	}
	if (r.suspended) return { state: 'suspended', late: false };
	return { state: nowMs > r.due ? 'overdue' : 'running', late: false };
}

export function computeClock(
	clock: SlaClock,
	calendar: WorkingCalendar,
	now: Date,
	options: ComputeClockOptions = {}
): ComputedClock {
	const r = replayClock(clock, calendar, now);
	const nowMs = now.getTime();
	const { state, late } = stateOf(r, nowMs);
	const remaining = r.frozenOfficeMinutes ?? r.officeMinutesLeftAt(nowMs);
	const due = r.dueUnknown ? null : new Date(r.due);
	return {
		kind: clock.kind,
		state,
		due,
		dueDate: due ? calendar.localDate(due) : null,
		projectedDue: r.suspended ? new Date(r.dueIfResumedAt(nowMs)) : null,
		remainingWorkingMinutes: remaining,
		band: bandFor(state, remaining, thresholdsFor(clock, options.thresholds)),
		suspensions: r.suspensions,
		extension: r.extension,
		closedAt: r.closing?.at ?? null,
		late
	};
}
