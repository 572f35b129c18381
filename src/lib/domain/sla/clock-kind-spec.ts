/**
 * The shape of the clock-kind table (clock-kinds.ts), and the T0–T23 timers (ADR-021) deliberately left out.
 */
import type { ClockKind, ClockUnit } from './clock-types';

export interface ClockVariant {
	readonly id: string;
	readonly unit: ClockUnit;
	/** For 'hearing-notice': working days *before* the end of the service term. */
	readonly length: number;
	readonly citation: string;
	/** Which T0–T23 timer (ADR-021) this variant is. */
	readonly t: string;
	/** Overrides the kind's `countsFromRegistration` for this variant (004 has no 17:00 cut-off). */
	readonly countsFromRegistration?: boolean;
	/** The citation clocks stored before it was written in the canonical form (ADR-106), still matched. */
	readonly formerCitation?: string;
}

export interface ClockKindSpec {
	readonly kind: ClockKind;
	readonly tNumbers: readonly string[];
	readonly citation: string;
	/** The start event, as the act words it (or [DERIVED], our reading). */
	readonly startsAt: string;
	readonly onExpiry: string;
	/** A 0-working-day clock is due the same day with the 17:00 intake cut-off (ADR-002). */
	readonly sameDayCutoff: boolean;
	/**
	 * The term runs from the registration of the application or complaint: when its start event is
	 * the receipt, day 0 is the registration day (ADR-002: 17:00 cut-off, weekends, holidays).
	 */
	readonly countsFromRegistration: boolean;
	/** Legal basis that allows suspending it; null = suspending it is an error. */
	readonly suspension: string | null;
	/** The one extension the act allows, null = none. */
	readonly extension: { readonly maxWorkingDays: number; readonly citation: string } | null;
	readonly variants: readonly [ClockVariant, ...ClockVariant[]];
}

/**
 * T0–T23 timers with no clock kind, and why: they are not deadlines the desk runs down, or have no
 * length. T12/T20/T21 are date arithmetic (calendar.addYears), T22/T23 are admin dates.
 */
export const UNMAPPED_A9_TIMERS: Readonly<Record<string, string>> = {
	T7: 'export-control-system request: no length in 001 p.17',
	T12: 'licence validity, 1 year from issue (001 p.6): an expiry date, not an SLA',
	T20: 'look-back 1 year (grounds 16–17): calendar.addYears(filing, -1)',
	T21: 'look-back 5 years (grounds 18–19): calendar.addYears(date, -5)',
	T22: 'admin: notify the Unified Contact Centre within 3 WD (001 p.3)',
	T23: 'admin: 2026 amendments in force 60 CD after publication (Ескерту notes)'
};
