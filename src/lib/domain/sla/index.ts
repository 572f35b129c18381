/** Public API of the SLA clocks (timers T0–T23 of ADR-021; ADR-003, ADR-005, ADR-011). */
export { CLOCK_KINDS } from './clock-types';
export type {
	ClockBand,
	ClockEvent,
	ClockEventType,
	ClockKind,
	ClockState,
	ClockUnit,
	ComputedClock,
	SlaClock,
	SuspensionInterval
} from './clock-types';
export { CLOCK_KIND_SPECS, clockKindSpec, clockVariant, countsFromRegistration } from './clock-kinds';
export { monthlyListDue, monthlyListDueDay } from './monthly-list';
export { UNMAPPED_A9_TIMERS } from './clock-kind-spec';
export type { ClockKindSpec, ClockVariant } from './clock-kind-spec';
export { breached, cancelled, extended, met, newClock, resumed, started, suspended } from './clock-events';
export { ClockSequenceError, type ClockErrorCode } from './clock-errors';
export { validateClock } from './validate-clock';
export { computeClock, type ComputeClockOptions } from './compute-clock';
export { explainClock, type ClockExplanation } from './explain-clock';
export { deriveExtensionNoticeClock, deriveHearingNoticeClock } from './derived-clocks';
export {
	DEFAULT_THRESHOLDS,
	bandFor,
	thresholdsFor,
	type BandThresholds,
	type ThresholdOverrides
} from './warning-bands';
