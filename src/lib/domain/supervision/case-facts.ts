/**
 * What a decided case contributes to compliance, derived from its stored clocks (the truth) with the
 * calendar. Working days are counted as terms count them: the start day is day 0 (ADR-003), so a
 * case started on Monday and decided on Wednesday used 2 working days; working days the term stood
 * suspended (MFA check, foreign bodies: 001 pp.17–18) are not used days.
 */
import type { LocalDate, WorkingCalendar } from '../calendar';
import { computeClock } from '../sla/compute-clock';
import type { ClockKind, SlaClock } from '../sla/clock-types';

export interface DecidedCaseInput {
	readonly caseId: string;
	readonly service: string;
	readonly unit: string | null;
	readonly officerId: number | null;
	readonly officer: string | null;
	readonly decidedAt: Date;
	readonly clocks: readonly SlaClock[];
}

export interface DecidedCaseFacts {
	readonly caseId: string;
	readonly service: string;
	readonly unit: string | null;
	readonly officerId: number | null;
	readonly officer: string | null;
	readonly decidedOn: LocalDate;
	/** The service term's outcome; null when the service runs no service-term clock (or it was cancelled). */
	readonly term: 'met' | 'late' | null;
	/** Working days of the service term used up to the decision, suspensions excluded. */
	readonly workingDaysUsed: number | null;
	readonly suspendedWorkingDays: number;
	/** The kind of every clock of the case that was breached or is overdue (a case may breach several). */
	readonly breachedClocks: readonly ClockKind[];
}

export function decidedCaseFacts(input: DecidedCaseInput, calendar: WorkingCalendar, now: Date): DecidedCaseFacts {
	return decidedCaseFactsUntil(input, calendar, now).facts;
}

/**
 * The facts, and until when they hold without a write: a clock still running turns overdue (a
 * breach) at its due, so the earliest such due; null when no clock can change by time alone (a
 * suspended clock waits for its resumption, which is a write).
 */
export function decidedCaseFactsUntil(
	input: DecidedCaseInput,
	calendar: WorkingCalendar,
	now: Date
): { facts: DecidedCaseFacts; staleAt: Date | null } {
	const computed = input.clocks.map((c) => ({ clock: c, state: computeClock(c, calendar, now) }));
	const runningDues = computed
		.filter((c) => c.state.state === 'running' && c.state.due)
		.map((c) => c.state.due!.getTime());
	const staleAt = runningDues.length ? new Date(Math.min(...runningDues)) : null;
	const term = computed.find((c) => c.clock.kind === 'service-term');
	const breachedClocks = computed
		.filter((c) => c.state.state === 'breached' || c.state.state === 'overdue' || c.state.late)
		.map((c) => c.clock.kind);
	let outcome: DecidedCaseFacts['term'] = null;
	let workingDaysUsed: number | null = null;
	let suspendedWorkingDays = 0;
	if (term && term.state.state !== 'cancelled') {
		const late = term.state.late || term.state.state === 'breached' || term.state.state === 'overdue';
		outcome = late ? 'late' : 'met';
		for (const s of term.state.suspensions) {
			const to = s.to ?? input.decidedAt;
			suspendedWorkingDays += Math.max(
				0,
				calendar.workingDaysBetween(calendar.localDate(s.from), calendar.localDate(to))
			);
		}
		const started = term.clock.events.find((e) => e.type === 'started');
		if (started) {
			const span = calendar.workingDaysBetween(calendar.localDate(started.at), calendar.localDate(input.decidedAt));
			workingDaysUsed = Math.max(0, span - suspendedWorkingDays);
		}
	}
	const facts: DecidedCaseFacts = {
		caseId: input.caseId,
		service: input.service,
		unit: input.unit,
		officerId: input.officerId,
		officer: input.officer,
		decidedOn: calendar.localDate(input.decidedAt),
		term: outcome,
		workingDaysUsed,
		suspendedWorkingDays,
		breachedClocks
	};
	return { facts, staleAt };
}
