/**
 * What the durable scheduler needs of a clock: its stored state and due (for ordering and
 * indexing only; the history stays the truth) and the instants its amber and red bands begin.
 */
import type { WorkingCalendar } from '../calendar';
import { computeClock, thresholdsFor, type ComputedClock, type SlaClock } from '../sla';

export interface ClockTimers {
	readonly computed: ComputedClock;
	/** Stored state: 'overdue' only once the scheduler has announced the breach (see scheduler). */
	readonly state: ComputedClock['state'];
	readonly dueAt: Date | null;
	/** When the remaining working time reaches the amber threshold (decision: ≤ 2 WD by default). */
	readonly warnAt: Date | null;
	/** When it reaches the red threshold (≤ 0.5 WD by default): the second warning, with its own marker (ADR-085), and the `/cases` red band (ADR-088). */
	readonly redAt: Date | null;
}

export function clockTimers(clock: SlaClock, calendar: WorkingCalendar, now: Date): ClockTimers {
	const computed = computeClock(clock, calendar, now);
	const due = computed.due;
	const open = computed.state === 'running' || computed.state === 'overdue';
	const t = thresholdsFor(clock);
	const warnAt = open && due ? calendar.addWorkingMinutes(due, -t.amberAtMinutes) : null;
	const redAt = open && due ? calendar.addWorkingMinutes(due, -t.redAtMinutes) : null;
	return { computed, state: computed.state, dueAt: due, warnAt, redAt };
}

/** The case event announcing a clock's warning band (complaints have their own name). */
export function warningEventType(kind: SlaClock['kind']): string {
	return kind === 'complaint-review' || kind === 'complaint-forwarding' || kind === 'complaint-extension-notice'
		? 'complaint:deadline-approaching'
		: 'clock:warning';
}
