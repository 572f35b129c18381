/**
 * Admin-maintained corrections to the public-holiday list (ADR-004):
 * - 'day_off': a weekday made a day off (a decreed day transfer) or a one-off office closure;
 * - 'working_day': a day made working (a decreed working Saturday).
 * Overrides win over holidays and weekends. Changing them means building a new calendar
 * (`createCalendar` / `withOverrides`); open deadlines are then recomputed from their events.
 */
import { parseLocalDate, type LocalDate } from './local-date';

export type OverrideKind = 'day_off' | 'working_day';

export interface CalendarOverride {
	readonly date: LocalDate;
	readonly kind: OverrideKind;
	/** Why, e.g. the government decree that transferred the day; shown in explanations. */
	readonly reason: string;
}

export interface IndexedOverride extends CalendarOverride {
	readonly day: number;
}

/**
 * Validates overrides and indexes them by day number. Two overrides for one date are an error
 * even when identical: the admin screen should edit the existing entry, not stack a new one.
 */
export function indexOverrides(overrides: readonly CalendarOverride[]): ReadonlyMap<number, IndexedOverride> {
	const byDay = new Map<number, IndexedOverride>();
	for (const o of overrides) {
		const day = parseLocalDate(o.date);
		if (o.kind !== 'day_off' && o.kind !== 'working_day') {
			throw new RangeError(
				`override ${o.date}: kind must be 'day_off' or 'working_day', got ${JSON.stringify(o.kind)}`
			);
		}
		if (typeof o.reason !== 'string' || o.reason.trim() === '') {
			throw new RangeError(`override ${o.date}: a reason is required (decree or closure notice)`);
		}
		if (byDay.has(day)) throw new RangeError(`override ${o.date}: the date is overridden twice`);
		byDay.set(day, { date: o.date, kind: o.kind, reason: o.reason, day });
	}
	return byDay;
}
