/**
 * explainClock: why a clock is due when it is — the day-0 rule, the days the count skipped and
 * why (weekend, holiday by name, override by reason), each suspension and the extension. Built
 * from the same replay as computeClock, for the case page and for answering the applicant.
 */
import { formatLocalDateTime, type ExplainedDay, type LocalDate, type WorkingCalendar } from '../calendar';
import type { ClockEvent, SlaClock, SuspensionInterval } from './clock-types';
import { replayClock } from './replay-clock';

export interface ClockExplanation {
	readonly kind: SlaClock['kind'];
	readonly citation: string;
	readonly startDay: LocalDate;
	readonly due: Date | null;
	readonly dueDate: LocalDate | null;
	/** Days from the start day to the due date (or to today while suspended) that were not counted. */
	readonly skipped: readonly ExplainedDay[];
	/** Weekend/holiday days counted because an override made them working days. */
	readonly countedByOverride: readonly ExplainedDay[];
	readonly suspensions: readonly SuspensionInterval[];
	/** One line per event: what happened and the due it left, in Almaty local time (English). */
	readonly steps: readonly string[];
	/** The same events as data, for the page to say in its reader's language. */
	readonly trace: readonly { readonly event: ClockEvent; readonly dueAfter: number | null }[];
}

const UNIT_WORDS: Record<SlaClock['unit'], string> = {
	working_days: 'working days',
	calendar_days: 'calendar days',
	working_hours: 'working hours',
	months: 'months',
	years: 'years'
};

function describe(e: ClockEvent, clock: SlaClock): string {
	const at = formatLocalDateTime(e.at);
	switch (e.type) {
		case 'started':
			return clock.unit === 'working_hours'
				? `${at} started: ${clock.length} working hours of office time (${clock.citation})`
				: `${at} started: ${clock.length} ${UNIT_WORDS[clock.unit]}, ` +
						`counted from the day after (ADR-003; ${clock.citation})`;
		case 'suspended':
			return `${at} suspended: ${e.reason} (${e.legalBasis})`;
		case 'resumed':
			return `${at} resumed with the working time that was left (ADR-005)`;
		case 'extended':
			return `${at} extended by ${e.by} ${UNIT_WORDS[clock.unit]} (${e.citation})`;
		case 'met':
			return `${at} met`;
		case 'breached':
			return `${at} recorded as breached`;
		case 'cancelled':
			return `${at} cancelled: ${e.reason}`;
	}
}

export function explainClock(clock: SlaClock, calendar: WorkingCalendar, now: Date): ClockExplanation {
	const r = replayClock(clock, calendar, now);
	const startDay = calendar.localDate(new Date(r.startMs));
	const due = r.dueUnknown ? null : new Date(r.due);
	const dueDate = due ? calendar.localDate(due) : null;
	const until = dueDate ?? calendar.localDate(now);
	const range = until >= startDay ? calendar.explain(startDay, until) : null;
	const steps = r.trace.map(({ event, dueAfter }) => {
		const line = describe(event, clock);
		return dueAfter === null
			? `${line}; due unknown until resumed`
			: `${line}; due ${formatLocalDateTime(new Date(dueAfter))}`;
	});
	for (const s of r.suspensions) {
		steps.push(
			`suspension ${formatLocalDateTime(s.from)} – ${s.to ? formatLocalDateTime(s.to) : 'open'}: ` +
				`${s.remainingWorkingMinutes} working minutes were left (${s.legalBasis})`
		);
	}
	return {
		kind: clock.kind,
		citation: clock.citation,
		startDay,
		due,
		dueDate,
		skipped: range?.skipped ?? [],
		countedByOverride: range?.countedByOverride ?? [],
		suspensions: r.suspensions,
		steps,
		trace: r.trace.map(({ event, dueAfter }) => ({ event, dueAfter }))
	};
}
