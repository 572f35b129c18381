/**
 * SLA clocks as stored: a kind, a length in a unit, the legal citation, and the event history.
 * Everything else (state, due, remaining time, band) is computed from these by computeClock, so
 * a changed calendar or a corrected event re-derives every deadline (ADR-004).
 */
import type { LocalDate } from '../calendar';

/** Stable names, used in APIs and stored data. T0–T23 mapping (ADR-021): clock-kinds.ts. */
export const CLOCK_KINDS = [
	'registration',
	'completeness',
	'service-term',
	'consultation',
	'mfa-check',
	'original-guarantee',
	'hearing-notice',
	'hearing',
	'complaint-forwarding',
	'complaint-review',
	'complaint-extension-notice',
	'delivery-confirmation',
	'execution-report',
	'procedure-step',
	'certificate-presentation'
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export type ClockUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'months' | 'years';

export type ClockEvent =
	| { readonly type: 'started'; readonly at: Date }
	| { readonly type: 'suspended'; readonly at: Date; readonly reason: string; readonly legalBasis: string }
	| { readonly type: 'resumed'; readonly at: Date }
	/** `by` is in the clock's unit; once per clock, and ≤ 10 WD for complaint review (001 p.25). */
	| { readonly type: 'extended'; readonly at: Date; readonly by: number; readonly citation: string }
	| { readonly type: 'met'; readonly at: Date }
	| { readonly type: 'breached'; readonly at: Date }
	| { readonly type: 'cancelled'; readonly at: Date; readonly reason: string };

export type ClockEventType = ClockEvent['type'];

export interface SlaClock {
	readonly kind: ClockKind;
	readonly unit: ClockUnit;
	readonly length: number;
	/** The point that fixes the length, e.g. '001 Annex 1 row 3'. */
	readonly citation: string;
	readonly events: readonly ClockEvent[];
}

export type ClockState = 'running' | 'suspended' | 'met' | 'breached' | 'cancelled' | 'overdue';
export type ClockBand = 'ok' | 'amber' | 'red' | 'breached';

export interface SuspensionInterval {
	readonly from: Date;
	/** null while the suspension is still open. */
	readonly to: Date | null;
	readonly reason: string;
	readonly legalBasis: string;
	/** Working minutes that were left when the clock stopped; the clock resumes with them. */
	readonly remainingWorkingMinutes: number;
}

export interface ComputedClock {
	readonly kind: ClockKind;
	readonly state: ClockState;
	/** The deadline; null while suspended (it is only known once the clock resumes). */
	readonly due: Date | null;
	readonly dueDate: LocalDate | null;
	/** While suspended: the due date if the clock resumed at `now` (a lower bound). */
	readonly projectedDue: Date | null;
	/**
	 * Working (office) minutes from `now` to `due`; negative when overdue. Frozen while
	 * suspended; for a closed clock, the minutes that were left when it closed.
	 */
	readonly remainingWorkingMinutes: number;
	readonly band: ClockBand;
	readonly suspensions: readonly SuspensionInterval[];
	/** The extension applied, if any. */
	readonly extension: { readonly at: Date; readonly by: number; readonly citation: string } | null;
	/** When the clock was met, breached or cancelled, if it was. */
	readonly closedAt: Date | null;
	/** True when the clock was met after its due (state 'breached'). */
	readonly late: boolean;
}
