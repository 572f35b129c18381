/**
 * Warning bands on the working time left. One working day is the office time of a day
 * (09:00–18:30 minus the 13:00–14:30 lunch = 480 minutes, ADR-001), so "2 WD" is 960 minutes.
 * Defaults: amber at ≤ 2 WD left, red at ≤ 0.5 WD. Short clocks get scaled defaults, otherwise
 * a 4-hour 003 registration would be red from its first minute. Callers can override per kind.
 */
import { WORKING_DAY_MINUTES } from '../calendar';
import type { ClockBand, ClockKind, ClockState, SlaClock } from './clock-types';

export interface BandThresholds {
	/** Amber when the remaining working minutes are at or below this. */
	readonly amberAtMinutes: number;
	/** Red when the remaining working minutes are at or below this. */
	readonly redAtMinutes: number;
}

export const DEFAULT_THRESHOLDS: BandThresholds = {
	amberAtMinutes: 2 * WORKING_DAY_MINUTES,
	redAtMinutes: 0.5 * WORKING_DAY_MINUTES
};

export type ThresholdOverrides = Partial<Record<ClockKind, BandThresholds>>;

/**
 * The thresholds for a clock: the caller's override for its kind, else the defaults. Clocks
 * shorter than one working day (003 hour limits, same-day registration) scale them down to half
 * (amber) and a quarter (red) of their length; day-based clocks keep 2 WD / 0.5 WD as asked,
 * so a 2-WD completeness check is amber from the start — it is always urgent.
 */
export function thresholdsFor(clock: SlaClock, overrides: ThresholdOverrides = {}): BandThresholds {
	const own = overrides[clock.kind];
	if (own) return own;
	const short =
		clock.unit === 'working_hours'
			? clock.length * 60
			: clock.unit === 'working_days' && clock.length === 0
				? WORKING_DAY_MINUTES
				: null;
	if (short === null || short >= WORKING_DAY_MINUTES * 4) return DEFAULT_THRESHOLDS;
	return {
		amberAtMinutes: Math.min(DEFAULT_THRESHOLDS.amberAtMinutes, short / 2),
		redAtMinutes: Math.min(DEFAULT_THRESHOLDS.redAtMinutes, short / 4)
	};
}

export function bandFor(state: ClockState, remainingWorkingMinutes: number, t: BandThresholds): ClockBand {
	if (state === 'overdue' || state === 'breached') return 'breached';
	if (state === 'met' || state === 'cancelled') return 'ok';
	if (remainingWorkingMinutes <= t.redAtMinutes) return 'red';
	if (remainingWorkingMinutes <= t.amberAtMinutes) return 'amber';
	return 'ok';
}
