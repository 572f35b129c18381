/**
 * Replays a validated event history on a calendar: the due after each event, the suspension
 * intervals, and how the clock closed. computeClock and explainClock both read this trace, so
 * the figure on the dashboard and its explanation cannot disagree.
 */
import type { WorkingCalendar } from '../calendar';
import { ClockSequenceError } from './clock-errors';
import { clockKindSpec, countsFromRegistration } from './clock-kinds';
import type { ClockEvent, SlaClock, SuspensionInterval } from './clock-types';
import { termArithmetic, type TermArithmetic } from './term-arithmetic';
import { validateClock } from './validate-clock';

export type ClosingEvent = Extract<ClockEvent, { type: 'met' | 'breached' | 'cancelled' }>;

export interface TraceStep {
	readonly event: ClockEvent;
	/** The due after this event; null while suspended. */
	readonly dueAfter: number | null;
}

interface OpenSuspension {
	readonly at: number;
	readonly reason: string;
	readonly legalBasis: string;
	/** Left in the term's own measure (office minutes or calendar ms); ≤ 0 = already lapsed. */
	readonly left: number;
	readonly officeMinutesLeft: number;
}

export interface Replay {
	readonly startMs: number;
	/** The current due; while suspended (or closed while suspended), the due it interrupted. */
	readonly due: number;
	/** True while a suspension is open, or if the clock closed during one (the due is unknown). */
	readonly dueUnknown: boolean;
	readonly suspended: boolean;
	readonly suspensions: readonly SuspensionInterval[];
	readonly extension: { readonly at: Date; readonly by: number; readonly citation: string } | null;
	readonly closing: ClosingEvent | null;
	/** Office minutes left when the clock closed, or (while suspended) the frozen value. */
	readonly frozenOfficeMinutes: number | null;
	readonly trace: readonly TraceStep[];
	/** The due if the open suspension ended at `t` (the current due when none is open). */
	dueIfResumedAt(t: number): number;
	/** Office minutes from `t` to the current due, counted as the term counts them. */
	officeMinutesLeftAt(t: number): number;
}

function interval(s: OpenSuspension, to: Date | null): SuspensionInterval {
	return {
		from: new Date(s.at),
		to,
		reason: s.reason,
		legalBasis: s.legalBasis,
		remainingWorkingMinutes: s.officeMinutesLeft
	};
}

export function replayClock(clock: SlaClock, calendar: WorkingCalendar, now: Date): Replay {
	validateClock(clock, now);
	const startMs = clock.events[0]?.at.getTime() ?? Number.NaN;
	const kindSpec = clockKindSpec(clock.kind);
	const term: TermArithmetic = termArithmetic(
		clock,
		calendar,
		startMs,
		kindSpec.sameDayCutoff,
		countsFromRegistration(clock)
	);
	let due = term.firstDue;
	let open: OpenSuspension | null = null;
	let extension: Replay['extension'] = null;
	let closing: ClosingEvent | null = null;
	let frozen: number | null = null;
	let closedWhileSuspended = false;
	const suspensions: SuspensionInterval[] = [];
	const trace: TraceStep[] = [];
	// A term that had run out before the suspension stays run out: there is nothing to keep.
	const resumeDue = (s: OpenSuspension, t: number): number => (s.left > 0 ? term.dueOnResume(t, s.left) : due);

	for (const [i, e] of clock.events.entries()) {
		const t = e.at.getTime();
		if (e.type === 'suspended') {
			const left = term.leftAt(t, due);
			const officeMinutesLeft = left > 0 ? term.officeMinutesLeftAt(t, due) : 0;
			open = { at: t, reason: e.reason, legalBasis: e.legalBasis, left, officeMinutesLeft };
		} else if (e.type === 'resumed' && open) {
			due = resumeDue(open, t);
			suspensions.push(interval(open, e.at));
			open = null;
		} else if (e.type === 'extended') {
			if (t > due)
				throw new ClockSequenceError(
					'extension-after-due',
					'the term had already run out; it can no longer be extended',
					i
				);
			due = term.extend(due, e.by);
			extension = { at: e.at, by: e.by, citation: e.citation };
		} else if (e.type === 'met' || e.type === 'breached' || e.type === 'cancelled') {
			if (e.type === 'breached' && t <= due) {
				throw new ClockSequenceError(
					'breached-before-due',
					`recorded as breached before its due ${new Date(due).toISOString()}`,
					i
				);
			}
			closing = e;
			if (open) {
				frozen = open.officeMinutesLeft;
				suspensions.push(interval(open, e.at));
				closedWhileSuspended = true;
				open = null;
			} else {
				frozen = term.officeMinutesLeftAt(t, due);
			}
		}
		trace.push({ event: e, dueAfter: open || closedWhileSuspended ? null : due });
	}

	const stillOpen: OpenSuspension | null = open;
	if (stillOpen) {
		suspensions.push(interval(stillOpen, null));
		frozen = stillOpen.officeMinutesLeft;
	}
	return {
		startMs,
		due,
		dueUnknown: stillOpen !== null || closedWhileSuspended,
		suspended: stillOpen !== null,
		suspensions,
		extension,
		closing,
		frozenOfficeMinutes: frozen,
		trace,
		dueIfResumedAt: (t) => (stillOpen ? resumeDue(stillOpen, t) : due),
		officeMinutesLeftAt: (t) => term.officeMinutesLeftAt(t, due)
	};
}
