/**
 * Constructors for clock events and for clocks built from the kind table, so callers write
 * `newClock('service-term', 'licence-export', [started(at)])` instead of literal objects.
 */
import { clockVariant } from './clock-kinds';
import type { ClockEvent, ClockKind, SlaClock } from './clock-types';

export const started = (at: Date): ClockEvent => ({ type: 'started', at });
export const suspended = (at: Date, reason: string, legalBasis: string): ClockEvent => ({
	type: 'suspended',
	at,
	reason,
	legalBasis
});
export const resumed = (at: Date): ClockEvent => ({ type: 'resumed', at });
export const extended = (at: Date, by: number, citation: string): ClockEvent => ({
	type: 'extended',
	at,
	by,
	citation
});
export const met = (at: Date): ClockEvent => ({ type: 'met', at });
export const breached = (at: Date): ClockEvent => ({ type: 'breached', at });
export const cancelled = (at: Date, reason: string): ClockEvent => ({ type: 'cancelled', at, reason });

/** A clock with the length, unit and citation of a kind's variant (default: the first one). */
export function newClock(kind: ClockKind, variantId: string | undefined, events: readonly ClockEvent[]): SlaClock {
	if (kind === 'hearing-notice') {
		throw new RangeError('a hearing-notice clock is derived from its service term: use deriveHearingNoticeClock');
	}
	const v = clockVariant(kind, variantId);
	return { kind, unit: v.unit, length: v.length, citation: v.citation, events: [...events] };
}
