/**
 * Legal urgency of a case for the officers' queues: the remaining working time of its most urgent
 * running clock. Suspended cases (the service term stopped for the MFA check, 001 p.17) are listed
 * apart with the reason, since their remaining time does not run.
 */
import type { WorkingCalendar } from '../calendar';
import { computeClock, type ClockBand, type ComputedClock, type SlaClock } from '../sla';

export interface CaseClocks {
	readonly clocks: readonly (SlaClock & { readonly subject?: string | null })[];
}

export interface Urgency {
	/** The running clock that ends first (null when none runs). */
	readonly next: (ComputedClock & { readonly subject: string | null }) | null;
	/**
	 * Working minutes from `now` to its due (negative when overdue), as the queue's countdown shows
	 * them; +Infinity when nothing runs. Not the term's own remaining time: a term whose day 0 is
	 * still ahead (registered after 17:00, 001 p.14–15) has not started, so its remaining time is its
	 * whole length, yet its due is fixed — ordered by that, a case due on Monday came above one due
	 * on Friday.
	 */
	readonly remainingWorkingMinutes: number;
	readonly band: ClockBand | 'none';
	/** The open suspension of the service term, if any. */
	readonly suspension: { readonly since: Date; readonly reason: string; readonly legalBasis: string } | null;
}

const BAND_ORDER: Record<ClockBand, number> = { breached: 0, red: 1, amber: 2, ok: 3 };

export function urgencyOf(c: CaseClocks, calendar: WorkingCalendar, now: Date): Urgency {
	let next: Urgency['next'] = null;
	let nextToDue = Number.POSITIVE_INFINITY;
	let worst: ClockBand | 'none' = 'none';
	let suspension: Urgency['suspension'] = null;
	for (const clock of c.clocks) {
		const computed = computeClock(clock, calendar, now);
		if (computed.state === 'suspended') {
			const open = computed.suspensions.find((s) => s.to === null);
			if (open && clock.kind === 'service-term')
				suspension = { since: open.from, reason: open.reason, legalBasis: open.legalBasis };
			continue;
		}
		if (computed.state !== 'running' && computed.state !== 'overdue') continue;
		const toDue = computed.due ? calendar.workingMinutesBetween(now, computed.due) : computed.remainingWorkingMinutes;
		if (!next || toDue < nextToDue) [next, nextToDue] = [{ ...computed, subject: clock.subject ?? null }, toDue];
		if (worst === 'none' || BAND_ORDER[computed.band] < BAND_ORDER[worst]) worst = computed.band;
	}
	return { next, remainingWorkingMinutes: nextToDue, band: worst, suspension };
}

/** Most urgent first; ties by due instant, then by the given key (case number) for a stable order. */
export function byUrgency<T extends { urgency: Urgency; key: string }>(a: T, b: T): number {
	const d = a.urgency.remainingWorkingMinutes - b.urgency.remainingWorkingMinutes;
	if (d !== 0 && !Number.isNaN(d)) return d;
	const due = (a.urgency.next?.due?.getTime() ?? Infinity) - (b.urgency.next?.due?.getTime() ?? Infinity);
	if (due !== 0 && !Number.isNaN(due)) return due;
	return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
